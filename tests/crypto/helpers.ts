// Shared helpers for the differential tests of lib/crypto/node-crypto.ts.
import nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * The shims follow the Node major version the project targets (.nvmrc); on
 * another Node the differential compares them with a different OpenSSL and
 * Buffer, so its mismatches would not be bugs. Checked first in each file.
 */
export function expectTargetNode(): void {
  const target = readFileSync(new URL('../../.nvmrc', import.meta.url), 'utf8').trim().split('.')[0];
  expect(`node ${process.versions.node.split('.')[0]}`, 'run the differential on the Node .nvmrc names').toBe(`node ${target}`);
}

/** Deterministic PRNG (mulberry32) so failures are reproducible. */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** A random bigint in [0, max). */
  bigBelow(max: bigint): bigint {
    const len = Math.ceil(max.toString(16).length / 2) + 8;
    return bytesToBig(this.bytes(len)) % max;
  }
}

export type Outcome = 'true' | 'false' | 'throw';

export function outcome(fn: () => boolean): Outcome {
  try {
    return fn() ? 'true' : 'false';
  } catch {
    return 'throw';
  }
}

/** The try/catch wrapper @sigstore/core puts around crypto.verify. */
export function tryVerify(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

export function bytesToBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + hex(b));
}

export function bigToBytes(n: bigint, len?: number): Uint8Array {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  const raw = fromHex(h);
  if (len === undefined) return raw;
  if (raw.length > len) throw new Error('number too large');
  return concat(new Uint8Array(len - raw.length), raw);
}

export function bigToBytesLE(n: bigint, len: number): Uint8Array {
  return bigToBytes(n, len).reverse();
}

export function bytesToBigLE(b: Uint8Array): bigint {
  return bytesToBig(Uint8Array.from(b).reverse());
}

// --- DER building blocks (deliberately independent of the shim's parser).

export function derLength(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const bytes = bigToBytes(BigInt(len));
  return concat(Uint8Array.of(0x80 | bytes.length), bytes);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(tag), derLength(content.length), content);
}

export function seq(...items: Uint8Array[]): Uint8Array {
  return tlv(0x30, concat(...items));
}

/** Minimal DER INTEGER for a non-negative bigint. */
export function derUint(n: bigint): Uint8Array {
  let b = bigToBytes(n);
  if (b.length === 0) b = Uint8Array.of(0);
  if (b[0]! & 0x80) b = concat(Uint8Array.of(0), b);
  return tlv(0x02, b);
}

export function bitString(content: Uint8Array, unused = 0): Uint8Array {
  return tlv(0x03, concat(Uint8Array.of(unused), content));
}

export const OIDS = {
  ecPublicKey: fromHex('06072a8648ce3d0201'),
  p256: fromHex('06082a8648ce3d030107'),
  p384: fromHex('06052b81040022'),
  p521: fromHex('06052b81040023'),
  secp256k1: fromHex('06052b8104000a'),
  ed25519: fromHex('06032b6570'),
  x25519: fromHex('06032b656e'),
  ed448: fromHex('06032b6571'),
  rsaEncryption: fromHex('06092a864886f70d010101'),
  rsaPss: fromHex('06092a864886f70d01010a'),
  x500Rsa: fromHex('060455080101'),
};

export const NULL = fromHex('0500');

export function spki(algorithm: Uint8Array, key: Uint8Array, unused = 0): Uint8Array {
  return seq(algorithm, bitString(key, unused));
}

/** Loose parse of Node's (canonical) DER ECDSA signature. */
export function parseEcdsaDer(sig: Uint8Array): { r: bigint; s: bigint } {
  let p = 2;
  if (sig[1]! & 0x80) p += sig[1]! & 0x7f;
  const readInt = (): bigint => {
    if (sig[p] !== 0x02) throw new Error('bad test signature');
    const len = sig[p + 1]!;
    const v = bytesToBig(sig.subarray(p + 2, p + 2 + len));
    p += 2 + len;
    return v;
  };
  const r = readInt();
  const s = readInt();
  return { r, s };
}

export function ecdsaDer(r: bigint, s: bigint): Uint8Array {
  return seq(derUint(r), derUint(s));
}

/** Node's KeyObject for DER input. */
export function nodeKey(der: Uint8Array, type: 'spki' | 'pkcs1' = 'spki'): nodeCrypto.KeyObject {
  return nodeCrypto.createPublicKey({ key: Buffer.from(der), format: 'der', type });
}

/** JSON with sorted object keys and bigints as strings, for order-insensitive comparison. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Every Tally created, by test name (printed when CRYPTO_DIFF_SUMMARY is set). */
export const tallies: Array<{ test: string; tally: Tally }> = [];

/** Collects mismatches (bounded) and counts cases. */
export class Tally {
  cases = 0;
  readonly mismatches: string[] = [];
  constructor() {
    tallies.push({ test: expect.getState().currentTestName ?? '?', tally: this });
  }
  check(label: string, expected: unknown, actual: unknown): void {
    this.cases++;
    const e = canonical(expected);
    const a = canonical(actual);
    if (e !== a && this.mismatches.length < 25) this.mismatches.push(`${label}: node=${e} shim=${a}`);
  }
}

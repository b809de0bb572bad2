// Differential tests: lib/crypto/node-crypto.ts (what the browser runs) against
// node:crypto (OpenSSL) on the same generated inputs. Every comparison uses
// Node's answer as the expected value; keys and signatures are generated with
// node:crypto, tampering is driven by a seeded PRNG.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodeCrypto from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import * as shimModule from '../../lib/crypto/node-crypto';
import shimDefault from '../../lib/crypto/node-crypto';
import { Buffer as LibBuffer } from '../../lib/crypto/buffer';
import {
  NULL, OIDS, Rng, Tally, tallies, bigToBytes, bigToBytesLE, bitString, bytesToBig, bytesToBigLE, concat, derLength,
  derUint, ecdsaDer, expectTargetNode, fromHex, hex, nodeKey, outcome, parseEcdsaDer, seq, spki, tlv, tryVerify,
  type Outcome,
} from './helpers';

type Shim = Pick<typeof shimModule, 'createPublicKey' | 'createHash' | 'verify' | 'timingSafeEqual'>;
type ShimKey = ReturnType<Shim['createPublicKey']>;
type NodeKey = nodeCrypto.KeyObject;
type KeyPair = { publicKey: NodeKey; privateKey: NodeKey };

const generateKeyPair = promisify(nodeCrypto.generateKeyPair) as unknown as (
  type: string,
  options: Record<string, unknown>,
) => Promise<KeyPair>;

const shim: Shim = shimModule;
const u8 = (b: Buffer | Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const spkiDer = (k: NodeKey): Uint8Array => u8(k.export({ type: 'spki', format: 'der' }));

function flipBit(b: Uint8Array, rng: Rng): Uint8Array {
  const out = b.length ? Uint8Array.from(b) : Uint8Array.of(0);
  const i = rng.int(out.length * 8);
  out[i >> 3]! ^= 1 << (i & 7);
  return out;
}

function replaceByte(b: Uint8Array, rng: Rng): Uint8Array {
  const out = Uint8Array.from(b);
  const i = rng.int(out.length);
  out[i] = (out[i]! + 1 + rng.int(255)) & 0xff;
  return out;
}

/** One tampered input; absent fields mean "as in the original", `alg` may be explicitly undefined. */
interface Variant<K> {
  w: string;
  /** Needs the curve arithmetic (slow in pure JS): only a seeded sample of these runs. */
  heavy?: boolean;
  sig: Uint8Array;
  data?: Uint8Array;
  alg?: string | null;
  key?: K;
}

const variantAlg = <K>(v: Variant<K>, dflt: string | null | undefined): string | null | undefined => ('alg' in v ? v.alg : dflt);

/** Distribution of Node's answers, so a suite cannot pass by comparing only one kind of answer. */
class VerifyTally extends Tally {
  readonly seen: Record<Outcome, number> = { true: 0, false: 0, throw: 0 };
  compare(label: string, nodeFn: () => boolean, shimFn: () => boolean): void {
    const expected = outcome(nodeFn);
    this.seen[expected]++;
    // The exact outcome (true/false/throw) and the answer @sigstore/core sees through its try/catch wrapper.
    this.check(label, [expected, tryVerify(nodeFn)], [outcome(shimFn), tryVerify(shimFn)]);
  }
}

// ---------------------------------------------------------------------------
// Key material, generated once.

interface Curve {
  name: 'P-256' | 'P-384' | 'P-521';
  noble: typeof p256;
  fieldBytes: number;
  oid: Uint8Array;
}

const CURVES: Curve[] = [
  { name: 'P-256', noble: p256, fieldBytes: 32, oid: OIDS.p256 },
  { name: 'P-384', noble: p384, fieldBytes: 48, oid: OIDS.p384 },
  { name: 'P-521', noble: p521, fieldBytes: 66, oid: OIDS.p521 },
];

interface RsaKey {
  label: string;
  pair: KeyPair;
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  k: number;
}

const ecKeys = new Map<string, KeyPair[]>();
let edKeys: KeyPair[] = [];
let rsaKeys: RsaKey[] = [];

const b64u = (s: string | undefined): bigint => bytesToBig(u8(Buffer.from(s ?? '', 'base64url')));

beforeAll(async () => {
  const ec = CURVES.map(async (c) => {
    ecKeys.set(c.name, await Promise.all([0, 1, 2].map(() => generateKeyPair('ec', { namedCurve: c.name }))));
  });
  const ed = Promise.all([0, 1, 2, 3].map(() => generateKeyPair('ed25519', {})));
  const rsaSpecs: Array<[number, number]> = [[1024, 65537], [1028, 3], [2047, 65537], [2048, 65537], [2048, 3], [3072, 65537], [4096, 65537]];
  const rsa = Promise.all(rsaSpecs.map(async ([bits, e]) => {
    const pair = await generateKeyPair('rsa', { modulusLength: bits, publicExponent: e });
    const jwk = pair.privateKey.export({ format: 'jwk' });
    const n = b64u(jwk.n);
    return {
      label: `rsa${bits}e${e}`, pair, n, e: b64u(jwk.e), d: b64u(jwk.d), p: b64u(jwk.p), q: b64u(jwk.q),
      k: Math.ceil(n.toString(2).length / 8),
    };
  }));
  await Promise.all(ec);
  edKeys = await ed;
  rsaKeys = await rsa;
}, 120_000);

afterAll(() => {
  if (!process.env.CRYPTO_DIFF_SUMMARY) return;
  const total = tallies.reduce((n, { tally }) => n + tally.cases, 0);
  console.log(tallies.map(({ test, tally }) => `${String(tally.cases).padStart(7)}  ${test}`).join('\n') + `\n${String(total).padStart(7)}  total`);
});

// ---------------------------------------------------------------------------

describe('node-crypto shim exports', () => {
  it('runs on the Node major version the shim follows (.nvmrc)', expectTargetNode);

  it('has named and default exports for the functions @sigstore/core calls', () => {
    for (const name of ['createPublicKey', 'createHash', 'verify', 'timingSafeEqual'] as const) {
      expect(typeof shimModule[name]).toBe('function');
      expect(shimDefault[name]).toBe(shimModule[name]);
    }
    const key = shim.createPublicKey({ key: spkiDer(ecKeys.get('P-256')![0]!.publicKey), format: 'der', type: 'spki' });
    expect(key).toBeInstanceOf(shimModule.KeyObject);
    expect(key.type).toBe('public');
  });
});

describe('createHash', () => {
  const ALGS = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'];

  it('matches node on random inputs, chunkings and output encodings', () => {
    const rng = new Rng(11);
    const t = new Tally();
    const lengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 135, 136, 137, 143, 144, 1000];
    for (const alg of ALGS) {
      for (let i = 0; i < 60; i++) {
        const len = i < lengths.length ? lengths[i]! : rng.int(3000);
        const data = rng.bytes(len);
        const nodeHash = nodeCrypto.createHash(alg);
        const shimHash = shim.createHash(alg);
        let off = 0;
        while (off < len) {
          const step = 1 + rng.int(len - off);
          const chunk = data.subarray(off, off + step);
          // Alternate between Buffer, Uint8Array and DataView chunks.
          const view = rng.int(3) === 0 ? new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength) : rng.int(2) ? Buffer.from(chunk) : chunk;
          expect(shimHash.update(view)).toBe(shimHash); // chainable
          nodeHash.update(view);
          off += step;
        }
        const enc = rng.pick([undefined, 'hex', 'base64', 'base64url', 'latin1'] as const) as nodeCrypto.BinaryToTextEncoding | undefined;
        if (enc === undefined) t.check(`${alg} ${len}`, hex(nodeHash.digest()), hex(shimHash.digest()));
        else t.check(`${alg} ${len} ${enc}`, nodeHash.digest(enc), shimHash.digest(enc));
      }
      for (let i = 0; i < 20; i++) {
        const chars = Array.from({ length: rng.int(40) }, () => String.fromCharCode(rng.pick([rng.int(128), rng.int(0x800), rng.int(0x10000), 0xd800 + rng.int(0x800)])));
        const s = chars.join('');
        t.check(`${alg} string`, nodeCrypto.createHash(alg).update(s).digest('hex'), shim.createHash(alg).update(s).digest('hex'));
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(800);
  });

  it('digest() returns a lib/crypto/buffer Buffer', () => {
    const d = shim.createHash('sha256').update('abc').digest();
    expect(d).toBeInstanceOf(LibBuffer);
    expect(hex(d)).toBe(nodeCrypto.createHash('sha256').update('abc').digest('hex'));
  });

  it('accepts exactly the algorithm names node accepts for the supported digests', () => {
    const t = new Tally();
    const supported = new Map(ALGS.map((a) => [nodeCrypto.createHash(a).update('x').digest('hex'), a]));
    const base = [
      ...nodeCrypto.getHashes(),
      ...ALGS,
      'SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA2-224', 'SHA2-256', 'SHA2-384', 'SHA2-512', 'SHA-512/224', 'SHA-512/256',
      'SHA2-512/224', 'SHA2-512/256', 'SSL3-SHA1', 'RSA-SHA1-2', 'sha1WithRSA', 'sha256WithRSA', 'ecdsa-with-SHA256', 'id-sha256',
      '1.3.14.3.2.26', '2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3', '2.16.840.1.101.3.4.2.4',
      '2.16.840.1.101.3.4.2.5', '2.16.840.1.101.3.4.2.6', '2.16.840.1.101.3.4.2.7', '2.16.840.1.101.3.4.2.8', '2.16.840.1.101.3.4.2.9',
      '2.16.840.1.101.3.4.2.10', '1.2.840.113549.1.1.11', '1.2.840.10045.4.3.2', 'sha512/256', 'sha3_256', 'SHA3256', 'sha256 ', ' sha256',
      'sha-3-256', 'sha2', 'sha', '', 'sha256\0', 'shake256', 'md5', 'ripemd160', 'sm3', 'blake2b512', 'SHA2-256/192', 'SHA512-224WithRSAEncryption',
      // OpenSSL 3.5 finds provider names and OIDs with trailing spaces (only spaces), but not the legacy aliases.
      'sha256   ', 'sha256\t', 'sha256 \t', 'sha256 \0x', 'sha-512/256 ', 'sha3-512  ', 'ssl3-sha1 ', '2.16.840.1.101.3.4.2.1 ', ' ', 'md5 ',
      'RSA-SHA256 ', 'sha256WithRSAEncryption ', 'id-rsassa-pkcs1-v1_5-with-sha3-256 ', 'RSA-SHA1-2 ',
      // Case folding is ASCII only: the Kelvin sign (U+212A) is not 'k'.
      'id-rsassa-p\u212acs1-v1_5-with-sha3-256',
    ];
    const names = [...new Set(base.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase()]))];
    for (const name of names) {
      let nodeDigest: string | undefined;
      try {
        nodeDigest = nodeCrypto.createHash(name).update('x').digest('hex');
      } catch {
        nodeDigest = undefined;
      }
      let shimDigest: string | undefined;
      try {
        shimDigest = shim.createHash(name).update('x').digest('hex');
      } catch {
        shimDigest = undefined;
      }
      // Digests outside the supported set (md5, ripemd160, shake...) are deliberately rejected.
      const expected = nodeDigest !== undefined && supported.has(nodeDigest) ? nodeDigest : undefined;
      t.check(name, expected ?? 'rejected', shimDigest ?? 'rejected');
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(150);
  });

  it('throws where node throws', () => {
    const t = new Tally();
    const cases: Array<[string, (c: Shim | typeof nodeCrypto) => unknown]> = [
      ['digest twice', (c) => { const h = c.createHash('sha256'); h.digest(); return h.digest(); }],
      ['update after digest', (c) => { const h = c.createHash('sha256'); h.digest(); return h.update('a'); }],
      ['numeric algorithm', (c) => c.createHash(5 as unknown as string)],
      ['numeric data', (c) => c.createHash('sha256').update(5 as unknown as string)],
      ['ArrayBuffer data', (c) => c.createHash('sha256').update(new ArrayBuffer(2) as unknown as Uint8Array)],
      ['unknown algorithm', (c) => c.createHash('nope')],
      ['hex input', (c) => c.createHash('sha256').update('00ff', 'hex').digest('hex')],
      ['latin1 input', (c) => c.createHash('sha256').update('\u00ff\u00fe', 'latin1').digest('hex')],
      ['Uint16Array input', (c) => c.createHash('sha256').update(new Uint16Array([1, 2, 3])).digest('hex')],
    ];
    for (const [label, fn] of cases) {
      const run = (c: Shim | typeof nodeCrypto): string => {
        try {
          return `ok ${String(fn(c))}`;
        } catch {
          return 'throw';
        }
      };
      t.check(label, run(nodeCrypto), run(shim));
    }
    expect(t.mismatches).toEqual([]);
  });
});

describe('timingSafeEqual', () => {
  it('matches node on equal, unequal and different-length inputs of every buffer type', () => {
    const rng = new Rng(21);
    const t = new Tally();
    const wrap = (b: Uint8Array, kind: number): ArrayBufferView | ArrayBuffer => {
      switch (kind) {
        case 0: return Buffer.from(b);
        case 1: return new DataView(b.buffer, b.byteOffset, b.byteLength);
        case 2: return b.slice().buffer;
        case 3: return b.length % 2 === 0 ? new Uint16Array(b.slice().buffer) : b;
        default: return b;
      }
    };
    const run = (fn: () => boolean): string => {
      try {
        return String(fn());
      } catch (e) {
        return e instanceof RangeError ? 'RangeError' : 'Error';
      }
    };
    for (let i = 0; i < 600; i++) {
      const a = rng.bytes(rng.int(70));
      const mode = rng.int(4);
      let b: Uint8Array;
      if (mode === 0) b = a.slice();
      else if (mode === 1 && a.length) b = replaceByte(a, rng);
      else if (mode === 2) b = rng.bytes(rng.int(70));
      else b = concat(a, rng.bytes(1 + rng.int(3)));
      const ka = rng.int(5);
      const kb = rng.int(5);
      const x = wrap(a, ka);
      const y = wrap(b, kb);
      t.check(`#${i} ${ka}/${kb}`, run(() => nodeCrypto.timingSafeEqual(x as Uint8Array, y as Uint8Array)), run(() => shim.timingSafeEqual(x, y)));
    }
    t.check('strings', run(() => nodeCrypto.timingSafeEqual('ab' as never, 'ab' as never)), run(() => shim.timingSafeEqual('ab' as never, 'ab' as never)));
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBe(601);
  });
});

// ---------------------------------------------------------------------------
// ECDSA

describe('ECDSA verify', () => {
  const MAIN_DIGESTS = [undefined, 'sha1', 'sha256', 'sha384', 'sha512'];
  const EXTRA_DIGESTS = ['sha224', 'sha512-256', 'sha3-256', 'sha3-384', 'sha3-512'];
  const ALL = [...MAIN_DIGESTS, ...EXTRA_DIGESTS];

  function compressedSpki(curve: Curve, der: Uint8Array): Uint8Array {
    const point = der.subarray(der.length - (1 + 2 * curve.fieldBytes));
    const x = point.subarray(1, 1 + curve.fieldBytes);
    const odd = point[point.length - 1]! & 1;
    return spki(seq(OIDS.ecPublicKey, curve.oid), concat(Uint8Array.of(2 + odd), x));
  }

  it('matches node on P-256/P-384/P-521 × digests: valid, tampered, high-S, malformed DER, wrong keys', () => {
    const rng = new Rng(31);
    const t = new VerifyTally();
    for (const curve of CURVES) {
      const n = curve.noble.Point.Fn.ORDER;
      const pairs = ecKeys.get(curve.name)!;
      const keys = pairs.map((pair) => {
        const der = spkiDer(pair.publicKey);
        const cder = compressedSpki(curve, der);
        return {
          pair,
          node: nodeKey(der), shim: shim.createPublicKey({ key: der, format: 'der', type: 'spki' }),
          nodeC: nodeKey(cder), shimC: shim.createPublicKey({ key: cder, format: 'der', type: 'spki' }),
        };
      });
      const otherCurve = CURVES[(CURVES.indexOf(curve) + 1) % 3]!;
      const foreignDer = spkiDer(ecKeys.get(otherCurve.name)![0]!.publicKey);
      const foreign = { node: nodeKey(foreignDer), shim: shim.createPublicKey({ key: foreignDer, format: 'der', type: 'spki' }) };

      for (const digest of ALL) {
        const iterations = MAIN_DIGESTS.includes(digest) ? 4 : 2;
        for (let i = 0; i < iterations; i++) {
          const key = keys[i % keys.length]!;
          const wrongKey = keys[(i + 1) % keys.length]!;
          const data = rng.bytes(rng.int(300));
          const sig = u8(nodeCrypto.sign(digest, data, key.pair.privateKey));
          const { r, s } = parseEcdsaDer(sig);
          const content = sig.subarray(sig[1]! & 0x80 ? 3 : 2);
          const rMin = bigToBytes(r);
          const negR = Uint8Array.from(rMin);
          negR[0]! |= 0x80;
          const L = curve.fieldBytes;
          type K = { node: NodeKey; shim: ShimKey };
          const compressed: K = { node: key.nodeC, shim: key.shimC };
          const variants: Variant<K>[] = [
            { w: 'valid', sig },
            { w: 'high-S', sig: ecdsaDer(r, n - s) },
            { heavy: true, w: 'high-S, data flipped', sig: ecdsaDer(r, n - s), data: flipBit(data, rng) },
            { heavy: true, w: 'data bit flipped', sig, data: flipBit(data, rng) },
            { heavy: true, w: 'signature bit flipped', sig: flipBit(sig, rng) },
            { heavy: true, w: 'signature byte replaced', sig: replaceByte(sig, rng) },
            { w: 'truncated', sig: sig.subarray(0, rng.int(sig.length)) },
            { w: 'trailing byte', sig: concat(sig, Uint8Array.of(rng.int(256))) },
            { w: 'trailing zero', sig: concat(sig, Uint8Array.of(0)) },
            { w: 'outer length +1', sig: concat(Uint8Array.of(0x30), derLength(content.length + 1), content) },
            { w: 'outer length -1', sig: concat(Uint8Array.of(0x30), derLength(content.length - 1), content) },
            { w: 'non-minimal r', sig: seq(tlv(0x02, concat(Uint8Array.of(0), rMin[0]! & 0x80 ? Uint8Array.of(0) : new Uint8Array(0), rMin)), derUint(s)) },
            { w: 'negative r', sig: seq(tlv(0x02, negR), derUint(s)) },
            { w: 'r = 0', sig: ecdsaDer(0n, s) },
            { w: 's = 0', sig: ecdsaDer(r, 0n) },
            { w: 'r = n', sig: ecdsaDer(n, s) },
            { w: 's = n', sig: ecdsaDer(r, n) },
            { w: 'r + n', sig: ecdsaDer(r + n, s) },
            { w: 's + n', sig: ecdsaDer(r, s + n) },
            { heavy: true, w: 'swapped r and s', sig: ecdsaDer(s, r) },
            { w: 'long-form outer length', sig: concat(content.length < 128 ? Uint8Array.of(0x30, 0x81) : Uint8Array.of(0x30, 0x82, 0), Uint8Array.of(content.length), content) },
            { w: 'long-form integer length', sig: seq(concat(Uint8Array.of(0x02, 0x81), derUint(r).subarray(1)), derUint(s)) },
            { w: 'indefinite length', sig: concat(Uint8Array.of(0x30, 0x80), content, Uint8Array.of(0, 0)) },
            { w: 'empty integer', sig: seq(fromHex('0200'), derUint(s)) },
            { w: 'three integers', sig: seq(derUint(r), derUint(s), derUint(1n)) },
            { w: 'SET instead of SEQUENCE', sig: tlv(0x31, content) },
            { w: 'raw r||s', sig: concat(bigToBytes(r, L), bigToBytes(s, L)) },
            { w: 'empty signature', sig: new Uint8Array(0) },
            { heavy: true, w: 'random r, s', sig: ecdsaDer(1n + rng.bigBelow(n - 1n), 1n + rng.bigBelow(n - 1n)) },
            { heavy: true, w: 'wrong key', sig, key: wrongKey },
            { heavy: true, w: 'key of another curve', sig, key: foreign },
            { heavy: true, w: 'compressed key', sig, key: compressed },
            { heavy: true, w: 'high-S, compressed key', sig: ecdsaDer(r, n - s), key: compressed },
            { heavy: true, w: 'other digest', sig, alg: rng.pick(ALL.filter((d) => d !== digest)) },
            { heavy: true, w: 'no digest (default)', sig, alg: undefined },
            { heavy: true, w: 'null digest (default)', sig, alg: null },
          ];
          for (const v of variants) {
            if (v.heavy && rng.next() > 0.3) continue;
            const alg = variantAlg(v, digest);
            const vdata = v.data ?? data;
            const vkey = v.key ?? key;
            t.compare(`${curve.name} ${String(digest)} #${i} ${v.w} (verify ${String(alg)})`,
              () => nodeCrypto.verify(alg, vdata, vkey.node, v.sig),
              () => shim.verify(alg, vdata, vkey.shim, v.sig));
          }
        }
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(200);
    expect(t.seen.false).toBeGreaterThan(1500);
    expect(t.cases).toBeGreaterThan(2000);
  });

  it('a missing digest means SHA-256 for every curve', () => {
    const t = new VerifyTally();
    for (const curve of CURVES) {
      const pair = ecKeys.get(curve.name)![0]!;
      const key = shim.createPublicKey({ key: spkiDer(pair.publicKey), format: 'der', type: 'spki' });
      const data = new TextEncoder().encode(`default digest ${curve.name}`);
      for (const signDigest of ['sha256', 'sha384', 'sha512']) {
        const sig = u8(nodeCrypto.sign(signDigest, data, pair.privateKey));
        t.compare(`${curve.name} signed ${signDigest}`, () => nodeCrypto.verify(undefined, data, pair.publicKey, sig), () => shim.verify(undefined, data, key, sig));
        t.compare(`${curve.name} signed ${signDigest} null`, () => nodeCrypto.verify(null, data, pair.publicKey, sig), () => shim.verify(null, data, key, sig));
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBe(6);
    expect(t.seen.false).toBe(12);
  });

  it('verify() argument handling matches node', () => {
    const t = new VerifyTally();
    const pair = ecKeys.get('P-256')![0]!;
    const der = spkiDer(pair.publicKey);
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const key = shim.createPublicKey({ key: der, format: 'der', type: 'spki' });
    const data = Buffer.from('argument handling');
    const sig = u8(nodeCrypto.sign('sha256', data, pair.privateKey));
    const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const cases: Array<[string, unknown, unknown, unknown, unknown]> = [
      ['string data', 'sha256', 'argument handling', null, sig],
      ['DataView data and signature', 'sha256', dv(data), null, dv(sig)],
      ['ArrayBuffer data', 'sha256', data.buffer.slice(data.byteOffset, data.byteOffset + data.length), null, sig],
      ['ArrayBuffer signature', 'sha256', data, null, sig.slice().buffer],
      ['string signature', 'sha256', data, null, Buffer.from(sig).toString('latin1')],
      ['numeric data', 'sha256', 5, null, sig],
      ['numeric algorithm', 5, data, null, sig],
      ['empty algorithm', '', data, null, sig],
      ['unknown algorithm', 'sha257', data, null, sig],
      ['upper-case algorithm', 'SHA256', data, null, sig],
      ['RSA-SHA256 algorithm', 'RSA-SHA256', data, null, sig],
      ['PEM string key', 'sha256', data, pem, sig],
      ['DER key object', 'sha256', data, { key: Buffer.from(der), format: 'der', type: 'spki' }, sig],
    ];
    for (const [label, alg, d, k, s] of cases) {
      t.compare(label,
        () => nodeCrypto.verify(alg as string, d as Uint8Array, (k ?? pair.publicKey) as NodeKey, s as Uint8Array),
        () => shim.verify(alg as string, d as Uint8Array, (k ?? key) as ShimKey, s as Uint8Array));
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.throw).toBeGreaterThan(3);
    expect(t.seen.true).toBeGreaterThan(3);
  });
});

// ---------------------------------------------------------------------------
// Ed25519

describe('Ed25519 verify', () => {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const P = 2n ** 255n - 19n;
  const Point = ed25519.Point;
  const torsion = ED25519_TORSION_SUBGROUP.map((h) => Point.fromHex(h));
  const sha512 = (...parts: Uint8Array[]) => u8(nodeCrypto.createHash('sha512').update(concat(...parts)).digest());
  const edSpki = (raw: Uint8Array) => spki(seq(OIDS.ed25519), raw);

  function secretScalar(pair: KeyPair): bigint {
    const seed = u8(Buffer.from(pair.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
    const h = sha512(seed).subarray(0, 32);
    h[0]! &= 248;
    h[31]! &= 127;
    h[31]! |= 64;
    return bytesToBigLE(h);
  }

  // Signs with an arbitrary nonce point R (which may carry a torsion component)
  // and arbitrary encoded public key bytes A, using secret scalar a.
  function signWith(a: bigint, aBytes: Uint8Array, rScalar: bigint, rExtra: typeof torsion[number] | null, msg: Uint8Array): Uint8Array {
    let R = Point.BASE.multiplyUnsafe(rScalar);
    if (rExtra) R = R.add(rExtra);
    const rb = R.toBytes();
    const k = bytesToBigLE(sha512(rb, aBytes, msg)) % L;
    return concat(rb, bigToBytesLE((rScalar + k * a) % L, 32));
  }

  // A signature that verifies under a small-order key with S = 0 (found by search).
  function forgeForSmallOrderKey(aBytes: Uint8Array, rng: Rng): { msg: Uint8Array; sig: Uint8Array } | null {
    const A = Point.fromBytes(aBytes, true);
    if (!A.isSmallOrder()) return null;
    for (let i = 0; i < 200; i++) {
      const msg = rng.bytes(16);
      for (const T of torsion) {
        const r = T.toBytes();
        const k = bytesToBigLE(sha512(r, aBytes, msg)) % L;
        if (hex(Point.ZERO.subtract(A.multiplyUnsafe(k)).toBytes()) === hex(r)) return { msg, sig: concat(r, new Uint8Array(32)) };
      }
    }
    return null;
  }

  function keys(raw: Uint8Array): { node: NodeKey; shim: ShimKey } {
    const der = edSpki(raw);
    return { node: nodeKey(der), shim: shim.createPublicKey({ key: der, format: 'der', type: 'spki' }) };
  }

  it('matches node on valid, tampered and non-canonical signatures', () => {
    const rng = new Rng(41);
    const t = new VerifyTally();
    edKeys.forEach((pair, ki) => {
      const raw = u8(Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url'));
      const key = keys(raw);
      const other = keys(u8(Buffer.from(edKeys[(ki + 1) % edKeys.length]!.publicKey.export({ format: 'jwk' }).x!, 'base64url')));
      const a = secretScalar(pair);
      for (let i = 0; i < 20; i++) {
        const data = rng.bytes(rng.int(200));
        const sig = u8(nodeCrypto.sign(null, data, pair.privateKey));
        const S = bytesToBigLE(sig.subarray(32));
        const Rb = sig.subarray(0, 32);
        const T = torsion[1 + rng.int(7)]!;
        const variants: Variant<{ node: NodeKey; shim: ShimKey }>[] = [
          { w: 'valid', sig },
          { w: 'valid, undefined algorithm', sig, alg: undefined },
          { w: 'data bit flipped', sig, data: flipBit(data, rng) },
          { w: 'R bit flipped', sig: concat(flipBit(Rb, rng), sig.subarray(32)) },
          { w: 'S bit flipped', sig: concat(Rb, flipBit(sig.subarray(32), rng)) },
          { w: 'R sign bit flipped', sig: concat(Rb.slice(0, 31), Uint8Array.of(Rb[31]! ^ 0x80), sig.subarray(32)) },
          { w: 'S + L (non-canonical S)', sig: concat(Rb, bigToBytesLE(S + L, 32)) },
          { w: 'S = L', sig: concat(Rb, bigToBytesLE(L, 32)) },
          { w: 'S + 2^255', sig: concat(Rb, bigToBytesLE(S + 2n ** 255n, 32)) },
          { w: 'S = 0', sig: concat(Rb, new Uint8Array(32)) },
          { w: 'truncated', sig: sig.subarray(0, 63) },
          { w: 'empty', sig: new Uint8Array(0) },
          { w: 'trailing byte', sig: concat(sig, Uint8Array.of(0)) },
          { w: 'random', sig: rng.bytes(64) },
          { w: 'wrong key', sig, key: other },
          { w: 'algorithm sha512', sig, alg: 'sha512' },
          { w: 'algorithm sha256', sig, alg: 'sha256' },
          { w: 'unknown algorithm', sig, alg: 'nope' },
          // Cofactored verifiers accept these; OpenSSL's cofactorless check does not.
          { w: 'R with torsion component', sig: signWith(a, raw, 1n + rng.bigBelow(L - 1n), T, data) },
          { w: 'R with torsion component, zero nonce', sig: signWith(a, raw, 0n, T, data) },
        ];
        for (const v of variants) {
          const alg = variantAlg(v, null);
          const vdata = v.data ?? data;
          const vkey = v.key ?? key;
          t.compare(`key ${ki} #${i} ${v.w}`, () => nodeCrypto.verify(alg, vdata, vkey.node, v.sig), () => shim.verify(alg, vdata, vkey.shim, v.sig));
        }
      }
    });
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(150);
    expect(t.seen.throw).toBeGreaterThan(200);
    expect(t.cases).toBeGreaterThan(1500);
  });

  it('matches node on small-order, mixed-order and non-canonically encoded public keys', () => {
    const rng = new Rng(42);
    const t = new VerifyTally();
    const special: Array<[string, Uint8Array]> = [];
    torsion.forEach((T, i) => special.push([`torsion point ${i}`, T.toBytes()]));
    for (let y = 0n; y < 19n; y++) {
      for (const sign of [0, 1]) {
        const b = bigToBytesLE(y + P, 32);
        b[31]! |= sign << 7;
        special.push([`non-canonical y = ${y} + p, sign ${sign}`, b]);
      }
    }
    for (const y of [1n, P - 1n]) {
      const b = bigToBytesLE(y, 32);
      b[31]! |= 0x80;
      special.push([`x = 0 with sign bit, y = ${y === 1n ? '1' : '-1'}`, b]);
    }
    for (const [label, raw] of special) {
      const key = keys(raw);
      const forged = (() => {
        try {
          return forgeForSmallOrderKey(raw, rng);
        } catch {
          return null; // not a point at all
        }
      })();
      const msg = rng.bytes(16);
      const cases: Array<[string, Uint8Array, Uint8Array]> = [['random signature', msg, rng.bytes(64)], ['zero signature', msg, new Uint8Array(64)]];
      if (forged) {
        cases.push(['forged S = 0', forged.msg, forged.sig]);
        cases.push(['forged, message changed', flipBit(forged.msg, rng), forged.sig]);
        // Non-canonical encodings of R (only possible for R.y < 19: identity and the order-4 points).
        const R = Point.fromBytes(forged.sig.subarray(0, 32), true);
        const ry = bytesToBigLE(forged.sig.subarray(0, 32)) & (2n ** 255n - 1n);
        if (ry < 19n) {
          const nc = bigToBytesLE(ry + P, 32);
          nc[31]! |= forged.sig[31]! & 0x80;
          cases.push([`non-canonical R (${hex(R.toBytes()).slice(0, 8)})`, forged.msg, concat(nc, forged.sig.subarray(32))]);
        }
      }
      for (const [what, m, s] of cases) {
        t.compare(`${label}: ${what}`, () => nodeCrypto.verify(null, m, key.node, s), () => shim.verify(null, m, key.shim, s));
      }
    }
    // Mixed-order keys A' = aB + T signed with a: valid under OpenSSL only when [k]T = 0.
    for (let i = 0; i < 64; i++) {
      const pair = edKeys[i % edKeys.length]!;
      const a = secretScalar(pair);
      const T = torsion[1 + (i % 7)]!;
      const raw = Point.BASE.multiplyUnsafe(a % L).add(T).toBytes();
      const key = keys(raw);
      const msg = rng.bytes(1 + rng.int(64));
      const sig = signWith(a, raw, 1n + rng.bigBelow(L - 1n), null, msg);
      t.compare(`mixed-order key #${i}`, () => nodeCrypto.verify(null, msg, key.node, sig), () => shim.verify(null, msg, key.shim, sig));
    }
    // Random 32-byte keys (valid points or not) with random signatures.
    for (let i = 0; i < 100; i++) {
      const key = keys(rng.bytes(32));
      const msg = rng.bytes(8);
      const sig = concat(rng.bytes(32), bigToBytesLE(rng.bigBelow(L), 32));
      t.compare(`random key #${i}`, () => nodeCrypto.verify(null, msg, key.node, sig), () => shim.verify(null, msg, key.shim, sig));
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(20);
    expect(t.seen.false).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------
// RSA

describe('RSA PKCS#1 v1.5 verify', () => {
  const DIGESTS = [undefined, 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', 'sha3-512'];
  const RARE_DIGESTS = ['sha512-224', 'sha3-224', 'sha3-384'];
  const DIGEST_INFO_OIDS: Record<string, string> = {
    sha1: '06052b0e03021a',
    sha256: '0609608648016503040201',
    sha384: '0609608648016503040202',
    sha512: '0609608648016503040203',
  };

  interface KeyForms {
    node: NodeKey[];
    shim: ShimKey[];
    labels: string[];
  }

  function forms(k: RsaKey): KeyForms {
    const pub = k.pair.publicKey;
    const spkiD = spkiDer(pub);
    const pkcs1D = u8(pub.export({ type: 'pkcs1', format: 'der' }));
    const spkiPem = pub.export({ type: 'spki', format: 'pem' }) as string;
    const pkcs1Pem = pub.export({ type: 'pkcs1', format: 'pem' }) as string;
    return {
      labels: ['spki der', 'pkcs1 der', 'spki pem', 'pkcs1 pem'],
      node: [nodeKey(spkiD), nodeKey(pkcs1D, 'pkcs1'), nodeCrypto.createPublicKey(spkiPem), nodeCrypto.createPublicKey(pkcs1Pem)],
      shim: [
        shim.createPublicKey({ key: spkiD, format: 'der', type: 'spki' }),
        shim.createPublicKey({ key: pkcs1D, format: 'der', type: 'pkcs1' }),
        shim.createPublicKey(spkiPem),
        shim.createPublicKey(pkcs1Pem),
      ],
    };
  }

  /** Raw RSA private operation on an arbitrary block (the test's own forger). */
  function rawSign(k: RsaKey, em: Uint8Array): Uint8Array | null {
    if (bytesToBig(em) >= k.n) return null;
    return u8(nodeCrypto.privateEncrypt({ key: k.pair.privateKey, padding: nodeCrypto.constants.RSA_NO_PADDING }, em));
  }

  function emsa(k: number, digestInfo: Uint8Array, psByte = 0xff, blockType = 1): Uint8Array {
    const ps = new Uint8Array(k - 3 - digestInfo.length).fill(psByte);
    return concat(Uint8Array.of(0, blockType), ps, Uint8Array.of(0), digestInfo);
  }

  function digestInfo(oid: string, digest: Uint8Array, withNull = true): Uint8Array {
    return seq(seq(fromHex(oid), withNull ? NULL : new Uint8Array(0)), tlv(0x04, digest));
  }

  it('matches node for 1024–4096-bit keys in SPKI/PKCS#1 DER/PEM form, all digests and tampering', () => {
    const rng = new Rng(51);
    const t = new VerifyTally();
    for (const k of rsaKeys) {
      const f = forms(k);
      for (const digest of [...DIGESTS, ...RARE_DIGESTS]) {
        for (let i = 0; i < (RARE_DIGESTS.includes(digest!) ? 1 : 3); i++) {
          const data = rng.bytes(rng.int(500));
          const sig = u8(nodeCrypto.sign(digest, data, k.pair.privateKey));
          const nMinus1 = bigToBytes(k.n - 1n, k.k);
          const variants: Variant<never>[] = [
            { w: 'valid', sig },
            { w: 'data bit flipped', sig, data: flipBit(data, rng) },
            { w: 'signature bit flipped', sig: flipBit(sig, rng) },
            { w: 'signature byte replaced', sig: replaceByte(sig, rng) },
            { w: 'first byte dropped', sig: sig.subarray(1) },
            { w: 'leading zero added', sig: concat(Uint8Array.of(0), sig) },
            { w: 'trailing zero added', sig: concat(sig, Uint8Array.of(0)) },
            { w: 'zero', sig: new Uint8Array(k.k) },
            { w: 'one', sig: bigToBytes(1n, k.k) },
            { w: 'n', sig: bigToBytes(k.n, k.k) },
            { w: 'n - 1', sig: nMinus1 },
            { w: 'sig + n', sig: k.n + bytesToBig(sig) < 2n ** BigInt(8 * k.k) ? bigToBytes(k.n + bytesToBig(sig), k.k) : bigToBytes(k.n + bytesToBig(sig)) },
            { w: 'all 0xff', sig: new Uint8Array(k.k).fill(0xff) },
            { w: 'random', sig: rng.bytes(k.k) },
            { w: 'other digest', sig, alg: rng.pick(DIGESTS.filter((d) => d !== digest)) },
            { w: 'no digest (default)', sig, alg: undefined },
          ];
          for (const v of variants) {
            const alg = variantAlg(v, digest);
            const vdata = v.data ?? data;
            // Every key form must give Node's answer: all forms for valid signatures and a sample of the rest.
            const formsToCheck = v.w === 'valid' || rng.int(4) === 0 ? [0, 1, 2, 3] : [0];
            for (const fi of formsToCheck) {
              t.compare(`${k.label} ${f.labels[fi]} ${String(digest)} #${i} ${v.w} (verify ${String(alg)})`,
                () => nodeCrypto.verify(alg, vdata, f.node[fi]!, v.sig),
                () => shim.verify(alg, vdata, f.shim[fi]!, v.sig));
            }
          }
        }
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(300);
    expect(t.cases).toBeGreaterThan(3000);
  });

  it('rejects signatures with a leading zero byte stripped, like node', () => {
    const rng = new Rng(52);
    const t = new VerifyTally();
    const k = rsaKeys.find((x) => x.label === 'rsa2048e65537')!;
    let found = 0;
    for (let i = 0; i < 3000 && found < 3; i++) {
      const data = rng.bytes(32);
      const sig = u8(nodeCrypto.sign('sha256', data, k.pair.privateKey));
      if (sig[0] !== 0) continue;
      found++;
      const key = shim.createPublicKey({ key: spkiDer(k.pair.publicKey), format: 'der', type: 'spki' });
      t.compare(`full #${i}`, () => nodeCrypto.verify('sha256', data, k.pair.publicKey, sig), () => shim.verify('sha256', data, key, sig));
      t.compare(`stripped #${i}`, () => nodeCrypto.verify('sha256', data, k.pair.publicKey, sig.subarray(1)), () => shim.verify('sha256', data, key, sig.subarray(1)));
    }
    expect(found).toBe(3);
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBe(3);
    expect(t.seen.false).toBe(3);
  });

  it('compares the whole EMSA-PKCS1-v1_5 block strictly, like node (forged encodings)', () => {
    const rng = new Rng(53);
    const t = new VerifyTally();
    for (const k of rsaKeys.filter((x) => x.k <= 256 || x.label === 'rsa4096e65537')) {
      const key = { node: nodeKey(spkiDer(k.pair.publicKey)), shim: shim.createPublicKey({ key: spkiDer(k.pair.publicKey), format: 'der', type: 'spki' }) };
      for (const alg of Object.keys(DIGEST_INFO_OIDS)) {
        for (let i = 0; i < 2; i++) {
          const data = rng.bytes(40);
          const h = u8(nodeCrypto.createHash(alg).update(data).digest());
          const oid = DIGEST_INFO_OIDS[alg]!;
          const otherAlg = alg === 'sha256' ? 'sha1' : 'sha256';
          const good = digestInfo(oid, h);
          const kk = k.k;
          const garbage = rng.bytes(8);
          const blocks: Array<[string, Uint8Array]> = [
            ['correct block', emsa(kk, good)],
            ['DigestInfo without NULL parameters', emsa(kk, digestInfo(oid, h, false))],
            ['DigestInfo with other OID', emsa(kk, digestInfo(DIGEST_INFO_OIDS[otherAlg]!, h))],
            ['block type 2', emsa(kk, good, 0xff, 2)],
            ['non-0xff padding', emsa(kk, good, 0xfe)],
            ['zero in padding', (() => { const b = emsa(kk, good); b[5] = 0; return b; })()],
            ['garbage after the hash (short padding)', concat(Uint8Array.of(0, 1), new Uint8Array(kk - 3 - good.length - garbage.length).fill(0xff), Uint8Array.of(0), good, garbage)],
            ['garbage inside DigestInfo', emsa(kk, seq(seq(fromHex(oid), NULL), tlv(0x04, h), tlv(0x04, garbage)))],
            ['long-form DigestInfo length', emsa(kk, concat(Uint8Array.of(0x30, 0x81, good.length - 2), good.subarray(2)))],
            ['hash of other data', emsa(kk, digestInfo(oid, flipBit(h, rng)))],
            ['padding only 7 bytes + leading zeros', concat(new Uint8Array(kk - 10 - good.length), Uint8Array.of(0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0), good)],
            ['leading byte 1', concat(Uint8Array.of(1), emsa(kk, good).subarray(1))],
          ];
          for (const [what, em] of blocks) {
            const sig = rawSign(k, em);
            if (!sig) continue;
            t.compare(`${k.label} ${alg} #${i} ${what}`, () => nodeCrypto.verify(alg, data, key.node, sig), () => shim.verify(alg, data, key.shim, sig));
            t.compare(`${k.label} ${alg} #${i} ${what} (verify ${otherAlg})`, () => nodeCrypto.verify(otherAlg, data, key.node, sig), () => shim.verify(otherAlg, data, key.shim, sig));
          }
        }
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(20);
    expect(t.seen.false).toBeGreaterThan(200);
  });

  it('applies OpenSSL\'s key checks (exponent size, even or huge modulus) like node', () => {
    const rng = new Rng(54);
    const t = new VerifyTally();
    const data = new TextEncoder().encode('key checks');
    const h = u8(nodeCrypto.createHash('sha256').update(data).digest());
    const mk = (n: bigint, e: bigint) => {
      const der = spki(seq(OIDS.rsaEncryption, NULL), seq(derUint(n), derUint(e)));
      return { node: nodeKey(der), shim: shim.createPublicKey({ key: der, format: 'der', type: 'spki' }) };
    };
    const lcm = (a: bigint, b: bigint) => {
      let x = a;
      let y = b;
      while (y) [x, y] = [y, x % y];
      return (a / x) * b;
    };
    for (const k of rsaKeys) {
      const sig = u8(nodeCrypto.sign('sha256', data, k.pair.privateKey));
      const lambda = lcm(k.p - 1n, k.q - 1n);
      const cases: Array<[string, bigint, bigint, Uint8Array]> = [
        // e + λ(n) is an equivalent exponent: OpenSSL uses it if n > e and
        // (for moduli above 3072 bits) e has at most 64 bits.
        ['e + lambda', k.n, k.e + lambda, sig],
        ['e + 2^64 * lambda', k.n, k.e + (2n ** 64n) * lambda, sig],
        ['e = 1, signature = encoded block', k.n, 1n, emsa(k.k, digestInfo(DIGEST_INFO_OIDS.sha256!, h))],
        ['e = 1, even modulus', k.n + 1n, 1n, emsa(k.k, digestInfo(DIGEST_INFO_OIDS.sha256!, h))],
        ['e = 0', k.n, 0n, sig],
        ['e = n', k.n, k.n, sig],
        ['e = n + 2', k.n, k.n + 2n, sig],
        ['e = 65 bits', k.n, 2n ** 64n + 1n, sig],
      ];
      for (const [what, n, e, s] of cases) {
        const key = mk(n, e);
        t.compare(`${k.label} ${what}`, () => nodeCrypto.verify('sha256', data, key.node, s), () => shim.verify('sha256', data, key.shim, s));
      }
    }
    // A modulus above OpenSSL's 16384-bit limit, with e = 1 so the block would otherwise verify.
    for (const bits of [16384, 16392]) {
      let n = bytesToBig(rng.bytes(bits / 8)) | (1n << BigInt(bits - 1)) | 1n;
      n |= 1n;
      const kk = bits / 8;
      const block = emsa(kk, digestInfo(DIGEST_INFO_OIDS.sha256!, h));
      const key = mk(n, 1n);
      t.compare(`${bits}-bit modulus, e = 1`, () => nodeCrypto.verify('sha256', data, key.node, block), () => shim.verify('sha256', data, key.shim, block));
    }
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBeGreaterThan(5);
    expect(t.seen.false).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------
// Key import

describe('createPublicKey', () => {
  const SUPPORTED_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

  type Result = { ok: false } | { ok: true; type: string; infinity?: true; jwk?: unknown; details?: unknown };

  // Node aborts the process when asked for the details or JWK of an EC key
  // holding the point at infinity, so that case is detected first (DER export
  // throws for it) and only reported as such.
  function nodeIsInfinity(k: NodeKey): boolean {
    if (k.asymmetricKeyType !== 'ec') return false;
    try {
      k.export({ type: 'spki', format: 'der' });
      return false;
    } catch {
      return true;
    }
  }

  function shimIsInfinity(k: ShimKey): boolean {
    if (k.asymmetricKeyType !== 'ec') return false;
    try {
      k.export({ format: 'jwk' });
      return false;
    } catch {
      return true;
    }
  }

  function describeKey(k: { asymmetricKeyType?: string; asymmetricKeyDetails?: unknown; export: (o: { format: 'jwk' }) => unknown }, infinity: boolean): Result {
    const type = k.asymmetricKeyType ?? '?';
    if (infinity) return { ok: true, type, infinity: true };
    return { ok: true, type, details: k.asymmetricKeyDetails ?? {}, jwk: k.export({ format: 'jwk' }) };
  }

  function shimResult(input: Parameters<Shim['createPublicKey']>[0]): Result {
    let key: ShimKey;
    try {
      key = shim.createPublicKey(input);
    } catch {
      return { ok: false };
    }
    return describeKey(key, shimIsInfinity(key));
  }

  const supportedCurveOids = [OIDS.p256, OIDS.p384, OIDS.p521].map(hex);

  /** Compares acceptance and, when both accept, the decoded key. */
  function compareImport(t: Tally, label: string, nodeInput: Parameters<typeof nodeCrypto.createPublicKey>[0], shimInput: Parameters<Shim['createPublicKey']>[0]): void {
    const s = shimResult(shimInput);
    let nk: NodeKey;
    try {
      nk = nodeCrypto.createPublicKey(nodeInput);
    } catch {
      t.check(label, { ok: false }, s);
      return;
    }
    const infinity = nodeIsInfinity(nk);
    if (!s.ok) {
      // Key types the shim does not implement are the only accepted divergence.
      const type = nk.asymmetricKeyType ?? '?';
      let supported = ['ec', 'rsa', 'ed25519'].includes(type);
      if (type === 'ec') {
        // For the point at infinity Node cannot say which curve it is on; look for the curve OID in the input.
        supported = infinity
          ? supportedCurveOids.some((oid) => inputHex(shimInput).includes(oid))
          : SUPPORTED_CURVES.has(nk.asymmetricKeyDetails?.namedCurve ?? '?');
      }
      t.check(label, supported ? { ok: true, type } : { ok: false }, s);
      return;
    }
    t.check(label, describeKey(nk as never, infinity), s);
  }

  function inputHex(input: Parameters<Shim['createPublicKey']>[0]): string {
    const key = typeof input === 'object' && input !== null && 'key' in input ? input.key : input;
    if (typeof key === 'string') return Buffer.from(key).toString('hex');
    if (ArrayBuffer.isView(key)) return hex(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    if (key instanceof ArrayBuffer) return hex(new Uint8Array(key));
    return '';
  }

  const der = (key: Uint8Array, type: 'spki' | 'pkcs1' = 'spki') => ({ key: Buffer.from(key), format: 'der' as const, type });

  function baseKeys(): Array<[string, Uint8Array, 'spki' | 'pkcs1']> {
    const out: Array<[string, Uint8Array, 'spki' | 'pkcs1']> = [];
    for (const c of CURVES) {
      const d = spkiDer(ecKeys.get(c.name)![0]!.publicKey);
      out.push([`${c.name} uncompressed`, d, 'spki']);
      const point = d.subarray(d.length - (1 + 2 * c.fieldBytes));
      out.push([`${c.name} compressed`, spki(seq(OIDS.ecPublicKey, c.oid), concat(Uint8Array.of(2 + (point[point.length - 1]! & 1)), point.subarray(1, 1 + c.fieldBytes))), 'spki']);
    }
    out.push(['Ed25519', spkiDer(edKeys[0]!.publicKey), 'spki']);
    for (const label of ['rsa1024e65537', 'rsa2048e65537']) {
      const k = rsaKeys.find((x) => x.label === label)!;
      out.push([`${label} spki`, spkiDer(k.pair.publicKey), 'spki']);
      out.push([`${label} pkcs1`, u8(k.pair.publicKey.export({ type: 'pkcs1', format: 'der' })), 'pkcs1']);
    }
    return out;
  }

  it('decodes the same key as node from valid SPKI and PKCS#1 input', () => {
    const t = new Tally();
    for (const [label, d, type] of baseKeys()) compareImport(t, label, der(d, type), { key: d, format: 'der', type });
    for (const k of rsaKeys) {
      for (const type of ['spki', 'pkcs1'] as const) {
        const pem = k.pair.publicKey.export({ type, format: 'pem' }) as string;
        compareImport(t, `${k.label} ${type} pem`, pem, pem);
        const d = u8(k.pair.publicKey.export({ type, format: 'der' }));
        compareImport(t, `${k.label} ${type} der`, der(d, type), { key: d, format: 'der', type });
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(20);
  });

  it('throws exactly when node throws on random bytes', () => {
    const rng = new Rng(61);
    const t = new Tally();
    for (let i = 0; i < 1500; i++) {
      let bytes = rng.bytes(rng.int(160));
      // Half of them start like a DER SEQUENCE of the right length to get past the first check.
      if (i % 2 && bytes.length > 2) bytes = concat(Uint8Array.of(0x30), derLength(bytes.length), bytes);
      const type = rng.pick(['spki', 'pkcs1'] as const);
      compareImport(t, `random #${i} ${type}`, der(bytes, type), { key: bytes, format: 'der', type });
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBe(1500);
  });

  it('throws exactly when node throws on every truncation of valid keys', () => {
    const t = new Tally();
    for (const [label, d, type] of baseKeys()) {
      for (let len = 0; len < d.length; len++) {
        compareImport(t, `${label} truncated to ${len}`, der(d.subarray(0, len), type), { key: d.subarray(0, len), format: 'der', type });
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(1400);
  });

  it('agrees with node on single-byte changes (every value in the header bytes, samples elsewhere)', () => {
    const rng = new Rng(62);
    const t = new Tally();
    let accepted = 0;
    const exhaustive = new Set(['P-256 uncompressed', 'P-521 compressed', 'Ed25519', 'rsa1024e65537 spki', 'rsa1024e65537 pkcs1']);
    for (const [label, d, type] of baseKeys()) {
      for (let pos = 0; pos < d.length; pos++) {
        const values = pos >= 26 ? Array.from({ length: 3 }, () => rng.int(256))
          : exhaustive.has(label) ? Array.from({ length: 256 }, (_, v) => v) : Array.from({ length: 16 }, () => rng.int(256));
        for (const v of values) {
          if (v === d[pos]) continue;
          const m = Uint8Array.from(d);
          m[pos] = v;
          const before = t.mismatches.length;
          compareImport(t, `${label} byte ${pos} = 0x${v.toString(16)}`, der(m, type), { key: m, format: 'der', type });
          if (t.mismatches.length === before) {
            try {
              shim.createPublicKey({ key: m, format: 'der', type });
              accepted++;
            } catch {
              /* rejected by both */
            }
          }
        }
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(500);
    expect(t.cases).toBeGreaterThan(30000);
  });

  it('agrees with node on inserted and deleted bytes and trailing data', () => {
    const rng = new Rng(63);
    const t = new Tally();
    for (const [label, d, type] of baseKeys()) {
      for (let i = 0; i < 60; i++) {
        const pos = rng.int(d.length + 1);
        const ins = concat(d.subarray(0, pos), Uint8Array.of(rng.int(256)), d.subarray(pos));
        compareImport(t, `${label} insert at ${pos}`, der(ins, type), { key: ins, format: 'der', type });
        const del = concat(d.subarray(0, Math.min(pos, d.length - 1)), d.subarray(Math.min(pos, d.length - 1) + 1));
        compareImport(t, `${label} delete at ${pos}`, der(del, type), { key: del, format: 'der', type });
      }
      for (const extra of [Uint8Array.of(0), Uint8Array.of(0, 0), fromHex('3003020101'), rng.bytes(17)]) {
        const m = concat(d, extra);
        compareImport(t, `${label} trailing ${hex(extra)}`, der(m, type), { key: m, format: 'der', type });
      }
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(1000);
  });

  it('agrees with node on crafted encodings (point forms, BER lengths, parameters, odd integers)', () => {
    const t = new Tally();
    const c256 = CURVES[0]!;
    const d = spkiDer(ecKeys.get('P-256')![0]!.publicKey);
    const point = d.subarray(d.length - 65);
    const x = point.subarray(1, 33);
    const y = point.subarray(33);
    const odd = y[31]! & 1;
    const ecAlg = seq(OIDS.ecPublicKey, c256.oid);
    const ec = (pt: Uint8Array, alg = ecAlg, unused = 0) => spki(alg, pt, unused);
    const edRaw = spkiDer(edKeys[1]!.publicKey).subarray(12);
    const rsa = rsaKeys.find((k) => k.label === 'rsa1024e65537')!;
    const nb = bigToBytes(rsa.n);
    const n0 = concat(Uint8Array.of(0), nb);
    const e = bigToBytes(rsa.e);
    const rsaAlg = seq(OIDS.rsaEncryption, NULL);
    const rsaKey = (n: Uint8Array, ee: Uint8Array, alg = rsaAlg, extra = new Uint8Array(0), unused = 0) =>
      spki(alg, seq(tlv(0x02, n), tlv(0x02, ee), extra), unused);
    const innerSeq = d.subarray(2);
    const ascii = (s: string) => new TextEncoder().encode(s);
    const cases: Array<[string, Uint8Array, ('spki' | 'pkcs1')?]> = [
      ['uncompressed', ec(point)],
      ['compressed', ec(concat(Uint8Array.of(2 + odd), x))],
      ['compressed, other parity', ec(concat(Uint8Array.of(3 - odd), x))],
      ['hybrid', ec(concat(Uint8Array.of(6 + odd), x, y))],
      ['hybrid, wrong parity', ec(concat(Uint8Array.of(7 - odd), x, y))],
      ['uncompressed with odd marker', ec(concat(Uint8Array.of(5), x, y))],
      ['point at infinity', ec(Uint8Array.of(0))],
      ['point at infinity, 2 bytes', ec(Uint8Array.of(0, 0))],
      ['empty point', ec(new Uint8Array(0))],
      ['x = p (compressed)', ec(concat(Uint8Array.of(2), fromHex('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff')))],
      ['point not on curve', ec(concat(Uint8Array.of(4), x, flipBit(y, new Rng(1))))],
      ['point with trailing byte', ec(concat(point, Uint8Array.of(0)))],
      ['unused bits 1', ec(point, ecAlg, 1)],
      ['unused bits 8', ec(point, ecAlg, 8)],
      ['infinity via unused bits', ec(Uint8Array.of(1), ecAlg, 7)],
      ['EC without parameters', ec(point, seq(OIDS.ecPublicKey))],
      ['EC with NULL parameters', ec(point, seq(OIDS.ecPublicKey, NULL))],
      ['EC with explicit-parameter placeholder', ec(point, seq(OIDS.ecPublicKey, seq(derUint(1n))))],
      ['EC on secp256k1 OID', ec(point, seq(OIDS.ecPublicKey, OIDS.secp256k1))],
      ['EC P-256 point under P-384 OID', ec(point, seq(OIDS.ecPublicKey, OIDS.p384))],
      ['long-form outer length', concat(Uint8Array.of(0x30, 0x81, innerSeq.length), innerSeq)],
      ['long-form outer length with leading zero', concat(Uint8Array.of(0x30, 0x82, 0, innerSeq.length), innerSeq)],
      ['indefinite outer length', concat(Uint8Array.of(0x30, 0x80), innerSeq, Uint8Array.of(0, 0))],
      ['indefinite outer length, no EOC', concat(Uint8Array.of(0x30, 0x80), innerSeq)],
      ['indefinite algorithm', seq(concat(Uint8Array.of(0x30, 0x80), OIDS.ecPublicKey, c256.oid, Uint8Array.of(0, 0)), bitString(point))],
      ['indefinite algorithm, EOC after OID', seq(concat(Uint8Array.of(0x30, 0x80), OIDS.ecPublicKey, Uint8Array.of(0, 0)), bitString(point))],
      ['high-tag-number SEQUENCE', concat(Uint8Array.of(0x3f, 0x10), derLength(innerSeq.length), innerSeq)],
      ['constructed BIT STRING', seq(ecAlg, tlv(0x23, bitString(point)))],
      ['constructed BIT STRING in two pieces', seq(ecAlg, tlv(0x23, concat(tlv(0x03, concat(Uint8Array.of(0), point.subarray(0, 10))), tlv(0x03, point.subarray(10)))))],
      ['constructed BIT STRING, indefinite', seq(ecAlg, concat(Uint8Array.of(0x23, 0x80), bitString(point), Uint8Array.of(0, 0)))],
      ['Ed25519', spki(seq(OIDS.ed25519), edRaw)],
      ['Ed25519 with NULL parameters', spki(seq(OIDS.ed25519, NULL), edRaw)],
      ['Ed25519 31-byte key', spki(seq(OIDS.ed25519), edRaw.subarray(1))],
      ['Ed25519 33-byte key', spki(seq(OIDS.ed25519), concat(edRaw, Uint8Array.of(1)))],
      ['Ed25519 all-0xff key', spki(seq(OIDS.ed25519), new Uint8Array(32).fill(0xff))],
      ['Ed25519 unused bits 1', spki(seq(OIDS.ed25519), edRaw, 1)],
      ['X25519', spki(seq(OIDS.x25519), edRaw)],
      ['Ed448', spki(seq(OIDS.ed448), new Uint8Array(57).fill(1))],
      ['RSA', rsaKey(n0, e)],
      ['RSA negative modulus', rsaKey(nb, e)],
      ['RSA modulus with extra zero', rsaKey(concat(Uint8Array.of(0), n0), e)],
      ['RSA empty exponent', rsaKey(n0, new Uint8Array(0))],
      ['RSA empty modulus', rsaKey(new Uint8Array(0), e)],
      ['RSA e = 0', rsaKey(n0, Uint8Array.of(0))],
      ['RSA n = 0', rsaKey(Uint8Array.of(0), e)],
      ['RSA n = 1', rsaKey(Uint8Array.of(1), e)],
      ['RSA e = 1', rsaKey(n0, Uint8Array.of(1))],
      ['RSA e > n', rsaKey(n0, concat(Uint8Array.of(1), nb))],
      ['RSA tiny modulus', rsaKey(Uint8Array.of(0x7f, 0xff), e)],
      ['RSA three integers', rsaKey(n0, e, derUint(1n))],
      ['RSA trailing bytes in BIT STRING', spki(rsaAlg, concat(seq(tlv(0x02, n0), tlv(0x02, e)), Uint8Array.of(0, 1)))],
      ['RSA unused bits 1', rsaKey(n0, e, rsaAlg, new Uint8Array(0), 1)],
      ['RSA without parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption))],
      ['RSA with INTEGER parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, derUint(0n)))],
      ['RSA with OCTET STRING parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x04, Uint8Array.of(1))))],
      ['RSA with SEQUENCE parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, seq()))],
      ['RSA with context-tagged parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0xa0, NULL)))],
      ['RSA with two parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, NULL, NULL))],
      // OpenSSL 3.5 refuses a UTCTime under 13 bytes and a GeneralizedTime under 15, whatever the characters.
      ['RSA with empty UTCTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x17, new Uint8Array(0))))],
      ['RSA with 12-byte UTCTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x17, ascii('250101000000'))))],
      ['RSA with 13-byte UTCTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x17, ascii('250101000000Z'))))],
      ['RSA with 13-byte non-time UTCTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x17, ascii('AAAAAAAAAAAAA'))))],
      ['RSA with 14-byte GeneralizedTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x18, ascii('20250101000000'))))],
      ['RSA with 15-byte GeneralizedTime parameters', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x18, ascii('20250101000000Z'))))],
      ['RSA with constructed UTCTime parameters, 6 + 7 bytes', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x37, concat(tlv(0x04, ascii('250101')), tlv(0x04, ascii('000000Z'))))))],
      ['RSA with constructed UTCTime parameters, 6 + 6 bytes', rsaKey(n0, e, seq(OIDS.rsaEncryption, tlv(0x37, concat(tlv(0x04, ascii('250101')), tlv(0x04, ascii('000000'))))))],
      ['RSA with indefinite GeneralizedTime parameters, 14 bytes', rsaKey(n0, e, seq(OIDS.rsaEncryption, concat(Uint8Array.of(0x38, 0x80), tlv(0x04, ascii('20250101000000')), Uint8Array.of(0, 0))))],
      ['RSA with indefinite GeneralizedTime parameters, 15 bytes', rsaKey(n0, e, seq(OIDS.rsaEncryption, concat(Uint8Array.of(0x38, 0x80), tlv(0x04, ascii('20250101000000Z')), Uint8Array.of(0, 0))))],
      ['EC with 13-byte UTCTime parameters', ec(point, seq(OIDS.ecPublicKey, tlv(0x17, ascii('250101000000Z'))))],
      ['RSA with X.500 OID 2.5.8.1.1', rsaKey(n0, e, seq(OIDS.x500Rsa, NULL))],
      ['RSA-PSS', rsaKey(n0, e, seq(OIDS.rsaPss))],
      ['RSA exponent as OCTET STRING', spki(rsaAlg, seq(tlv(0x02, n0), tlv(0x04, e)))],
      ['RSA constructed INTEGER', spki(rsaAlg, seq(tlv(0x22, tlv(0x02, n0)), tlv(0x02, e)))],
      ['RSA indefinite RSAPublicKey', spki(rsaAlg, concat(Uint8Array.of(0x30, 0x80), tlv(0x02, n0), tlv(0x02, e), Uint8Array.of(0, 0)))],
      ['PKCS#1', seq(tlv(0x02, n0), tlv(0x02, e)), 'pkcs1'],
      ['PKCS#1 trailing bytes', concat(seq(tlv(0x02, n0), tlv(0x02, e)), Uint8Array.of(0, 1)), 'pkcs1'],
      ['PKCS#1 modulus 0 (looks like a private key)', seq(tlv(0x02, Uint8Array.of(0)), tlv(0x02, e)), 'pkcs1'],
      ['PKCS#1 modulus 1 (looks like a private key)', seq(tlv(0x02, Uint8Array.of(1)), tlv(0x02, e)), 'pkcs1'],
      ['PKCS#1 modulus 2', seq(tlv(0x02, Uint8Array.of(2)), tlv(0x02, e)), 'pkcs1'],
      ['PKCS#1 long-form, modulus 0', concat(Uint8Array.of(0x30, 0x81, 0x06), tlv(0x02, Uint8Array.of(0)), tlv(0x02, Uint8Array.of(3))), 'pkcs1'],
      ['SPKI passed as PKCS#1', rsaKey(n0, e), 'pkcs1'],
      ['PKCS#1 passed as SPKI', seq(tlv(0x02, n0), tlv(0x02, e)), 'spki'],
      ['EC passed as PKCS#1', ec(point), 'pkcs1'],
    ];
    for (const [label, bytes, type = 'spki'] of cases) compareImport(t, label, der(bytes, type), { key: bytes, format: 'der', type });
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBe(cases.length);
  });

  it('parses PEM the way node does', () => {
    const t = new Tally();
    const ecPem = ecKeys.get('P-384')![0]!.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const rsaK = rsaKeys.find((k) => k.label === 'rsa2048e65537')!;
    const rsaPkcs1 = rsaK.pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const variants = (pem: string): Array<[string, string]> => {
      const label = pem.match(/-----BEGIN ([A-Z ]+)-----/)![1]!;
      const b64 = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      const begin = `-----BEGIN ${label}-----`;
      const end = `-----END ${label}-----`;
      const wrap = (body: string) => `${begin}\n${body}\n${end}\n`;
      const lines64 = b64.match(/.{1,64}/g)!.join('\n');
      return [
        ['as exported', pem],
        ['CRLF', pem.replace(/\n/g, '\r\n')],
        ['no final newline', pem.trimEnd()],
        ['one body line', wrap(b64)],
        ['76-column lines', wrap(b64.match(/.{1,76}/g)!.join('\n'))],
        ['body on BEGIN line', `${begin}${b64}\n${end}`],
        ['all on one line', `${begin}${b64}${end}`],
        ['leading text', `hello\n${pem}`],
        ['leading blank lines', `\n\n${pem}`],
        ['leading spaces', `   ${pem}`],
        ['trailing text', `${pem}junk\n`],
        ['indented body', `${begin}\n  ${lines64.replace(/\n/g, '\n  ')}\n${end}\n`],
        ['spaces inside body', wrap(`${b64.slice(0, 10)} ${b64.slice(10)}`)],
        ['tab inside body', wrap(`${b64.slice(0, 10)}\t${b64.slice(10)}`)],
        ['blank line inside body', wrap(`${b64.slice(0, 64)}\n\n${b64.slice(64)}`)],
        ['blank line after BEGIN, 64-column body', `${begin}\n\n${lines64}\n${end}\n`],
        ['blank line after BEGIN, one long line', `${begin}\n\n${b64}\n${end}\n`],
        ['header line', wrap(`Comment: hi\n\n${lines64}`)],
        ['padding removed', wrap(b64.replace(/=+$/, ''))],
        ['extra padding', wrap(`${b64}==`)],
        ['= inside body', wrap(`${b64.slice(0, 4)}=${b64.slice(4)}`)],
        ['invalid character', wrap(`${b64.slice(0, 10)}!${b64.slice(10)}`)],
        ['base64url alphabet', wrap(b64.replace(/\+/g, '-').replace(/\//g, '_'))],
        ['mismatched END label', `${begin}\n${lines64}\n-----END CERTIFICATE-----\n`],
        ['missing END', `${begin}\n${lines64}\n`],
        ['lower-case labels', wrap(lines64).toLowerCase()],
        ['four dashes', wrap(lines64).replace(/^-----/, '----')],
        ['trailing space after BEGIN', `${begin}  \n${lines64}\n${end}\n`],
        ['trailing space after END', `${begin}\n${lines64}\n${end}  \n`],
        ['two blocks', pem + pem],
        ['junk block first', `-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n${pem}`],
        ['malformed block first', `-----BEGIN FOO-----\nA!AA\n-----END FOO-----\n${pem}`],
        ['CERTIFICATE label', pem.replace(new RegExp(label, 'g'), 'CERTIFICATE')],
        ['swapped label', pem.replace(new RegExp(label, 'g'), label === 'PUBLIC KEY' ? 'RSA PUBLIC KEY' : 'PUBLIC KEY')],
        ['truncated body', wrap(b64.slice(0, b64.length - 8))],
        ['trailing DER bytes', wrap(Buffer.concat([Buffer.from(b64, 'base64'), Buffer.from([0, 0, 0])]).toString('base64'))],
        ['empty body', `${begin}\n${end}\n`],
        ['empty string', ''],
      ];
    };
    for (const pem of [ecPem, rsaPkcs1, rsaK.pair.publicKey.export({ type: 'spki', format: 'pem' }) as string]) {
      for (const [label, text] of variants(pem)) {
        compareImport(t, `${label} (${pem.slice(11, 25)})`, text, text);
        compareImport(t, `${label} as Buffer`, Buffer.from(text), Buffer.from(text));
        compareImport(t, `${label} as {key}`, { key: text }, { key: text });
      }
    }
    // Random single-character edits.
    const rng = new Rng(64);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=- \n\r\t:!';
    for (let i = 0; i < 1500; i++) {
      const pem = rng.pick([ecPem, rsaPkcs1]);
      const pos = rng.int(pem.length);
      const op = rng.int(3);
      const c = alphabet[rng.int(alphabet.length)]!;
      const text = op === 0 ? pem.slice(0, pos) + c + pem.slice(pos + 1) : op === 1 ? pem.slice(0, pos) + c + pem.slice(pos) : pem.slice(0, pos) + pem.slice(pos + 1);
      compareImport(t, `edit #${i} ${JSON.stringify(text.slice(Math.max(0, pos - 5), pos + 5))}`, text, text);
    }
    expect(t.mismatches).toEqual([]);
    expect(t.cases).toBeGreaterThan(1700);
  });

  it('handles the input forms node accepts', () => {
    const t = new Tally();
    const d = spkiDer(ecKeys.get('P-256')![0]!.publicKey);
    const b64 = Buffer.from(d).toString('base64');
    const inputs: Array<[string, unknown]> = [
      ['DER in Buffer', { key: Buffer.from(d), format: 'der', type: 'spki' }],
      ['DER in Uint8Array', { key: d, format: 'der', type: 'spki' }],
      ['DER in ArrayBuffer', { key: d.slice().buffer, format: 'der', type: 'spki' }],
      ['DER in DataView', { key: new DataView(d.slice().buffer), format: 'der', type: 'spki' }],
      ['DER as base64 string with encoding', { key: b64, format: 'der', type: 'spki', encoding: 'base64' }],
      ['DER as base64 string without encoding', { key: b64, format: 'der', type: 'spki' }],
      ['DER without type', { key: Buffer.from(d), format: 'der' }],
      ['DER with pkcs8 type', { key: Buffer.from(d), format: 'der', type: 'pkcs8' }],
      ['bare DER Buffer (parsed as PEM)', Buffer.from(d)],
      ['number', 5],
      ['null', null],
    ];
    for (const [label, input] of inputs) compareImport(t, label, input as never, input as never);
    expect(t.mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The bundled module (esbuild, platform neutral) is what the extension ships:
// re-run a sample of the comparisons against it.

describe('bundled shim', () => {
  let bundled: Shim;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'node-crypto-shim-'));
    const outfile = join(dir, 'node-crypto.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../../lib/crypto/node-crypto.ts', import.meta.url))],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      logLevel: 'silent',
    });
    bundled = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as Shim;
    return () => rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('uses lib/crypto/buffer, not Node\'s Buffer', () => {
    const d = bundled.createHash('sha384').update('bundle').digest();
    expect(d).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(d)).toBe(false);
    // The bundle holds its own copy of the class.
    const names = (o: object): string[] => Object.getOwnPropertyNames(o).sort();
    expect(names(Object.getPrototypeOf(d) as object)).toEqual(names(LibBuffer.prototype));
    expect(d.toString('hex')).toBe(nodeCrypto.createHash('sha384').update('bundle').digest('hex'));
  });

  it('matches node on a sample of verifications', () => {
    const rng = new Rng(71);
    const t = new VerifyTally();
    const pairs: Array<[KeyPair, string | undefined]> = [
      ...CURVES.map((c) => [ecKeys.get(c.name)![0]!, 'sha256'] as [KeyPair, string]),
      [edKeys[0]!, undefined],
      [rsaKeys.find((k) => k.label === 'rsa2048e65537')!.pair, 'sha256'],
      [rsaKeys.find((k) => k.label === 'rsa4096e65537')!.pair, 'sha512'],
    ];
    for (const [pair, digest] of pairs) {
      const d = spkiDer(pair.publicKey);
      const key = bundled.createPublicKey({ key: d, format: 'der', type: 'spki' });
      for (let i = 0; i < 8; i++) {
        const data = rng.bytes(rng.int(100));
        const sig = u8(nodeCrypto.sign(digest, data, pair.privateKey));
        for (const [vdata, vsig] of [[data, sig], [flipBit(data, rng), sig], [data, flipBit(sig, rng)]] as const) {
          t.compare(`${pair.publicKey.asymmetricKeyType} #${i}`, () => nodeCrypto.verify(digest, vdata, pair.publicKey, vsig), () => bundled.verify(digest, vdata, key, vsig));
        }
      }
    }
    const a = rng.bytes(32);
    t.check('timingSafeEqual', nodeCrypto.timingSafeEqual(a, a.slice()), bundled.timingSafeEqual(a, a.slice()));
    expect(t.mismatches).toEqual([]);
    expect(t.seen.true).toBe(48);
    expect(t.cases).toBe(145);
  });
});

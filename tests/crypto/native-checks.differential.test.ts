/**
 * One signature check at a time: what WebCrypto says for a recorded check
 * (lib/crypto/recorded-verify.ts) against what the @noble reference says for
 * the same call, on keys and signatures made by node:crypto. A native `true`
 * where the reference says false would make the fast path unsound; a native
 * `false` where the reference says true only costs a fallback, but must not
 * happen for the algorithms Sigstore uses.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import nodeCrypto from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { Buffer as VendorBuffer, coreCrypto, signatureMemo, type SignatureCheck } from '../../lib/vendor/sigstore.generated.js';
import { runRecorded, verifyNatively } from '../../lib/crypto/recorded-verify';

const CURVES = [
  { name: 'prime256v1', order: p256.Point.Fn.ORDER },
  { name: 'secp384r1', order: p384.Point.Fn.ORDER },
  { name: 'secp521r1', order: p521.Point.Fn.ORDER },
];

function derInt(n: bigint): Buffer {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  let b = Buffer.from(h, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}

function derSig(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), len, body]);
}

function parseDer(sig: Buffer): { r: bigint; s: bigint } {
  let p = sig[1]! & 0x80 ? 2 + (sig[1]! & 0x7f) : 2;
  const read = () => {
    const len = sig[p + 1]!;
    const v = BigInt('0x' + sig.subarray(p + 2, p + 2 + len).toString('hex'));
    p += 2 + len;
    return v;
  };
  return { r: read(), s: read() };
}

interface Outcome { reference: boolean; native: boolean | 'not recorded'; nativeEligible: boolean }

async function compare(data: Uint8Array, spkiDer: Buffer, sig: Uint8Array, algorithm?: string): Promise<Outcome> {
  const key = coreCrypto.createPublicKey(VendorBuffer.from(spkiDer));
  const d = VendorBuffer.from(data);
  const s = VendorBuffer.from(sig);
  const reference = coreCrypto.verify(d, key, s, algorithm);
  const { run, checks } = runRecorded(() => coreCrypto.verify(d, key, s, algorithm));
  if (checks.length === 0) {
    // Decided by the preconditions alone: the recorded run's answer is the reference's.
    expect(run).toEqual({ ok: true, value: reference });
    return { reference, native: 'not recorded', nativeEligible: false };
  }
  expect(checks.length).toBe(1);
  const check = checks[0] as SignatureCheck;
  return { reference, native: await verifyNatively(check), nativeEligible: check.native };
}

const spki = (k: nodeCrypto.KeyObject) => k.export({ format: 'der', type: 'spki' }) as Buffer;

beforeAll(() => {
  signatureMemo.enabled = false;
});
afterAll(() => {
  signatureMemo.enabled = true;
});

describe('ECDSA: WebCrypto agrees with the reference', () => {
  for (const curve of CURVES) {
    for (const hash of ['sha256', 'sha384', 'sha512', 'sha1']) {
      it(`${curve.name} with ${hash}: valid, high-S, wrong data, wrong signature`, async () => {
        const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: curve.name });
        for (let i = 0; i < 8; i++) {
          const data = nodeCrypto.randomBytes(40 + i * 100);
          const sig = nodeCrypto.sign(hash, data, privateKey);
          const { r, s } = parseDer(sig);
          const highS = derSig(r, curve.order - s);
          const other = Buffer.from(sig);
          other[other.length - 3]! ^= 0x10;
          const valid = await compare(data, spki(publicKey), sig, hash);
          expect(valid).toEqual({ reference: true, native: true, nativeEligible: true });
          // OpenSSL (so the reference) accepts high S; so must WebCrypto, or the verdicts differ.
          expect(await compare(data, spki(publicKey), highS, hash)).toEqual({ reference: true, native: true, nativeEligible: true });
          const wrongData = Buffer.from(data);
          wrongData[0]! ^= 1;
          expect(await compare(wrongData, spki(publicKey), sig, hash)).toMatchObject({ reference: false, native: false });
          const wrongSig = await compare(data, spki(publicKey), other, hash);
          expect(wrongSig.reference).toBe(false);
          expect(wrongSig.native === true).toBe(false);
        }
      });
    }
  }

  it('non-canonical DER and out-of-range values are refused before any arithmetic', async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const data = Buffer.from('x');
    const { r, s } = parseDer(nodeCrypto.sign('sha256', data, privateKey));
    const n = CURVES[0]!.order;
    const longForm = (() => {
      const sig = derSig(r, s);
      return Buffer.concat([Buffer.from([0x30, 0x81, sig[1]!]), sig.subarray(2)]);
    })();
    const padded = Buffer.concat([Buffer.from([0x30, 0]), Buffer.from([0x02, 33, 0]), derInt(r).subarray(2).subarray(derInt(r)[1] === 33 ? 1 : 0), derInt(s)]);
    for (const bad of [derSig(r + n, s), derSig(r, s + n), derSig(0n, s), longForm, padded, Buffer.concat([derSig(r, s), Buffer.from([0])])]) {
      expect(await compare(data, spki(publicKey), bad)).toEqual({ reference: false, native: 'not recorded', nativeEligible: false });
    }
  });

  it('a digest WebCrypto lacks is left to the reference', async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const data = Buffer.from('data');
    const r = await compare(data, spki(publicKey), nodeCrypto.sign('sha224', data, privateKey), 'sha224');
    expect(r).toEqual({ reference: true, native: false, nativeEligible: false });
  });
});

describe('RSA PKCS#1 v1.5', () => {
  for (const bits of [2048, 3072]) {
    it(`${bits}-bit keys with SHA-256/384/512`, async () => {
      const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: bits });
      for (const hash of ['sha256', 'sha384', 'sha512']) {
        const data = nodeCrypto.randomBytes(300);
        const sig = nodeCrypto.sign(hash, data, privateKey);
        expect(await compare(data, spki(publicKey), sig, hash)).toEqual({ reference: true, native: true, nativeEligible: true });
        const bad = Buffer.from(sig);
        bad[100]! ^= 4;
        expect(await compare(data, spki(publicKey), bad, hash)).toMatchObject({ reference: false, native: false });
        // Signed with another digest than the one asked for: the DigestInfo differs.
        const other = await compare(data, spki(publicKey), nodeCrypto.sign(hash === 'sha256' ? 'sha384' : 'sha256', data, privateKey), hash);
        expect(other).toMatchObject({ reference: false, native: false });
      }
    });
  }
});

describe('Ed25519', () => {
  it('canonical keys and signatures: same answer', async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ed25519');
    for (let i = 0; i < 8; i++) {
      const data = nodeCrypto.randomBytes(10 + i * 50);
      const sig = nodeCrypto.sign(null, data, privateKey);
      expect(await compare(data, spki(publicKey), sig)).toEqual({ reference: true, native: true, nativeEligible: true });
      const bad = Buffer.from(sig);
      bad[5]! ^= 1;
      const r = await compare(data, spki(publicKey), bad);
      expect(r.reference).toBe(false);
      expect(r.native === true).toBe(false);
    }
  });

  it('a small-order key is left to the reference', async () => {
    const prefix = Buffer.from('302a300506032b6570032100', 'hex');
    const identity = Buffer.concat([prefix, Buffer.from('01' + '00'.repeat(31), 'hex')]);
    // R = identity, S = 0: [0]B - [k]O = O, so the reference (cofactorless, as OpenSSL) accepts it.
    const sig = Buffer.concat([Buffer.from('01' + '00'.repeat(31), 'hex'), Buffer.alloc(32)]);
    const r = await compare(Buffer.from('anything'), identity, sig);
    expect(r).toMatchObject({ reference: true, nativeEligible: false, native: false });
  });
});

describe('the verdict memo', () => {
  it('keys on every input: the same key, data and signature under another digest is another check', async () => {
    signatureMemo.enabled = true;
    try {
      const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const key = coreCrypto.createPublicKey(VendorBuffer.from(spki(publicKey)));
      const data = VendorBuffer.from('memo');
      for (const [signed, other] of [['sha3-256', 'sha512-256'], ['sha256', 'sha384'], ['sha224', 'sha3-224']]) {
        const sig = VendorBuffer.from(nodeCrypto.sign(signed!, data, privateKey));
        const before = signatureMemo.size;
        expect(coreCrypto.verify(data, key, sig, signed)).toBe(true);
        expect(signatureMemo.size).toBe(before + 1);
        expect(coreCrypto.verify(data, key, sig, signed)).toBe(true);
        expect(coreCrypto.verify(data, key, sig, other)).toBe(false);
        expect(signatureMemo.size).toBe(before + 2);
      }
    } finally {
      signatureMemo.enabled = false;
    }
  });
});

describe('Ed25519 keys with a torsion component', () => {
  it('are left to the reference', async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ed25519');
    const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12);
    const { ed25519 } = await import('@noble/curves/ed25519.js');
    // A + T, T of order 2 (y = -1): not in the prime-order subgroup.
    const T = ed25519.Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const mixed = ed25519.Point.fromBytes(raw).add(T).toBytes();
    const spkiMixed = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(mixed)]);
    const data = Buffer.from('torsion');
    const r = await compare(data, spkiMixed, nodeCrypto.sign(null, data, privateKey));
    expect(r.nativeEligible).toBe(false);
    expect(r.native).toBe(false);
  });
});

import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coreCrypto } from '../../lib/vendor/sigstore.generated.js';
import { verifyPrehashed } from '../../lib/verify/prehashed-signature';
import { isProvenantError } from '../../lib/errors/provenant-error';

// Keys and signatures from node:crypto (OpenSSL), checked through the crypto
// shim's key objects, as verifyBundle hands them over.
describe('a signature checked over a digest is the signature over the bytes', () => {
  const message = Buffer.from('the artifact');
  const other = Buffer.from('another artifact');
  const digest = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest();
  const shimKey = (pem: string) => coreCrypto.createPublicKey(pem) as never;

  it.each([
    ['P-256', 'sha256'],
    ['P-384', 'sha256'],
    ['P-384', 'sha384'],
    ['P-521', 'sha512'],
  ] as const)('ECDSA %s with %s', (namedCurve, algorithm) => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
    const signature = sign(algorithm, message, privateKey);
    const key = shimKey(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    expect(verifyPrehashed(key, algorithm, digest(algorithm, message), signature)).toBe(true);
    expect(verifyPrehashed(key, algorithm, digest(algorithm, other), signature)).toBe(false);
    const flipped = Buffer.from(signature);
    flipped[flipped.length - 1]! ^= 1;
    expect(verifyPrehashed(key, algorithm, digest(algorithm, message), flipped)).toBe(false);
  });

  it.each(['sha256', 'sha512'] as const)('RSA PKCS#1 v1.5 with %s', (algorithm) => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = sign(algorithm, message, privateKey);
    const key = shimKey(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    expect(verifyPrehashed(key, algorithm, digest(algorithm, message), signature)).toBe(true);
    expect(verifyPrehashed(key, algorithm, digest(algorithm, other), signature)).toBe(false);
    expect(verifyPrehashed(key, algorithm === 'sha256' ? 'sha512' : 'sha256', digest(algorithm === 'sha256' ? 'sha512' : 'sha256', message), signature)).toBe(false);
  });

  it('refuses Ed25519, which signs the message itself, with a code', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, message, privateKey);
    const key = shimKey(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    let code = 'NO_ERROR';
    try {
      verifyPrehashed(key, 'sha256', digest('sha256', message), signature);
    } catch (e) {
      code = isProvenantError(e, 'verify') ? e.code : 'OTHER';
    }
    expect(code).toBe('SUBJECT_MISMATCH');
  });

  it('a digest of the wrong length never verifies', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signature = sign('sha256', message, privateKey);
    const key = shimKey(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    expect(verifyPrehashed(key, 'sha256', digest('sha256', message).subarray(0, 31), signature)).toBe(false);
  });
});

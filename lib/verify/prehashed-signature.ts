import { Buffer, p256, p384, p521 } from '../vendor/sigstore.generated.js';
import { ProvenantError } from '../errors/provenant-error';

/** The SHA-2 digests a message signature may be checked over (Sigstore's HashAlgorithm). */
export type PrehashAlgorithm = 'sha256' | 'sha384' | 'sha512';

/** The part of a public key object this module reads (Node's KeyObject and the crypto shim's both have it). */
export interface JwkExportable {
  asymmetricKeyType?: string;
  export(options: { format: 'jwk' }): { kty?: string; crv?: string; x?: string; y?: string; n?: string; e?: string };
}

const CURVES = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

// DER DigestInfo prefixes of RFC 8017 §9.2 note 1.
const DIGEST_INFO_PREFIX: Record<PrehashAlgorithm, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};
const DIGEST_BYTES: Record<PrehashAlgorithm, number> = { sha256: 32, sha384: 48, sha512: 64 };

/**
 * Verifies a signature made over a message whose `algorithm` digest is
 * `digest`, given only that digest. ECDSA and RSA PKCS#1 v1.5 sign the digest,
 * so this is the same check as verifying over the message's bytes with that
 * hash: a digest that is not the signed message's fails. Ed25519 signs the
 * message itself, so a digest alone cannot be checked; that is refused with a
 * code rather than reported as a bad signature.
 */
export function verifyPrehashed(key: JwkExportable, algorithm: PrehashAlgorithm, digest: Uint8Array, signature: Uint8Array): boolean {
  if (digest.length !== DIGEST_BYTES[algorithm]) return false;
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'EC' && jwk.x && jwk.y && jwk.crv && jwk.crv in CURVES) {
    const curve = CURVES[jwk.crv as keyof typeof CURVES];
    const point = new Uint8Array([4, ...base64url(jwk.x), ...base64url(jwk.y)]);
    try {
      // OpenSSL accepts high-S signatures; only canonical DER is parsed.
      return curve.verify(signature, digest, point, { prehash: false, lowS: false, format: 'der' });
    } catch {
      return false;
    }
  }
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) return verifyRsaPkcs1(base64url(jwk.n), base64url(jwk.e), algorithm, digest, signature);
  throw new ProvenantError('verify', 
    'SUBJECT_MISMATCH',
    `a ${jwk.kty === 'OKP' ? 'Ed25519' : (jwk.kty ?? 'unknown')} signature covers the artifact itself; verify against the file, not its digest`,
  );
}

function verifyRsaPkcs1(nBytes: Uint8Array, eBytes: Uint8Array, algorithm: PrehashAlgorithm, digest: Uint8Array, signature: Uint8Array): boolean {
  const n = toBig(nBytes);
  const e = toBig(eBytes);
  const k = Math.ceil(n.toString(2).length / 8);
  if (signature.length !== k || n <= e || (n & 1n) === 0n) return false;
  const s = toBig(signature);
  if (s >= n) return false;
  const t = Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[algorithm], 'hex'), Buffer.from(digest)]);
  const psLength = k - 3 - t.length;
  if (psLength < 8) return false;
  const expected = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(psLength).fill(0xff), Buffer.from([0]), t]);
  const actual = modPow(s, e, n).toString(16).padStart(2 * k, '0');
  return actual === expected.toString('hex');
}

function base64url(value: string): Uint8Array {
  return Buffer.from(value, 'base64url');
}

function toBig(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let x = exponent;
  while (x > 0n) {
    if (x & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    x >>= 1n;
  }
  return result;
}

import nodeCrypto, { KeyObject } from '../crypto/node-crypto';

/**
 * `crypto` as @tufjs/models sees it (scripts/vendor-sigstore.mjs resolves the
 * models' `crypto` here, everyone else's to lib/crypto/node-crypto.ts).
 * The models call `verify(hash, data, { key, hashAlgorithm }, sig)`: Node's
 * "key with options" form, which lib/crypto does not take. Only that
 * unwrapping is added; RSA-PSS (the one option that would change the
 * verification) is refused, so such a key never counts toward a threshold.
 * Sigstore's TUF keys are all ECDSA P-256.
 */
type VerifyArgs = Parameters<typeof nodeCrypto.verify>;

export function verify(algorithm: VerifyArgs[0], data: VerifyArgs[1], key: VerifyArgs[2] | { key: KeyObject; padding?: number }, signature: VerifyArgs[3]): boolean {
  if (typeof key === 'object' && key !== null && !(key instanceof KeyObject) && 'key' in key && key.key instanceof KeyObject) {
    if ('padding' in key && key.padding !== undefined) throw new Error('RSA-PSS signatures are not supported');
    return nodeCrypto.verify(algorithm, data, key.key, signature);
  }
  return nodeCrypto.verify(algorithm, data, key as VerifyArgs[2], signature);
}

export const createHash = nodeCrypto.createHash;
export const createPublicKey = nodeCrypto.createPublicKey;
export const constants = { RSA_PKCS1_PSS_PADDING: 6 };

export default { createHash, createPublicKey, verify, constants };

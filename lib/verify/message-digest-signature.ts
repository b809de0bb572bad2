import { Buffer, coreCrypto } from '../vendor/sigstore.generated.js';
import type { Bundle, SignedEntity } from '../vendor/sigstore.generated.js';
import { verifyPrehashed, type JwkExportable, type PrehashAlgorithm } from './prehashed-signature';
import { ProvenantError } from '../errors/provenant-error';

type MessageSignature = Extract<Bundle['content'], { $case: 'messageSignature' }>['messageSignature'];

// Sigstore's HashAlgorithm enum (protobuf-specs common.proto); sigstore-js reads UNSPECIFIED as SHA2_256.
const BUNDLE_HASH: Record<number, PrehashAlgorithm> = { 0: 'sha256', 1: 'sha256', 2: 'sha384', 3: 'sha512' };

/**
 * The signed content of a message-signature bundle when the caller has only
 * the artifact's digest (sigstore-conformance's `sha256:<hex>` argument).
 * sigstore-js checks such a signature over the artifact's bytes; here it is
 * checked over the given digest itself, so the digest is bound by the
 * signature, not taken from the bundle. The bundle's message digest must name
 * the same algorithm and value, because the transparency-log body is compared
 * with it (through `compareSignedDigest`).
 */
export function messageDigestSignature(
  messageSignature: MessageSignature,
  artifact: { algorithm: PrehashAlgorithm; hex: string },
): SignedEntity['signature'] {
  const given = Buffer.from(artifact.hex, 'hex');
  const claimed = messageSignature.messageDigest;
  if (!claimed) throw new ProvenantError('verify', 'MALFORMED_BUNDLE', 'the message signature names no message digest');
  const algorithm = BUNDLE_HASH[claimed.algorithm];
  if (algorithm === undefined) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the bundle's message digest uses hash algorithm ${claimed.algorithm}, which Provenant cannot check a digest for`);
  }
  if (algorithm !== artifact.algorithm) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the bundle signs a ${algorithm} digest, not the ${artifact.algorithm} digest given`);
  }
  if (!coreCrypto.bufferEqual(Buffer.from(claimed.digest), given)) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the bundle's message digest is not ${artifact.algorithm}:${artifact.hex}`);
  }
  const signature = Buffer.from(messageSignature.signature);
  return {
    signature,
    compareSignature: (other: Buffer) => coreCrypto.bufferEqual(other, signature),
    compareDigest: (other: Buffer) => coreCrypto.bufferEqual(other, given),
    compareSignedDigest: (other: Buffer) => coreCrypto.bufferEqual(other, given),
    verifySignature: (key: unknown) => verifyPrehashed(key as JwkExportable, algorithm, given, signature),
  } as SignedEntity['signature'];
}

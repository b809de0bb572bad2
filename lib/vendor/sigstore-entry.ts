// The only surface of sigstore-js that Provenant uses. Bundled by
// scripts/vendor-sigstore.mjs into sigstore.generated.js (not committed).
export { bundleFromJSON, isBundleWithDsseEnvelope, isBundleWithCertificateChain, isBundleWithPublicKey, ValidationError } from '@sigstore/bundle';
export type { Bundle, TransparencyLogEntry, SerializedBundle } from '@sigstore/bundle';
export { Verifier, toSignedEntity, toTrustMaterial, PolicyError, VerificationError } from '@sigstore/verify';
export type { SignedEntity, Signer, TrustMaterial, VerificationPolicy } from '@sigstore/verify';
export { X509Certificate, crypto as coreCrypto, RFC3161Timestamp } from '@sigstore/core';
export { TrustedRoot, PublicKey as ProtoPublicKey } from '@sigstore/protobuf-specs';
export { Buffer } from 'buffer';

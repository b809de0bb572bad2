// The only surface of sigstore-js that Provenant uses. Bundled by
// scripts/vendor-sigstore.mjs into sigstore.generated.js (not committed).
import { Buffer as VendorBuffer } from '../crypto/buffer';

export { bundleFromJSON, isBundleWithDsseEnvelope, isBundleWithCertificateChain, isBundleWithPublicKey, ValidationError } from '@sigstore/bundle';
export type { Bundle, TransparencyLogEntry, SerializedBundle } from '@sigstore/bundle';
export { Verifier, toSignedEntity, toTrustMaterial, PolicyError, VerificationError } from '@sigstore/verify';
export type { SignedEntity, Signer, TrustMaterial, VerificationPolicy } from '@sigstore/verify';
export { X509Certificate, crypto as coreCrypto, RFC3161Timestamp } from '@sigstore/core';
export { TrustedRoot, PublicKey as ProtoPublicKey } from '@sigstore/protobuf-specs';
// TUF metadata classes for lib/trust/ (the update flow there is Provenant's own).
export { Metadata, MetadataKind, Root as TufRoot, Timestamp as TufTimestamp, Snapshot as TufSnapshot, Targets as TufTargets, MetaFile, TargetFile } from '@tufjs/models';

// sigstore-js's declarations say Node's Buffer where, in this bundle, the
// values are lib/crypto/buffer.ts's (which has only the API sigstore-js uses).
// Typed as Node's so they pass into sigstore-js without casts; a call outside
// that API fails at run time, in the tests too, which run this same bundle.
export const Buffer = VendorBuffer as unknown as BufferConstructor;

// The recording hook and memo of the `crypto` replacement *inside* this bundle
// (importing lib/crypto/node-crypto.ts elsewhere would give a second instance).
export { withSignatureOracle, rememberVerdict, signatureMemo } from '../crypto/node-crypto';
export type { SignatureCheck, SignatureOracle, NativeHash } from '../crypto/node-crypto';

// The NIST curves this bundle already carries, for lib/verify/prehashed-signature.ts:
// importing @noble/curves there put a second copy of them into background.js (+34 kB).
export { p256, p384, p521 } from '@noble/curves/nist.js';

import { IN_TOTO_PAYLOAD_TYPE } from '../../verify/statement';
import { attestationSchema } from './schema';
import { ProvenantError } from '../../errors/provenant-error';
import { zodIssue } from '../../errors/zod-issue';

/** The protobuf-JSON Sigstore bundle a PEP 740 attestation stands for. */
export interface SigstoreBundleV03 {
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json';
  verificationMaterial: {
    certificate: { rawBytes: string };
    tlogEntries: Record<string, unknown>[];
    timestampVerificationData: { rfc3161Timestamps: { signedTimestamp: string }[] };
  };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

/**
 * PEP 740 attestation → Sigstore bundle v0.3, field for field (the inverse
 * of pypi-attestations' `Attestation.from_bundle`):
 * - DSSE envelope: payload = `envelope.statement` (already base64), payload
 *   type in-toto, exactly one signature = `envelope.signature`;
 * - certificate = `verification_material.certificate` (base64 DER leaf);
 * - tlog entries = `verification_material.transparency_entries`, all of
 *   them (pypi-attestations looks at the first only; verifying every entry
 *   is stricter, and an invalid entry in a provenance file is a red flag);
 * - RFC 3161 timestamps (base64 TimeStampResp) from `verification_material.timestamps`.
 * Nothing is verified here; a malformed attestation throws MALFORMED_BUNDLE.
 */
export function pep740ToBundle(attestation: unknown): SigstoreBundleV03 {
  const parsed = attestationSchema.safeParse(attestation);
  if (!parsed.success) {
    throw new ProvenantError('verify', 'MALFORMED_BUNDLE', `PEP 740 attestation ${zodIssue(parsed.error)}`);
  }
  const { verification_material: material, envelope } = parsed.data;
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: material.certificate },
      tlogEntries: material.transparency_entries,
      timestampVerificationData: {
        rfc3161Timestamps: (material.timestamps ?? []).map((signedTimestamp) => ({ signedTimestamp })),
      },
    },
    dsseEnvelope: {
      payload: envelope.statement,
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: envelope.signature, keyid: '' }],
    },
  };
}

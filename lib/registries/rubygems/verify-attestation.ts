import { ProvenantError, isProvenantError } from '../../errors/provenant-error';
import type { ReleaseErrorCode, VerifyErrorCode } from '../../errors/vocabulary';
import type { AttestationSummary, Identity } from '../../report/model';
import { tlogRef } from '../../report/tlog-ref';
import type { TrustContext } from '../../verify/trust-root';
import { verifyBundleFast, type VerifiedBundle } from '../../verify/verify-bundle';
import { checkTrustedPublisher, rubygemsIdentity } from './identity';
import { repairAttestationBundle } from './repair';
import { compareSourceRepository } from './source-repository';

/**
 * What a RubyGems attestation signs has no predicate: it is a Sigstore
 * message signature over the .gem file itself (rubygems.org `Pusher#verify_sigstore`).
 * Reports name it with this kind where a DSSE attestation names its predicate type.
 */
export const GEM_MESSAGE_SIGNATURE = 'sigstore-message-signature';

export interface GemUnderCheck {
  /** sha256 of the .gem from the versions API, lower-case hex. */
  sha256: string;
  /** The version's metadata (source_code_uri, homepage_uri). */
  metadata: Readonly<Record<string, string>>;
}

export type GemAttestationOutcome =
  | { status: 'verified'; identity: Identity; summary: AttestationSummary; repairs: string[] }
  /** `identity` only when the signature and publisher checks passed and the declared source did not. */
  | { status: 'failed'; code: VerifyErrorCode | ReleaseErrorCode; detail: string; identity?: Identity }
  | { status: 'unsupported'; code: ReleaseErrorCode; detail: string };

/**
 * One attestation against one .gem, in order (each failure coded):
 * 1. repair the two known malformations (./repair.ts);
 * 2. verifyBundleFast against the registry's sha256: certificate chain and
 *    SCT, transparency log, timestamps, and the signature checked over that
 *    digest (lib/verify/message-digest-signature.ts), so the digest comes from
 *    the versions API, never from the bundle;
 * 3. rubygems.org's trusted-publisher rule (./identity.ts);
 * 4. the gem's declared source repository (./source-repository.ts).
 * Other publishers still pass 1–2 (a forgery fails whoever signed it) but are
 * never `verified`.
 */
export async function verifyGemAttestation(raw: unknown, gem: GemUnderCheck, trust: TrustContext): Promise<GemAttestationOutcome> {
  try {
    const { bundle, repairs } = repairAttestationBundle(raw);
    // As a string, so the core's size limit applies before parsing.
    const verified = await verifyBundleFast(JSON.stringify(bundle), { trust, artifact: { kind: 'digest', algorithm: 'sha256', hex: gem.sha256 } });
    if (verified.signer.kind !== 'certificate') {
      throw new ProvenantError('verify', 'IDENTITY_MISMATCH', 'a RubyGems attestation is signed by a Fulcio certificate, not by a key');
    }
    const cert = verified.signer.identity;
    checkTrustedPublisher(cert);
    const identity = rubygemsIdentity(cert);
    if (!identity) throw new ProvenantError('verify', 'IDENTITY_MISMATCH', 'the GitHub Actions certificate names no source repository or commit');
    const source = compareSourceRepository(gem.metadata, identity.repositoryUrl);
    if (source.outcome === 'disagrees') {
      const detail = `the gem's metadata names ${source.declared.map((r) => `github.com/${r}`).join(' and ')}; the certificate's source repository is ${identity.repositoryUrl ?? 'not named'}`;
      return { status: 'failed', code: 'SOURCE_REPOSITORY_MISMATCH', detail, identity };
    }
    return { status: 'verified', identity, summary: summarize(verified), repairs };
  } catch (e) {
    if (isProvenantError(e, 'verify')) return { status: 'failed', code: e.code, detail: e.detail };
    if (isProvenantError(e, 'release') && e.code === 'UNSUPPORTED_SIGNER') return { status: 'unsupported', code: e.code, detail: e.detail };
    throw e;
  }
}

function summarize(verified: VerifiedBundle): AttestationSummary {
  const signedAt = verified.timestamps.find((t) => t.source === 'timestamp-authority')?.time ?? verified.timestamps[0]?.time;
  return {
    predicateType: verified.statement?.predicateType ?? GEM_MESSAGE_SIGNATURE,
    signer: 'certificate',
    tlog: verified.tlogEntries.map(tlogRef),
    ...(signedAt !== undefined ? { signedAt } : {}),
  };
}

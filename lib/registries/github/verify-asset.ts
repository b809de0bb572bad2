import type { ArtifactReport, AttestationSummary, Identity } from '../../report/model';
import { tlogRef } from '../../report/tlog-ref';
import type { TrustContext } from '../../verify/trust-root';
import { parseBundle, verifyBundleFast } from '../../verify/verify-bundle';
import { attestationBundles, type BundleDeps } from './attestation-bundles';
import { DIGEST_MISSING, githubError, toFailure, type Failure } from './errors';
import { RELEASE_PREDICATES, SLSA_PROVENANCE_V1, provenanceIdentity, releaseAttestationIdentity } from './identity';
import type { GithubReleaseRef } from './page';
import { assetSha256, type ReleaseAsset } from './schema';

/** The two Sigstore instances GitHub attestations are signed on. */
export interface GithubTrust {
  /** Sigstore public-good (Rekor, SCTs): `actions/attest` in public repositories. */
  publicGood: TrustContext;
  /** GitHub's own instance (publicLog: false): private repositories and immutable releases. */
  github: TrustContext;
}

export const NO_PUBLIC_LOG =
  'No public transparency-log entry: GitHub signed this attestation with its own Sigstore instance, which keeps no public log. ' +
  'The signing time is proved by GitHub\u2019s timestamp authority (an RFC 3161 timestamp) instead.';
export const NO_ATTESTATION = 'GitHub has no attestation for this file: there is no signed record of where it was built or released.';

type Checked =
  | { outcome: 'verified'; kind: 'provenance' | 'release'; identity: Identity; summary: AttestationSummary; publicLog: boolean }
  | { outcome: 'set-aside'; detail: string }
  | { outcome: 'problem'; failure: Failure };

/** One release asset: its digest, GitHub's attestations for it, each verified; never throws. */
export async function verifyAsset(
  asset: ReleaseAsset,
  release: Required<Pick<GithubReleaseRef, 'owner' | 'repo' | 'tag'>>,
  deps: BundleDeps & { trust: GithubTrust },
): Promise<ArtifactReport> {
  const hex = assetSha256(asset);
  const base = { name: asset.name, digest: { algorithm: 'sha256' as const, hex: hex ?? '' }, attestations: [] as AttestationSummary[] };
  if (hex === undefined) {
    return { ...base, status: 'absent', message: DIGEST_MISSING, detail: `asset digest ${JSON.stringify(asset.digest ?? null).slice(0, 200)}` };
  }
  let texts: string[];
  try {
    texts = await attestationBundles(release, hex, deps);
  } catch (e) {
    const { status, ...fields } = toFailure(e);
    return { ...base, status, ...fields };
  }
  const checked = await Promise.all(texts.map((text) => checkBundle(text, hex, release, deps.trust)));
  return judge(base, checked);
}

async function checkBundle(text: string, hex: string, release: Required<Pick<GithubReleaseRef, 'owner' | 'repo' | 'tag'>>, trust: GithubTrust): Promise<Checked> {
  try {
    // GitHub's instance keeps no log, so a bundle without a log entry can only verify there;
    // one with an entry goes to public-good. Either way every check runs against that root.
    const noLog = parseBundle(text).verificationMaterial.tlogEntries.length === 0;
    const context = noLog ? trust.github : trust.publicGood;
    const verified = await verifyBundleFast(text, { trust: context, artifact: { kind: 'digest', algorithm: 'sha256', hex } });
    if (verified.signer.kind !== 'certificate') throw githubError('UNSUPPORTED_SIGNER', `signed by key ${verified.signer.keyHint.slice(0, 100)}`);
    const predicateType = verified.statement?.predicateType;
    const signedAt = verified.timestamps[0]?.time;
    const summary: AttestationSummary = {
      predicateType: predicateType ?? 'message-signature',
      signer: 'certificate',
      tlog: verified.tlogEntries.map(tlogRef),
      ...(signedAt !== undefined ? { signedAt } : {}),
    };
    const publicLog = context.publicLog !== false;
    if (predicateType === SLSA_PROVENANCE_V1) {
      return { outcome: 'verified', kind: 'provenance', identity: provenanceIdentity(verified.signer.identity, release), summary, publicLog };
    }
    if (predicateType !== undefined && RELEASE_PREDICATES.has(predicateType)) {
      // Only GitHub's instance issues the release attester's certificate.
      if (publicLog) throw githubError('UNSUPPORTED_SIGNER', 'a release attestation signed outside GitHub\u2019s Sigstore instance');
      const r = releaseAttestationIdentity(verified.signer.identity, verified.statement!, release);
      if (r.kind === 'other-release') return { outcome: 'set-aside', detail: `release attestation for tag ${r.tag.slice(0, 100)}` };
      return { outcome: 'verified', kind: 'release', identity: r.identity, summary, publicLog };
    }
    throw githubError('UNSUPPORTED_PREDICATE', `predicate type ${JSON.stringify((predicateType ?? 'none').slice(0, 200))}`);
  } catch (e) {
    return { outcome: 'problem', failure: toFailure(e) };
  }
}

/**
 * An asset's status from its attestations. Strict on purpose: one attestation
 * that fails a check (or names another repository) fails the asset even when
 * another verifies, since GitHub serves both for these very bytes. Otherwise a
 * verified one decides; an unsupported kind alone is `unsupported`; none (or
 * only statements about other releases) is `absent`. The identity shown is the
 * release attestation's when there is one (the same for every asset of an
 * immutable release, so the release has one identity), else the provenance's.
 */
function judge(base: Pick<ArtifactReport, 'name' | 'digest' | 'attestations'>, checked: readonly Checked[]): ArtifactReport {
  const verified = checked.flatMap((c) => (c.outcome === 'verified' ? [c] : []));
  const problems = checked.flatMap((c) => (c.outcome === 'problem' ? [c.failure] : []));
  const attestations = verified.map((v) => v.summary);
  const decisive = problems.find((f) => f.status === 'failed') ?? problems.find((f) => f.status === 'error');
  if (decisive) {
    const { status, ...fields } = decisive;
    return { ...base, status, ...fields, attestations };
  }
  const chosen = verified.find((v) => v.kind === 'release') ?? verified[0];
  if (chosen) {
    return {
      ...base,
      status: 'verified',
      identity: chosen.identity,
      attestations,
      ...(verified.every((v) => !v.publicLog) ? { noPublicLog: NO_PUBLIC_LOG } : {}),
    };
  }
  const unsupported = problems.find((f) => f.status === 'unsupported');
  if (unsupported) {
    const { status, ...fields } = unsupported;
    return { ...base, status, ...fields, attestations };
  }
  const setAside = checked.flatMap((c) => (c.outcome === 'set-aside' ? [c.detail] : []));
  return { ...base, status: 'absent', message: NO_ATTESTATION, attestations, ...(setAside.length > 0 ? { detail: `set aside: ${setAside.join('; ').slice(0, 400)}` } : {}) };
}

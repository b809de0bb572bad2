import { ProvenantError } from '../../errors/provenant-error';
import type { ArtifactReport, AttestationSummary, Identity } from '../../report/model';
import { tlogRef } from '../../report/tlog-ref';
import { parseBundle, verifyBundleFast } from '../../verify/verify-bundle';
import { attestationBundles, type BundleDeps } from '../github/attestation-bundles';
import { githubError, toFailure, type Failure } from '../github/errors';
import { SLSA_PROVENANCE_V1, provenanceIdentity } from '../github/identity';
import { NO_PUBLIC_LOG, type GithubTrust } from '../github/verify-asset';
import type { BottleRules } from './identity';
import type { Bottle } from './schema';

export const NO_BOTTLE_ATTESTATION = 'GitHub has no attestation for this bottle: there is no signed record of where it was built.';

type Checked = { ok: true; identity: Identity; summary: AttestationSummary; publicLog: boolean } | { ok: false; failure: Failure };

/**
 * One bottle: GitHub's attestations for its sha256 under the first rules
 * whose repository has any (homebrew-core, then the backfill), each verified
 * and bound to the digest, the repository and the bottle's file name. Strict
 * as for release assets: one failing attestation fails the bottle. Never throws.
 */
export async function verifyBottle(bottle: Bottle, version: string, rules: readonly BottleRules[], deps: BundleDeps & { trust: GithubTrust }): Promise<ArtifactReport> {
  const base = { name: bottle.filename, digest: { algorithm: 'sha256' as const, hex: bottle.sha256 }, attestations: [] as AttestationSummary[] };
  try {
    for (const rule of rules) {
      const texts = await attestationBundles(rule.repository, bottle.sha256, deps);
      if (texts.length === 0) continue;
      const checked = await Promise.all(texts.map((text) => checkBundle(text, bottle, version, rule, deps.trust)));
      return judge(base, checked);
    }
    return { ...base, status: 'absent', message: NO_BOTTLE_ATTESTATION };
  } catch (e) {
    const { status, ...fields } = toFailure(e);
    return { ...base, status, ...fields };
  }
}

async function checkBundle(text: string, bottle: Bottle, version: string, rule: BottleRules, trust: GithubTrust): Promise<Checked> {
  try {
    // As for release assets: a bundle without a log entry can only verify on GitHub's instance.
    const context = parseBundle(text).verificationMaterial.tlogEntries.length === 0 ? trust.github : trust.publicGood;
    const verified = await verifyBundleFast(text, { trust: context, artifact: { kind: 'digest', algorithm: 'sha256', hex: bottle.sha256 } });
    if (verified.signer.kind !== 'certificate') throw githubError('UNSUPPORTED_SIGNER', `signed by key ${verified.signer.keyHint.slice(0, 100)}`);
    const predicateType = verified.statement?.predicateType;
    if (predicateType !== SLSA_PROVENANCE_V1) throw githubError('UNSUPPORTED_PREDICATE', `predicate type ${JSON.stringify((predicateType ?? 'none').slice(0, 200))}`);
    const identity = provenanceIdentity(verified.signer.identity, rule.repository);
    const subjects = verified.statement!.subject.filter((s) => s.digest.sha256 === bottle.sha256);
    const named = await Promise.all(subjects.map((s) => (s.name === undefined ? false : rule.names(s.name, bottle, version))));
    if (!named.includes(true)) {
      throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `no subject with this digest is named for ${bottle.filename.slice(0, 200)}`);
    }
    const signedAt = verified.timestamps[0]?.time;
    if (rule.signedNoLaterThan !== undefined && (signedAt === undefined || Date.parse(signedAt) > Date.parse(rule.signedNoLaterThan))) {
      throw githubError('BACKFILL_TOO_LATE', `signed ${signedAt ?? 'at an unknown time'}, cut-off ${rule.signedNoLaterThan}`);
    }
    const summary: AttestationSummary = { predicateType, signer: 'certificate', tlog: verified.tlogEntries.map(tlogRef), ...(signedAt !== undefined ? { signedAt } : {}) };
    return { ok: true, identity, summary, publicLog: context.publicLog !== false };
  } catch (e) {
    return { ok: false, failure: toFailure(e) };
  }
}

function judge(base: Pick<ArtifactReport, 'name' | 'digest' | 'attestations'>, checked: readonly Checked[]): ArtifactReport {
  const verified = checked.flatMap((c) => (c.ok ? [c] : []));
  const problems = checked.flatMap((c) => (c.ok ? [] : [c.failure]));
  const attestations = verified.map((v) => v.summary);
  const decisive = problems.find((f) => f.status === 'failed') ?? problems.find((f) => f.status === 'error');
  if (decisive) {
    const { status, ...fields } = decisive;
    return { ...base, status, ...fields, attestations };
  }
  if (verified[0]) {
    return { ...base, status: 'verified', identity: verified[0].identity, attestations, ...(verified.every((v) => !v.publicLog) ? { noPublicLog: NO_PUBLIC_LOG } : {}) };
  }
  const { status, ...fields } = problems[0]!;
  return { ...base, status, ...fields, attestations };
}

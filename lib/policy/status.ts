import type { AlertLevel } from '../history/alerts';
import type { ArtifactReport, Identity, ReleaseStatus } from '../report/model';
import type { BadgeStatus } from './verdict';

/**
 * The status and alert rules of docs/verdicts.md, written once: how a
 * release's status follows from its artifacts, what each status says about
 * who built it, and how loud each alert is. Everything that judges or shows a
 * status or an alert asks these instead of listing statuses itself, so a rule
 * (or a new status) changes in one place. Only type imports: the content
 * script uses it without pulling in zod.
 */

/** Any status a release can be shown with: the badge's, or a history entry that was not checked. */
type AnyStatus = BadgeStatus | 'unchecked';

/**
 * The release's status from its artifacts' statuses. Soundness rule: a
 * release is `verified` only if every artifact is; one failure fails it.
 * Order of precedence: failed > error > unsupported > partial/absent > verified.
 */
export function releaseStatus(artifacts: readonly Pick<ArtifactReport, 'status'>[]): ReleaseStatus {
  if (artifacts.length === 0) return 'absent';
  const has = (s: ArtifactReport['status']) => artifacts.some((a) => a.status === s);
  if (has('failed')) return 'failed';
  if (has('error')) return 'error';
  if (has('unsupported')) return 'unsupported';
  const verified = artifacts.filter((a) => a.status === 'verified').length;
  if (verified === artifacts.length) return 'verified';
  if (verified === 0) return 'absent';
  return 'partial';
}

const IDENTITY_KEYS = ['publisherKind', 'issuer', 'repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'email'] as const;

/** The identity all verified artifacts agree on, or undefined if they disagree. */
export function sharedIdentity(artifacts: readonly ArtifactReport[]): Identity | undefined {
  const identities = verifiedIdentities(artifacts);
  const first = identities[0];
  if (!first) return undefined;
  const agree = identities.every((id) => IDENTITY_KEYS.every((k) => id[k] === first[k]));
  return agree ? first : undefined;
}

/** The identities the verified artifacts' certificates name, one per artifact that has one. */
export function verifiedIdentities(artifacts: readonly Pick<ArtifactReport, 'status' | 'identity'>[]): Identity[] {
  return verifiedFiles(artifacts).map((f) => f.identity);
}

/** Each verified artifact that names an identity, with its name: a release's files are judged one by one. */
export function verifiedFiles<A extends Pick<ArtifactReport, 'status' | 'identity'>>(artifacts: readonly A[]): (A & { identity: Identity })[] {
  return artifacts.filter((a): a is A & { identity: Identity } => a.status === 'verified' && a.identity !== undefined);
}

/** The artifacts, verified ones first: what the details show first (a log entry, a signing time) comes from verified provenance when there is some. */
export function verifiedFirst<A extends Pick<ArtifactReport, 'status'>>(artifacts: readonly A[]): A[] {
  return [...artifacts.filter((a) => a.status === 'verified'), ...artifacts.filter((a) => a.status !== 'verified')];
}

/**
 * `verified` or `partial`: some artifact's provenance verified, so the release
 * has a publisher — one a pin is compared with, a publisher change or a
 * self-hosted runner is judged on, and the popup may pin.
 */
export function hasVerifiedProvenance(status: AnyStatus): boolean {
  return status === 'verified' || status === 'partial';
}

/**
 * Statuses that show who built the release: verified provenance, or (for
 * `mismatch`) verified provenance of someone other than the pin. No other
 * status may lend a claimed identity the look of a verified one.
 */
export function showsBuilder(status: AnyStatus): boolean {
  return hasVerifiedProvenance(status) || status === 'mismatch';
}

/**
 * A release that can anchor a publisher comparison or a first-use pin: every
 * artifact verified, and all of them by one identity.
 */
export function verifiedAsOne(release: { status: AnyStatus | ReleaseStatus; identity?: Identity | undefined }): boolean {
  return release.status === 'verified' && release.identity !== undefined;
}

/**
 * Statuses without (fully) verified provenance that are a loss after a
 * verified release or under a pin (`provenance-lost`). `error` is not one: it
 * means "not known yet".
 */
export function losesProvenance(status: ReleaseStatus): boolean {
  return status === 'absent' || status === 'failed' || status === 'partial' || status === 'unsupported';
}

/** Statuses that already read as red; a medium alert does not tone them down. */
export function isAlarming(status: BadgeStatus): boolean {
  return status === 'failed' || status === 'mismatch';
}

/** Statuses after which a page's badge does not change without a new navigation or a user action. */
export function isFinalStatus(status: BadgeStatus): boolean {
  return status !== 'pending' && status !== 'error';
}

/**
 * The loudest of these alert levels (docs/verdicts.md); undefined when there
 * are none. Anything but `medium` counts as high: a missing or unknown level
 * never makes an alert quieter.
 */
export function highestLevel(levels: readonly unknown[]): 'high' | 'medium' | undefined {
  if (levels.length === 0) return undefined;
  return levels.every((l) => l === 'medium') ? 'medium' : 'high';
}

/**
 * How loud an alert of this kind is (the VERDICTS table): losing provenance or
 * changing publisher is what a stolen token looks like, so both are high, and
 * so is the registry contradicting itself (registry-disagrees); a
 * self-hosted runner is medium. A publisher change within one repository,
 * owner and issuer is medium too, but only its alert knows that
 * (publisherChangeLevel, carried as `Alert.level`): this kind-only reading
 * counts every publisher change as high, the fallback for a tab state stored
 * before levels were. A kind this build does not know is taken as high: an
 * alert is never quietened by being new.
 */
export function alertLevel(kind: string): AlertLevel {
  return kind === 'self-hosted-runner' ? 'medium' : 'high';
}

/** The loudest level among these alert kinds; undefined when there are none. */
export function highestAlertLevel(kinds: readonly string[]): AlertLevel | undefined {
  return highestLevel(kinds.map(alertLevel));
}

/** A change of these means another party holds the publishing rights, not the same repository working differently. */
const OWNER_FIELDS: ReadonlySet<string> = new Set(['repositoryId', 'repositoryUrl', 'ownerId', 'issuer', 'email']);

/**
 * publisher-changed is high when the repository, owner, issuer or signing
 * account changed, medium when only the workflow, trigger, ref pattern or
 * builder changed within the same repository.
 */
export function publisherChangeLevel(changedFields: readonly string[]): AlertLevel {
  return changedFields.some((f) => OWNER_FIELDS.has(f)) ? 'high' : 'medium';
}

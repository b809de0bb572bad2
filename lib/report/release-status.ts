import type { ArtifactReport, Identity, ReleaseStatus } from './model';

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
  const identities = artifacts.filter((a) => a.status === 'verified' && a.identity).map((a) => a.identity!);
  const first = identities[0];
  if (!first) return undefined;
  const agree = identities.every((id) => IDENTITY_KEYS.every((k) => id[k] === first[k]));
  return agree ? first : undefined;
}

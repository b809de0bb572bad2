import * as z from '../zod';
import type { Pin } from '../policy/pins';
import { identitySchema, releaseStatusSchema, type Identity, type ReleaseStatus } from '../report/model';

/**
 * Alerts from a package's provenance history. They catch what signatures
 * alone do not: the Nx (npm, Aug 2025) and ultralytics (PyPI, Dec 2024)
 * releases were published with stolen tokens and simply had no provenance,
 * while the versions before them did.
 */
export const alertKindSchema = z.enum(['provenance-lost', 'publisher-changed', 'self-hosted-runner']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export type AlertLevel = 'high' | 'medium';

/**
 * How loud an alert is (the VERDICTS table): losing provenance or changing
 * publisher is what a stolen token looks like, so both are high. The table
 * calls a publisher change that stays within one repository, owner and issuer
 * medium, but the toolbar and stored tabs keep only alert kinds, so every
 * publisher change counts as high here. A kind this build does not know is
 * taken as high: an alert is never quietened by being new.
 */
export function alertLevel(kind: string): AlertLevel {
  return kind === 'self-hosted-runner' ? 'medium' : 'high';
}

/** The loudest level among these alert kinds; undefined when there are none. */
export function highestAlertLevel(kinds: readonly string[]): AlertLevel | undefined {
  if (kinds.length === 0) return undefined;
  return kinds.some((k) => alertLevel(k) === 'high') ? 'high' : 'medium';
}

export const historyEntrySchema = z.object({
  version: z.string(),
  publishedAt: z.optional(z.string()),
  status: z.union([releaseStatusSchema, z.literal('unchecked')]),
  identity: z.optional(identitySchema),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const alertSchema = z.object({
  kind: alertKindSchema,
  version: z.string(),
  /** The earlier verified version the alert compares with. */
  previousVersion: z.optional(z.string()),
  previousIdentity: z.optional(identitySchema),
  identity: z.optional(identitySchema),
  /** Identity fields that changed, for publisher-changed. */
  changed: z.optional(z.array(z.string())),
  message: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The identity fields whose change means "someone else publishes this now". */
const PUBLISHER_FIELDS = ['repositoryId', 'repositoryUrl', 'ownerId', 'workflowPath', 'issuer', 'email'] as const;

const LOST_STATUSES = new Set<ReleaseStatus>(['absent', 'failed', 'partial']);

export interface AlertInput {
  current: {
    version: string;
    status: ReleaseStatus;
    identity?: Identity | undefined;
    /** Every verified artifact's identity: a release's files can be built on different runners. */
    artifactIdentities?: readonly Identity[];
  };
  /** Earlier versions, newest first; only verified ones are compared with. */
  earlier: readonly HistoryEntry[];
  pin?: Pin | undefined;
}

export function computeAlerts({ current, earlier, pin }: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  const previous = earlier.find((e) => e.status === 'verified');
  // What a publisher change is measured against: the newest verified version whose files agree on one identity.
  const previousPublisher = earlier.find((e) => e.status === 'verified' && e.identity);
  // A first-use pin was taken from whatever version was seen first, possibly
  // this very one after a change; only a pin the user made outranks the history.
  const userPin = pin?.source === 'first-use' ? undefined : pin;

  if (previous && LOST_STATUSES.has(current.status)) {
    const what = current.status === 'failed' ? 'failed provenance verification' : current.status === 'partial' ? 'has files without provenance' : 'has no provenance';
    alerts.push({
      kind: 'provenance-lost',
      version: current.version,
      previousVersion: previous.version,
      previousIdentity: previous.identity,
      message: `${current.version} ${what}, but ${previous.version} was verified${previous.identity ? ` as built by ${describeIdentity(previous.identity)}` : ''}.`,
    });
  }

  // A pin is the user's explicit statement of who publishes; it outranks the
  // heuristic, so a pinned and matching identity raises no "changed" alert.
  if (!userPin && previousPublisher?.identity && current.status === 'verified' && current.identity) {
    const before = previousPublisher.identity;
    const changed = PUBLISHER_FIELDS.filter((f) => differs(before[f], current.identity![f], f));
    if (changed.length > 0) {
      alerts.push({
        kind: 'publisher-changed',
        version: current.version,
        previousVersion: previousPublisher.version,
        previousIdentity: before,
        identity: current.identity,
        changed: [...changed],
        message: `${current.version} was built by ${describeIdentity(current.identity)}; ${previousPublisher.version} by ${describeIdentity(before)}.`,
      });
    }
  }

  const selfHosted = [current.identity, ...(current.artifactIdentities ?? [])].find((i) => i?.runnerEnvironment === 'self-hosted');
  if ((current.status === 'verified' || current.status === 'partial') && selfHosted) {
    alerts.push({
      kind: 'self-hosted-runner',
      version: current.version,
      identity: selfHosted,
      message: `${current.version} was built on a self-hosted runner, which the repository owner controls outside the CI provider's isolation.`,
    });
  }
  return alerts;
}

function differs(a: string | undefined, b: string | undefined, field: string): boolean {
  if (a === undefined && b === undefined) return false;
  // Older certificates lack the numeric ids; a missing value on one side is not a change.
  if ((field === 'repositoryId' || field === 'ownerId') && (a === undefined || b === undefined)) return false;
  if (field === 'repositoryUrl' && a && b) return a.toLowerCase() !== b.toLowerCase();
  return a !== b;
}

export function describeIdentity(identity: Identity): string {
  if (identity.email) return identity.email;
  const repo = identity.repositoryUrl?.replace(/^https:\/\/(github\.com|gitlab\.com)\//, '') ?? 'an unknown repository';
  const workflow = identity.workflowPath?.split('/').pop();
  return workflow ? `${repo} (${workflow})` : repo;
}

export const acknowledgementSchema = z.object({
  ecosystem: z.enum(['pypi', 'npm']),
  package: z.string(),
  /** Absent: every version of the package. */
  version: z.optional(z.string()),
  kind: alertKindSchema,
  at: z.string(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

export function isAcknowledged(alert: Alert, ecosystem: string, pkg: string, acks: readonly Acknowledgement[]): boolean {
  return acks.some((a) => a.ecosystem === ecosystem && a.package === pkg && a.kind === alert.kind && (a.version === undefined || a.version === alert.version));
}

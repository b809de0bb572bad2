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
  current: { version: string; status: ReleaseStatus; identity?: Identity | undefined };
  /** Earlier versions, newest first; only verified ones are compared with. */
  earlier: readonly HistoryEntry[];
  pin?: Pin | undefined;
}

export function computeAlerts({ current, earlier, pin }: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  const previous = earlier.find((e) => e.status === 'verified');

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
  if (!pin && previous?.identity && current.status === 'verified' && current.identity) {
    const changed = PUBLISHER_FIELDS.filter((f) => differs(previous.identity![f], current.identity![f], f));
    if (changed.length > 0) {
      alerts.push({
        kind: 'publisher-changed',
        version: current.version,
        previousVersion: previous.version,
        previousIdentity: previous.identity,
        identity: current.identity,
        changed: [...changed],
        message: `${current.version} was built by ${describeIdentity(current.identity)}; ${previous.version} by ${describeIdentity(previous.identity)}.`,
      });
    }
  }

  if ((current.status === 'verified' || current.status === 'partial') && current.identity?.runnerEnvironment === 'self-hosted') {
    alerts.push({
      kind: 'self-hosted-runner',
      version: current.version,
      identity: current.identity,
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

import * as z from '../zod';

/**
 * The last verified TUF metadata and the two targets it vouches for, kept in
 * storage.local so a refresh survives worker restarts, browser restarts and
 * upgrades. v1. What is stored is only what Sigstore publishes to everyone
 * (no browsing data). Read with zod; anything that does not parse is ignored
 * and the embedded seed is used instead, which is always safe.
 */
export const STORED_TRUST_VERSION = 1;

const versions = z.object({ root: z.number(), timestamp: z.number(), snapshot: z.number(), targets: z.number() });

const attemptSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** TrustErrorCode when not ok. */
  code: z.optional(z.string()),
  detail: z.optional(z.string()),
  /** What asked for it: worker start, the hourly check, a bundle naming unknown material, the options page. */
  reason: z.enum(['start', 'schedule', 'demand', 'user']),
});
export type RefreshAttempt = z.infer<typeof attemptSchema>;

export const storedTrustSchema = z.object({
  /** Verified TUF metadata as served (JSON text), enough to resume the next update from. */
  state: z.object({
    root: z.string(),
    timestamp: z.optional(z.string()),
    snapshot: z.optional(z.string()),
    targets: z.optional(z.string()),
    delegated: z.optional(z.record(z.string(), z.string())),
  }),
  /**
   * The profile's targets as verified, by key (public-good: `trustedRoot` and
   * `npmKeys`); TrustService ignores a record missing any key its profile needs.
   */
  targets: z.record(z.string(), z.string()),
  versions,
  refreshedAt: z.string(),
  /** Earliest expiry of the metadata above. */
  expires: z.string(),
});
export type StoredTrust = z.infer<typeof storedTrustSchema>;

export const trustRecordSchema = z.object({
  refreshed: z.optional(storedTrustSchema),
  lastAttempt: z.optional(attemptSchema),
  /** Last on-demand attempt (rate-limited separately from the schedule). */
  lastDemandAt: z.optional(z.string()),
});
export type TrustRecord = z.infer<typeof trustRecordSchema>;

export function parseTrustRecord(value: unknown): TrustRecord {
  const parsed = trustRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

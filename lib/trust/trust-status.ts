import * as z from '../zod';

/** What the options page shows about the trust material in use (parsed at the message boundary). */
export const trustStatusSchema = z.object({
  source: z.enum(['embedded', 'refreshed']),
  rootVersion: z.number(),
  targetsVersion: z.optional(z.number()),
  timestampVersion: z.optional(z.number()),
  refreshedAt: z.optional(z.string()),
  expires: z.string(),
  expired: z.boolean(),
  lastAttempt: z.optional(
    z.object({
      at: z.string(),
      ok: z.boolean(),
      code: z.optional(z.string()),
      detail: z.optional(z.string()),
      reason: z.enum(['start', 'schedule', 'demand', 'user']),
    }),
  ),
});
export type TrustStatus = z.infer<typeof trustStatusSchema>;

export const refreshResultSchema = z.object({
  ok: z.boolean(),
  changed: z.boolean(),
  /** A sentence for a person. */
  message: z.string(),
  status: trustStatusSchema,
});
export type RefreshResult = z.infer<typeof refreshResultSchema>;

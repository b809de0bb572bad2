import * as z from '../zod';
import { releaseReportSchema } from '../report/model';

export const cacheEntrySchema = z.object({ report: releaseReportSchema, storedAt: z.string(), expiresAt: z.string() });

/**
 * Most entries the report cache keeps. It is one storage.local object
 * (rewritten on each store) under the browser's quota; a PyPI release with
 * many files makes a report of tens of kilobytes, and a history walk stores
 * up to ten of them, so the oldest go first rather than every write failing.
 */
export const MAX_CACHED_REPORTS = 400;

/** The cache after a write: expired and unreadable entries dropped, then the oldest beyond the cap. */
export function pruneReports(all: Record<string, unknown>, now: number, max = MAX_CACHED_REPORTS): Record<string, unknown> {
  const live: [string, unknown, number][] = [];
  for (const [key, value] of Object.entries(all)) {
    const entry = cacheEntrySchema.safeParse(value);
    if (entry.success && Date.parse(entry.data.expiresAt) > now) live.push([key, value, Date.parse(entry.data.storedAt) || 0]);
  }
  live.sort((a, b) => b[2] - a[2]);
  return Object.fromEntries(live.slice(0, max).map(([key, value]) => [key, value]));
}

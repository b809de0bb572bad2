import * as z from '../zod';
import { hasVerifiedProvenance } from '../policy/status';
import { releaseReportSchema, type Ecosystem, type Identity } from '../report/model';

export const cacheEntrySchema = z.object({ report: releaseReportSchema, storedAt: z.string(), expiresAt: z.string() });

/**
 * Most entries the report cache keeps. It is one storage.local object
 * (rewritten on each store) under the browser's quota; a PyPI release with
 * many files makes a report of tens of kilobytes, and a history walk stores
 * up to ten of them, so the oldest go first rather than every write failing.
 */
export const MAX_CACHED_REPORTS = 400;

/**
 * Most bytes the cache may take (its JSON, as storage.local counts it).
 * Chromium gives an extension 10 MiB of storage.local for everything; 400
 * reports of 60-file PyPI releases come to about 30 MiB, so a count alone
 * does not bound it (issue 11, finding 9). 4 MiB leaves room for pins,
 * acknowledgements, settings and the quarantine.
 */
export const MAX_CACHE_BYTES = 4 * 1024 * 1024;

/** The cache after a write: expired and unreadable entries dropped, then the oldest beyond the count or the byte budget. */
export function pruneReports(all: Record<string, unknown>, now: number, max = MAX_CACHED_REPORTS, maxBytes = MAX_CACHE_BYTES): Record<string, unknown> {
  const live: [string, unknown, number][] = [];
  for (const [key, value] of Object.entries(all)) {
    const entry = cacheEntrySchema.safeParse(value);
    if (entry.success && Date.parse(entry.data.expiresAt) > now) live.push([key, value, Date.parse(entry.data.storedAt) || 0]);
  }
  live.sort((a, b) => b[2] - a[2]);
  const kept: [string, unknown][] = [];
  let bytes = 2; // {}
  for (const [key, value] of live.slice(0, max)) {
    // Key, value, quotes, colon and comma; UTF-8 length, which is what the quota counts.
    const size = utf8Length(key) + utf8Length(JSON.stringify(value)) + 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    kept.push([key, value]);
  }
  return Object.fromEntries(kept);
}

/** The cache's size as storage.local would count it. */
export function cacheBytes(cache: Record<string, unknown>): number {
  return utf8Length(JSON.stringify(cache));
}

const encoder = new TextEncoder();
function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Most releases "Fill from a verified release" offers. */
export const MAX_OFFERED_IDENTITIES = 20;

/**
 * The releases of one package this browser verified, newest check first:
 * what the options page offers to fill a pin from. Only verified (or
 * partly verified) reports with one agreed identity count; expired entries
 * still do, since a release that verified once stays what it was.
 */
export function verifiedIdentitiesIn(all: Record<string, unknown>, ecosystem: Ecosystem, pkg: string): { version: string; identity: Identity; checkedAt: string }[] {
  const found: { version: string; identity: Identity; checkedAt: string }[] = [];
  for (const value of Object.values(all)) {
    const entry = cacheEntrySchema.safeParse(value);
    if (!entry.success) continue;
    const { report } = entry.data;
    if (report.ecosystem !== ecosystem || report.package !== pkg || !report.identity) continue;
    if (!hasVerifiedProvenance(report.status)) continue;
    found.push({ version: report.version, identity: report.identity, checkedAt: report.checkedAt });
  }
  found.sort((a, b) => (Date.parse(b.checkedAt) || 0) - (Date.parse(a.checkedAt) || 0));
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.version) && seen.add(f.version)).slice(0, MAX_OFFERED_IDENTITIES);
}

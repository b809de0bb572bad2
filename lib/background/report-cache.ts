import * as z from '../zod';
import { releaseReportSchema, type Ecosystem, type Identity } from '../report/model';

export const cacheEntrySchema = z.object({ report: releaseReportSchema, storedAt: z.string(), expiresAt: z.string() });

// Pruning reads only an entry's times: a full parse of every report on every
// write would cost ~100 ms with a full cache, and every read parses in full anyway.
const cacheEnvelopeSchema = z.object({
  report: z.looseObject({}),
  storedAt: z.string(),
  expiresAt: z.string(),
  bytes: z.optional(z.number().check(z.int(), z.positive())),
});

/** Most entries the report cache keeps, however small: a bound on the work each write does. */
export const MAX_CACHED_REPORTS = 400;

/**
 * Most bytes of serialized JSON the report cache may take. Chromium gives an
 * extension 10 MiB of storage.local (without `unlimitedStorage`), counted as
 * the UTF-8 JSON of each value; the cache is one value and shares that space
 * with pins, acknowledgements, settings and quarantined data, so it keeps to
 * 4 MiB. A 60-file PyPI release makes a report of about 83 KB, so some fifty
 * of those fit (400 of them, the old count cap, came to 33 MB); small npm
 * reports fit in the hundreds.
 */
export const MAX_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * Largest single entry cached. A report bigger than this (a release with
 * hundreds of files) is not cached at all: it would evict most of the cache
 * on its own, and is verified again on the next visit instead.
 */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/** UTF-8 length of a string, without building the encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The bytes one entry adds to the cache's JSON: `"key":value,`. */
export function entryBytes(key: string, value: unknown): number {
  return utf8Length(JSON.stringify(key)) + utf8Length(JSON.stringify(value)) + 2;
}

// Room for the `"bytes":1234567,` an entry carries once measured.
const SIZE_FIELD_BYTES = 20;

/**
 * The cache after a write: expired and unreadable entries dropped, entries
 * over `MAX_ENTRY_BYTES` dropped, then the newest kept while they fit the
 * byte budget and the count cap (the oldest go first). Each kept entry
 * carries its measured size (`bytes`, written only here), so a write
 * measures only the new entry instead of serializing the whole cache again.
 */
export function pruneReports(
  all: Record<string, unknown>,
  now: number,
  limits: { maxEntries?: number; maxBytes?: number; maxEntryBytes?: number } = {},
): Record<string, unknown> {
  const { maxEntries = MAX_CACHED_REPORTS, maxBytes = MAX_CACHE_BYTES, maxEntryBytes = MAX_ENTRY_BYTES } = limits;
  const live: { key: string; value: Record<string, unknown>; storedAt: number; bytes: number }[] = [];
  for (const [key, value] of Object.entries(all)) {
    const entry = cacheEnvelopeSchema.safeParse(value);
    if (!entry.success || !(Date.parse(entry.data.expiresAt) > now)) continue;
    let bytes = entry.data.bytes;
    const measured = { ...(value as Record<string, unknown>) };
    if (bytes === undefined) {
      delete measured.bytes;
      bytes = entryBytes(key, measured) + SIZE_FIELD_BYTES;
      measured.bytes = bytes;
    }
    if (bytes > maxEntryBytes) continue;
    live.push({ key, value: measured, storedAt: Date.parse(entry.data.storedAt) || 0, bytes });
  }
  live.sort((a, b) => b.storedAt - a.storedAt);
  const kept: [string, unknown][] = [];
  let total = 2; // the braces
  for (const entry of live) {
    if (kept.length >= maxEntries || total + entry.bytes > maxBytes) break;
    kept.push([entry.key, entry.value]);
    total += entry.bytes;
  }
  return Object.fromEntries(kept);
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
    if (report.status !== 'verified' && report.status !== 'partial') continue;
    found.push({ version: report.version, identity: report.identity, checkedAt: report.checkedAt });
  }
  found.sort((a, b) => (Date.parse(b.checkedAt) || 0) - (Date.parse(a.checkedAt) || 0));
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.version) && seen.add(f.version)).slice(0, MAX_OFFERED_IDENTITIES);
}

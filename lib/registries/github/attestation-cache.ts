/**
 * Attestation answers per (repository, asset digest). An asset's digest names
 * its bytes, and what was attested about those bytes does not change, so a
 * non-empty answer is kept for good: with 60 unauthenticated API requests an
 * hour, asking again on every visit would exhaust the budget in minutes.
 * An empty answer is kept only for EMPTY_ANSWER_MS, because an attestation
 * may be added after the asset (an immutable release is attested when it is
 * published). What is kept is the bundles as served, never a verdict: each
 * visit verifies them again against the trust material of the day.
 */
export const EMPTY_ANSWER_MS = 3600_000;

export interface CachedAttestations {
  /** Each bundle's JSON text (already decompressed when it came from a bundle_url). */
  bundles: string[];
  fetchedAt: string;
}

export interface AttestationCache {
  get(key: string): Promise<CachedAttestations | undefined>;
  set(key: string, value: CachedAttestations): Promise<void>;
}

/** Owner and repository names are case-insensitive on GitHub; the digest is lowercase hex already. */
export function attestationCacheKey(owner: string, repo: string, sha256Hex: string): string {
  return `${owner.toLowerCase()}/${repo.toLowerCase()}@sha256:${sha256Hex}`;
}

export function isFresh(entry: CachedAttestations, now: Date): boolean {
  if (entry.bundles.length > 0) return true;
  const age = now.getTime() - Date.parse(entry.fetchedAt);
  return age >= 0 && age < EMPTY_ANSWER_MS;
}

/** In-memory cache for one worker lifetime, dropping the oldest entry past `limit`. */
export function memoryAttestationCache(limit = 500): AttestationCache {
  const entries = new Map<string, CachedAttestations>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
  };
}

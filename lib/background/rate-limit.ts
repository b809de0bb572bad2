/**
 * A per-key limit on how often something may happen: at most one every
 * `minIntervalMs` and `perWindow` per `windowMs`. Kept in the worker's memory
 * on purpose: it guards against a page clicking the badge in a loop (opening
 * the popup needs no user gesture in Chromium), and a restarted worker
 * forgetting it merely allows one more open.
 */
export interface RateLimit {
  /** True, and counted, if `key` may go now; false if it must wait. */
  take(key: string): boolean;
}

export function createRateLimit(options: { minIntervalMs: number; perWindow: number; windowMs: number; now?: () => number }): RateLimit {
  const now = options.now ?? Date.now;
  const seen = new Map<string, number[]>();
  return {
    take(key) {
      const t = now();
      const recent = (seen.get(key) ?? []).filter((at) => t - at < options.windowMs);
      const last = recent[recent.length - 1];
      if ((last !== undefined && t - last < options.minIntervalMs) || recent.length >= options.perWindow) {
        seen.set(key, recent);
        return false;
      }
      recent.push(t);
      seen.set(key, recent);
      // Keys are tab ids; forget idle ones so the map stays small.
      if (seen.size > 256) for (const [k, v] of seen) if (v.every((at) => t - at >= options.windowMs)) seen.delete(k);
      return true;
    },
  };
}

/** The badge's "open details": one per tab per second, six per tab per minute. */
export const DETAILS_OPEN_LIMIT = { minIntervalMs: 1_000, perWindow: 6, windowMs: 60_000 } as const;

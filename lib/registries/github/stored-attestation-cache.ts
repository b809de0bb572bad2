import * as z from '../../zod';
import type { StoredItem } from '../../storage/stored-item';
import type { AttestationCache, CachedAttestations } from './attestation-cache';

/**
 * The attestation cache kept in storage.local, so a worker restart (every
 * ~30 s idle in MV3) does not spend GitHub's 60 requests an hour again.
 * Bounded by entries and by the JSON size of what is kept, oldest dropped
 * first; an entry that does not parse is skipped (it is public data GitHub
 * serves again, so nothing is quarantined). A read or write that fails never
 * fails a verification: the answer is asked for again.
 */
export const CACHE_LIMITS = { entries: 300, bytes: 2 * 1024 * 1024 } as const;

const entrySchema = z.object({
  key: z.string().check(z.maxLength(400)),
  bundles: z.array(z.string()).check(z.maxLength(100)),
  fetchedAt: z.string().check(z.maxLength(40)),
});
type Entry = z.infer<typeof entrySchema>;

export function storedAttestationCache(item: StoredItem<unknown>, limits: { entries: number; bytes: number } = CACHE_LIMITS): AttestationCache {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Entry[]> => {
    const raw = await item.getValue().catch(() => []);
    return (Array.isArray(raw) ? raw : []).flatMap((e) => {
      const parsed = entrySchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
  };
  return {
    async get(key) {
      const hit = (await read()).find((e) => e.key === key);
      return hit ? ({ bundles: hit.bundles, fetchedAt: hit.fetchedAt } satisfies CachedAttestations) : undefined;
    },
    set(key, value) {
      // Writes are queued, so two assets answered at once do not each drop the other's entry.
      const task = queue.then(async () => {
        const kept = (await read()).filter((e) => e.key !== key);
        kept.push({ key, bundles: value.bundles, fetchedAt: value.fetchedAt });
        await item.setValue(bounded(kept, limits)).catch(() => undefined);
      });
      queue = task.catch(() => undefined);
      return task;
    },
  };
}

/** The newest entries within both limits (an entry larger than the byte limit alone is not kept). */
function bounded(entries: Entry[], limits: { entries: number; bytes: number }): Entry[] {
  const out: Entry[] = [];
  let bytes = 0;
  for (let i = entries.length - 1; i >= 0 && out.length < limits.entries; i--) {
    const size = JSON.stringify(entries[i]).length;
    if (bytes + size > limits.bytes) continue;
    bytes += size;
    out.unshift(entries[i]!);
  }
  return out;
}

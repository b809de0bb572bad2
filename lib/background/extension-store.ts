import { browser } from 'wxt/browser';
import type { Pin } from '../policy/pins';
import { pinKey } from '../policy/pins';
import { changePins, readPins, readSettings, updateItem, verdictCacheItem } from '../storage/items';
import { cacheEntrySchema, pruneReports } from './report-cache';
import type { ReportCacheEntry, VerdictStore } from './verdict-service';

/**
 * The stored verdict cache as this worker last read it. The cache is one
 * storage object of up to 4 MiB (lib/background/report-cache.ts); reading it
 * for every cached badge cost a storage round trip and a copy of all of it.
 * Only this worker writes it; any change to it in storage (a write here, the
 * browser clearing the extension's data) drops the copy, and the next read
 * takes storage's value again. Entries are parsed on every read, as before.
 */
let cacheCopy: Promise<Record<string, unknown>> | undefined;
let watchingCache = false;

function readVerdictCache(): Promise<Record<string, unknown>> {
  if (!watchingCache) {
    // Registered on first use: nothing may run when WXT imports the entrypoint at build time.
    watchingCache = true;
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && VERDICT_CACHE_KEY in changes) cacheCopy = undefined;
    });
  }
  const read = (cacheCopy ??= verdictCacheItem.getValue());
  // A failed read is not kept: the next one asks storage again.
  read.catch(() => cacheCopy === read && (cacheCopy = undefined));
  return read;
}

const VERDICT_CACHE_KEY = verdictCacheItem.spec.slice(verdictCacheItem.spec.indexOf(':') + 1);

/** Extension-storage implementation of the verdict service's persistence. */
export const extensionStore: VerdictStore = {
  async getReport(key) {
    const all = await readVerdictCache();
    const parsed = cacheEntrySchema.safeParse(all[key]);
    return parsed.success ? parsed.data : undefined;
  },
  async putReport(key, entry: ReportCacheEntry) {
    cacheCopy = undefined;
    try {
      await updateItem(verdictCacheItem, (all) => pruneReports({ ...all, [key]: entry }, Date.now()));
    } finally {
      // A read that started during the write may hold the old value.
      cacheCopy = undefined;
    }
  },
  async getPin(ecosystem, pkg) {
    return (await readPins()).find((p) => pinKey(p.ecosystem, p.package) === pinKey(ecosystem, pkg));
  },
  async addPin(pin: Pin) {
    // First use only: a pin the user saved meanwhile is never replaced.
    await changePins((pins) => (pins.some((p) => pinKey(p.ecosystem, p.package) === pinKey(pin.ecosystem, pin.package)) ? pins : [...pins, pin]));
  },
  async trustOnFirstUse() {
    return (await readSettings()).trustOnFirstUse;
  },
};

/**
 * Pins, settings and cached verdicts are for the extension's own pages and
 * worker; content scripts never read them (they ask by message). Chromium can
 * close storage.local to them, so a compromised registry page's renderer
 * cannot rewrite a pin. Firefox has no such switch yet for local storage.
 */
export async function closeStorageToContentScripts(): Promise<void> {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}

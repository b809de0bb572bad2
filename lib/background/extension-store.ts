import { browser } from 'wxt/browser';
import type { Pin } from '../policy/pins';
import { pinKey } from '../policy/pins';
import { changePins, readPins, readSettings, updateItem, verdictCacheItem } from '../storage/items';
import { cacheEntrySchema, pruneReports } from './report-cache';
import type { ReportCacheEntry, VerdictStore } from './verdict-service';

/** Extension-storage implementation of the verdict service's persistence. */
export const extensionStore: VerdictStore = {
  async getReport(key) {
    const all = await verdictCacheItem.getValue();
    const parsed = cacheEntrySchema.safeParse(all[key]);
    return parsed.success ? parsed.data : undefined;
  },
  async putReport(key, entry: ReportCacheEntry) {
    await updateItem(verdictCacheItem, (all) => pruneReports({ ...all, [key]: entry }, Date.now()));
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

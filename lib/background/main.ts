import type { AlertLevel } from '../history/alerts';
import { browser } from 'wxt/browser';
import { registryClient } from '../net/registry-fetch';
import type { Pin } from '../policy/pins';
import { pinKey } from '../policy/pins';
import type { Verdict } from '../policy/verdict';
import { changePins, readAcks, readPins, readSettings, tabsItem, updateItem, verdictCacheItem } from '../storage/items';
import { earlierVersions } from '../history/version-lists';
import { historyCoordinator } from './history-coordinator';
import { latestVersion } from './latest-version';
import { createRouter, pageAt } from './router';
import { defaultToolbarLook, showToolbarLook, watchSiteAccess } from './site-access';
import { toolbarLook } from './toolbar';
import { releaseVerifier } from './verify-release';
import { VerdictService, type ReportCacheEntry, type VerdictStore } from './verdict-service';
import { cacheEntrySchema, pruneReports, verifiedIdentitiesIn } from './report-cache';
import { BADGE_REFRESH } from '../messages/badge-refresh';
import type { Envelope } from '../messages/protocol';
import { liveTrust } from '../trust/live-trust';
import { warmVerifier } from '../verify/warm-up';

/** Extension-storage implementation of the service's persistence. */
const extensionStore: VerdictStore = {
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

async function setToolbar(tabId: number, verdict: Verdict | undefined, pending: boolean, alerts: readonly string[] = [], level?: AlertLevel): Promise<void> {
  const status = pending ? 'pending' : verdict?.status;
  if (!status) return;
  try {
    await showToolbarLook(toolbarLook(status, alerts, level), tabId);
  } catch {
    // The tab may have closed while verifying.
  }
}

async function forgetTab(tabId: number): Promise<void> {
  await updateItem(tabsItem, (tabs) => {
    delete tabs[String(tabId)];
    return tabs;
  });
}

/**
 * The toolbar popup over the tab's window, for a click on the badge. Both
 * browsers open it only over a focused window (Firefox also wants a user
 * gesture, which a message from a content script does not carry): the badge
 * shows its own panel whenever this says no.
 */
async function openPopup(tabId: number): Promise<'opened' | 'NO_FOCUSED_WINDOW' | 'POPUP_REFUSED'> {
  const action = browser.action as { openPopup?: (options?: { windowId?: number }) => Promise<void> };
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab || tab.windowId === undefined || !action.openPopup) return 'POPUP_REFUSED';
  const win = await browser.windows.get(tab.windowId).catch(() => undefined);
  if (!win?.focused) return 'NO_FOCUSED_WINDOW';
  // The popup describes its window's active tab: it must be the tab whose badge was clicked.
  if (!tab.active) return 'POPUP_REFUSED';
  try {
    await action.openPopup({ windowId: tab.windowId });
    return 'opened';
  } catch {
    return 'POPUP_REFUSED';
  }
}

/** The details panel's code (entrypoints/details-panel.ts), into the content scripts' world of that frame. */
async function injectPanel(tabId: number, frameId: number): Promise<void> {
  // Without it the badge simply opens nothing; the verdict stays on the page and in the toolbar.
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/details-panel.js'] }).catch(() => undefined);
}

/** Back to the toolbar's default look (which may be the site-access warning). */
async function clearToolbar(tabId: number): Promise<void> {
  try {
    await showToolbarLook(await defaultToolbarLook(), tabId, { defaultText: true });
  } catch {
    // The tab may have closed meanwhile.
  }
}

/**
 * Pins, settings and cached verdicts are for the extension's own pages and
 * worker; content scripts never read them (they ask by message). Chromium can
 * close storage.local to them, so a compromised registry page's renderer
 * cannot rewrite a pin. Firefox has no such switch yet for local storage.
 */
async function closeStorageToContentScripts(): Promise<void> {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}

/** Wires the background: everything is registered synchronously at start-up. */
export function startBackground(): void {
  const client = registryClient();
  const trust = liveTrust();
  const service = new VerdictService({ verifyRelease: releaseVerifier(client, trust), latestVersion: (page) => latestVersion(client, page), store: extensionStore });
  const history = historyCoordinator({
    service,
    earlierVersions: (page, version, limit) => earlierVersions(client, page, version, limit),
    acks: readAcks,
  });
  const route = createRouter({
    history,
    service,
    trust,
    extensionOrigin: browser.runtime.getURL('/'),
    extensionId: browser.runtime.id,
    setToolbar,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId).catch(() => undefined))?.url,
    // A tab whose content script is gone (closed, navigated) simply has no badge to refresh.
    refreshBadge: (tabId) => browser.tabs.sendMessage(tabId, { type: BADGE_REFRESH }).then(() => undefined, () => undefined),
    openPopup,
    injectPanel,
    verifiedIdentities: async (ecosystem, pkg) => verifiedIdentitiesIn(await verdictCacheItem.getValue(), ecosystem, pkg),
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    let answered = false;
    const answer = (envelope: Envelope) => {
      if (answered) return;
      answered = true;
      sendResponse(envelope);
    };
    route(message, sender, answer).then(answer);
    return true;
  });
  watchSiteAccess();
  // Trust material older than a day is refreshed at start; failures keep what works (lib/trust/trust-service.ts).
  void trust.refreshIfDue('start').catch(() => undefined);
  // After start-up's own task, so the message that woke the worker is not kept waiting (lib/verify/warm-up.ts).
  setTimeout(() => void warmVerifier(() => trust.current()).catch(() => undefined), 0);
  void closeStorageToContentScripts();
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // A tab that leaves a package page (for another site, or a registry page that is
  // no package) must not keep showing that page's verdict in the toolbar. Package
  // pages are left alone: their content script reports the new page itself.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    if (pageAt(tab.url)) return;
    void forgetTab(tabId);
    void clearToolbar(tabId);
  });
}

import type { AlertLevel } from '../../history/alerts';
import type { TabState } from '../../messages/protocol';
import { samePage } from '../../pages/detect';
import type { PackagePage } from '../../pages/package-page';
import { tabEntrySchema, tabsItem, updateItem } from '../../storage/items';
import * as z from '../../zod';
import { offRegistryShown } from '../optional-registries';
import { pageAt } from '../tab-page';
import type { HandlerDeps, HandlersFor } from './handler-map';

type TabEntry = z.infer<typeof tabEntrySchema>;

/** What the worker remembers of each tab: the page its content script last asked about, and that page's alerts. */
export interface TabRecords {
  /** What a tab shows and the verdict for it, as the popup reads it. */
  state(tabId: number): Promise<TabState>;
  remember(tabId: number, page: PackagePage): Promise<void>;
  entry(tabId: number): Promise<TabEntry | undefined>;
  /** Keeps a page's history alerts on its tab, unless the tab has moved on to another page meanwhile. */
  recordAlerts(tabId: number, page: PackagePage, alerts: string[], level: AlertLevel | undefined): Promise<void>;
  /** Every tab with a package page on record, in storage order. */
  pages(): Promise<{ tabId: number; page: PackagePage }[]>;
}

export function tabRecords(deps: Pick<HandlerDeps, 'service' | 'tabUrl' | 'optionalRegistries'>): TabRecords {
  async function entry(tabId: number): Promise<TabEntry | undefined> {
    const parsed = tabEntrySchema.safeParse((await tabsItem.getValue())[String(tabId)]);
    return parsed.success ? parsed.data : undefined;
  }

  return {
    entry,
    async state(tabId) {
      const [page, url] = await Promise.all([entry(tabId).then((e) => e?.page), deps.tabUrl(tabId)]);
      // A registry that is off has no verdict to show, cached or not: the popup offers to turn it on instead.
      const off = deps.optionalRegistries ? await offRegistryShown(deps.optionalRegistries, url, page) : undefined;
      if (off) return { tabId, pending: false, registryOff: off };
      // What the content script last reported is stale once the tab has left that
      // page (another site, a registry page that is no package, site access revoked):
      // its verdict must not be shown for whatever the tab shows now.
      if (!page || !samePage(pageAt(url), page)) return { tabId, pending: false };
      const verdict = await deps.service.cachedVerdict(page);
      return { tabId, page, verdict, pending: !verdict && deps.service.isPending(page) };
    },
    async remember(tabId, page) {
      await updateItem(tabsItem, (tabs) => ({ ...tabs, [String(tabId)]: { page } }));
    },
    async recordAlerts(tabId, page, alerts, level) {
      await updateItem(tabsItem, (tabs) => {
        const now = tabEntrySchema.safeParse(tabs[String(tabId)]);
        if (now.success && now.data.page && samePage(now.data.page, page)) tabs[String(tabId)] = { ...now.data, alerts, ...(level ? { alertLevel: level } : {}) };
        return tabs;
      });
    },
    async pages() {
      const out: { tabId: number; page: PackagePage }[] = [];
      for (const [id, raw] of Object.entries(await tabsItem.getValue())) {
        const parsed = tabEntrySchema.safeParse(raw);
        if (parsed.success && parsed.data.page) out.push({ tabId: Number(id), page: parsed.data.page });
      }
      return out;
    },
  };
}

export function tabStateHandlers(tabs: TabRecords): HandlersFor<'tab/get'> {
  return {
    'tab/get': (request) => tabs.state(request.tabId),
  };
}

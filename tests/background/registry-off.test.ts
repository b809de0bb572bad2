/**
 * What the worker answers about an optional registry while it is off: the
 * popup's tab state names the registry instead of a page and verdict (as far
 * as the worker can know the tab is on its site), a cached verdict is never
 * shown, and a switch repaints the tabs that showed it. The real router,
 * handlers, optional-registry rules and verdict service; the browser's grants,
 * registered scripts and tab URLs are in memory.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { optionalRegistries, refusedReport, type OptionalRegistryEffects } from '../../lib/background/optional-registries';
import { createRouter } from '../../lib/background/router';
import { VerdictService, type ReportCacheEntry } from '../../lib/background/verdict-service';
import type { Verdict } from '../../lib/policy/verdict';
import type { ReleaseReport } from '../../lib/report/model';
import { registryOrigins } from '../../lib/registries/optional';
import { rubygemsPage } from '../../lib/registries/rubygems/page';

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const popup = { id: 'abc', url: 'chrome-extension://abc/popup.html' };
const GEM_URL = 'https://rubygems.org/gems/sigstore/versions/0.2.3';
const gemTab = { id: 'abc', url: GEM_URL, tab: { id: 5, url: GEM_URL } };
const gem = { ecosystem: 'rubygems', package: 'sigstore', version: '0.2.3' } as const;

function worker() {
  const granted = new Set<string>();
  let wanted: string[] = [];
  const effects: OptionalRegistryEffects = {
    contains: async (origins) => origins.every((o) => granted.has(o)),
    remove: async (origins) => (origins.forEach((o) => granted.delete(o)), true),
    registeredScripts: async () => [],
    register: async () => {},
    unregister: async () => {},
    readWanted: async () => [...wanted],
    changeWanted: async (change) => void (wanted = change(wanted)),
  };
  const registries = optionalRegistries(effects);
  const reports = new Map<string, ReportCacheEntry>();
  let verifications = 0;
  const service = new VerdictService({
    verifyRelease: async (page): Promise<ReleaseReport> => (
      verifications++,
      { ecosystem: page.ecosystem, package: page.package, version: page.version ?? '0.2.3', status: 'verified', artifacts: [], checkedAt: '2026-12-06T12:00:00.000Z' }
    ),
    offReport: async (page) => {
      const off = await registries.refusal(page.ecosystem);
      return off && refusedReport(page, off);
    },
    store: { getReport: async (k) => reports.get(k), putReport: async (k, e) => void reports.set(k, e), getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const tabUrls = new Map<number, string>([[5, GEM_URL]]);
  const painted: { tabId: number; status?: string; code?: string }[] = [];
  const route = createRouter({
    ...EXT,
    service,
    setToolbar: async (tabId, verdict: Verdict | undefined, pending) => void painted.push({ tabId, status: pending ? 'pending' : verdict?.status, code: verdict?.report.code }),
    history: async () => ({ version: '0.2.3', entries: [], alerts: [], acknowledged: [] }),
    tabUrl: async (tabId) => tabUrls.get(tabId),
    refreshBadge: async () => {},
    openPopup: async () => 'opened',
    injectPanel: async () => {},
    verifiedIdentities: async () => [],
    optionalRegistries: registries,
  });
  /** Turned on as the options page does: the hosts granted in the click, then the switch. */
  const turnOn = async () => {
    registryOrigins(rubygemsPage).forEach((o) => granted.add(o));
    return route({ type: 'registries/set', ecosystem: 'rubygems', on: true }, popup as never);
  };
  const tabGet = async () => ((await route({ type: 'tab/get', tabId: 5 }, popup as never)) as { value: Record<string, unknown> }).value;
  return { route, registries, granted, tabUrls, painted, turnOn, tabGet, verifications: () => verifications };
}

describe('a registry that is off, as the popup and toolbar learn it', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a tab on its site, URL readable: the tab state names the off registry and carries no page or verdict, even with one cached', async () => {
    const w = worker();
    await w.turnOn();
    expect(await w.route({ type: 'verdict/get', page: gem }, gemTab as never)).toMatchObject({ ok: true, value: { status: 'verified' } });
    expect(await w.tabGet()).toMatchObject({ page: gem, verdict: { status: 'verified' } });

    await w.route({ type: 'registries/set', ecosystem: 'rubygems', on: false }, popup as never);
    // The hosts stay granted (as when they were granted outside the options page): the URL is readable.
    registryOrigins(rubygemsPage).forEach((o) => w.granted.add(o));
    expect(await w.tabGet()).toEqual({ tabId: 5, pending: false, registryOff: 'rubygems' });
    // Any page of its site, not only a package page.
    w.tabUrls.set(5, 'https://rubygems.org/');
    expect(await w.tabGet()).toEqual({ tabId: 5, pending: false, registryOff: 'rubygems' });
    // "Check again" verifies nothing while it is off.
    expect(await w.route({ type: 'verdict/recheck', tabId: 5 }, popup as never)).toMatchObject({ ok: true, value: { registryOff: 'rubygems' } });
    expect(w.verifications()).toBe(1);
  });

  it('URL hidden (the hosts were given back): known from the page its content script reported, and only then', async () => {
    const w = worker();
    await w.turnOn();
    await w.route({ type: 'verdict/get', page: gem }, gemTab as never);
    await w.route({ type: 'registries/set', ecosystem: 'rubygems', on: false }, popup as never);
    expect(w.granted.size).toBe(0);
    w.tabUrls.delete(5);
    expect(await w.tabGet()).toEqual({ tabId: 5, pending: false, registryOff: 'rubygems' });
    // Another tab the worker has no record of: nothing can be known, nothing is claimed.
    expect(await w.route({ type: 'tab/get', tabId: 6 }, popup as never)).toEqual({ ok: true, value: { tabId: 6, pending: false } });
    // A readable URL elsewhere outranks the record.
    w.tabUrls.set(5, 'https://pypi.org/');
    expect(await w.tabGet()).toEqual({ tabId: 5, pending: false });
  });

  it('turning it off repaints the tab that showed its verdict (cleared, not "verified"); on again, the kept verdict shows without a new check', async () => {
    const w = worker();
    await w.turnOn();
    await w.route({ type: 'verdict/get', page: gem }, gemTab as never);
    expect(w.painted.at(-1)).toEqual({ tabId: 5, status: 'verified', code: undefined });
    await w.route({ type: 'registries/set', ecosystem: 'rubygems', on: false }, popup as never);
    // lib/background/tab-toolbar.ts gives a REGISTRY_OFF verdict the toolbar's default look.
    expect(w.painted.at(-1)).toEqual({ tabId: 5, status: 'error', code: 'REGISTRY_OFF' });

    await w.turnOn();
    expect(w.painted.at(-1)).toEqual({ tabId: 5, status: 'verified', code: undefined });
    expect(await w.tabGet()).toMatchObject({ page: gem, verdict: { status: 'verified' } });
    expect(w.verifications()).toBe(1);
  });
});

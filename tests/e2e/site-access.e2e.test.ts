/**
 * What the toolbar and the popup say when Provenant cannot see the page: the
 * user turned its site access off (Chromium's own "On click" setting, set the
 * way chrome://extensions sets it), or the tab left the package page. In both
 * cases no verdict may be shown for a page the tab no longer shows, and the
 * silence of a page without a badge has to be explained.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionGlobal } from './harness/browser';
import { html } from './harness/replay-server';
import { extensionOnReplay } from './harness/suite';

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];
type HostAccess = 'ON_CLICK' | 'ON_ALL_SITES';

describe('site access and tabs that leave a package page, in Chromium', () => {
  const suite = extensionOnReplay({
    routes: (server) => {
      server.route('pypi.org', '/', html('<!doctype html><html lang="en"><head><title>PyPI</title></head><body><h1>Find, install and publish Python packages</h1></body></html>'));
    },
  });
  const { open } = suite;

  const waitForStatus = async (page: Page) => {
    await page.waitForFunction((wanted) => wanted.includes(document.querySelector('provenant-badge')?.getAttribute('data-status') ?? ''), FINAL, { timeout: 20_000 });
    return page.locator('provenant-badge').getAttribute('data-status');
  };

  /** The user's choice on chrome://extensions, made through the same private API that page uses. */
  const setHostAccess = async (hostAccess: HostAccess) => {
    const settings = await suite.h.context.newPage();
    await settings.goto('chrome://extensions');
    await settings.evaluate(
      ({ id, access }) => (globalThis as any).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }),
      { id: suite.h.extensionId, access: hostAccess },
    );
    await settings.close();
  };

  const toolbar = (tabId?: number) =>
    suite.h.serviceWorker.evaluate(async (id) => {
      const action = (globalThis as unknown as ExtensionGlobal).chrome.action;
      const details = id === undefined ? {} : { tabId: id };
      return { text: await action.getBadgeText(details), title: await action.getTitle(details) };
    }, tabId);

  const openPopup = async (tabId: number) => {
    const popup = await open(suite.h.popupUrl(tabId));
    await popup.waitForFunction(() => !!document.querySelector('main[data-status]'), undefined, { timeout: 20_000 });
    return popup;
  };

  it('with site access turned off: no badge, the toolbar says OFF, and the popup names the sites and offers to allow them', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    const tabId = await suite.h.tabIdOf(page);
    expect((await toolbar(tabId)).text).toBe('OK');

    await setHostAccess('ON_CLICK');
    await expect.poll(async () => (await toolbar()).text, { timeout: 10_000 }).toBe('OFF');
    expect((await toolbar()).title).toBe('Provenant cannot read pypi.org, registry.npmjs.org, www.npmjs.com: site access is turned off. Click for details.');

    await page.reload();
    // The content script no longer runs here; give it the time a verdict would take, then look.
    await page.waitForTimeout(2_000);
    expect(await page.locator('provenant-badge').count()).toBe(0);

    const popup = await openPopup(tabId);
    // The tab's URL is hidden from Provenant now: no verdict from before is shown for it.
    expect(await popup.locator('main').getAttribute('data-status')).toBe('none');
    const notice = popup.locator('.site-access');
    expect(await notice.getAttribute('data-missing')).toBe('pypi.org registry.npmjs.org www.npmjs.com');
    expect(await notice.locator('button').textContent()).toBe('Allow access to these sites');
    expect(await popup.locator('[data-field="status"]').count()).toBe(0);
  });

  it('with site access allowed again: the warning goes, and the reloaded page gets its badge', async () => {
    await setHostAccess('ON_ALL_SITES');
    await expect.poll(async () => (await toolbar()).text, { timeout: 10_000 }).toBe('');
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    const popup = await openPopup(await suite.h.tabIdOf(page));
    expect(await popup.locator('main').getAttribute('data-status')).toBe('verified');
    expect(await popup.locator('.site-access').count()).toBe(0);
  });

  it('a tab that leaves a package page, in the page or for another one, loses its toolbar verdict and its popup details', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const tabId = await suite.h.tabIdOf(page);
    expect((await toolbar(tabId)).text).toBe('OK');
    const left = async () => {
      await expect.poll(async () => (await toolbar(tabId)).text, { timeout: 10_000 }).toBe('');
      expect((await toolbar(tabId)).title).toBe('Provenant');
      const popup = await openPopup(tabId);
      expect(await popup.locator('main').getAttribute('data-status')).toBe('none');
      expect(await popup.locator('#pv-intro-heading').textContent()).toBe('This tab is not a package page');
      await popup.close();
    };

    // npmjs.com's own client-side navigation to a page that is no package (no new document).
    await page.evaluate(() => history.pushState({}, '', '/search?q=sigstore'));
    await left();

    await page.goto('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    await expect.poll(async () => (await toolbar(tabId)).text, { timeout: 10_000 }).toBe('OK');

    // A new document on a registry page that is no package.
    await page.goto('https://pypi.org/');
    await left();
  });
});

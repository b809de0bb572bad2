/**
 * RubyGems, an optional registry, in Chromium: off until turned on in the
 * options page; on, its runtime-registered content script puts the badge on a
 * replayed gem page, verified from rubygems.org's real recorded API answers
 * (sigstore 0.2.3) and failed where the bundle is for another .gem (0.2.2,
 * shaped: served 0.2.3's real bundle); off again (or access taken away in the
 * browser), no badge and no request.
 *
 * The permission prompt: Chromium's `permissions.request` dialog cannot be
 * answered from automation (the click leaves it open forever; no flag or
 * DevTools command answers it, and chrome://extensions' addHostPermission does
 * not grant optional hosts — all tried on Chromium 156). So this suite loads a
 * copy of the build whose manifest lists rubygems.org under host_permissions
 * (harness/optional-registries.ts):
 * the host is granted at install, `permissions.request` resolves true at once
 * (as it does for a host already granted), and everything after it — the
 * worker's check, the stored choice, scripting.registerContentScripts, the
 * badge, REGISTRY_OFF while off — is the real code. Taking access away is done
 * the way chrome://extensions does ("On click"), which withholds the host.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type ExtensionGlobal } from './harness/browser';
import { pregrantedExtensionCopy } from './harness/optional-registries';
import { extensionOnReplay } from './harness/suite';

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch', 'error'];

describe('RubyGems, turned on in the options page, in Chromium', () => {
  const copy = pregrantedExtensionCopy(['rubygems']);
  const suite = extensionOnReplay({ launch: { extensionPath: copy } });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const status = async (page: Page) => {
    await page.waitForFunction((wanted) => wanted.includes(document.querySelector('provenant-badge')?.getAttribute('data-status') ?? ''), FINAL, { timeout: 20_000 });
    return page.locator('provenant-badge').getAttribute('data-status');
  };
  const registered = () =>
    suite.h.serviceWorker.evaluate(async () => (await (globalThis as unknown as ExtensionGlobal).chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, js: s.js, matches: s.matches })));
  const apiRequests = () => suite.server.requests.filter((r) => r.host === 'rubygems.org' && r.path.startsWith('/api/')).length;
  const toggle = async (on: boolean) => {
    const options = await suite.open(suite.h.optionsUrl);
    const box = options.locator('[data-registry="rubygems"]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(!on);
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(on);
    await expect.poll(() => box.isDisabled(), { timeout: 10_000 }).toBe(false);
    return options;
  };

  it('is off at first: listed in the options page unchecked, no script, no badge, no request to rubygems.org', async () => {
    const options = await suite.open(suite.h.optionsUrl);
    await options.locator('[data-registry="rubygems"]').waitFor();
    expect(await options.locator('[data-registry="rubygems"]').isChecked()).toBe(false);
    expect(await options.locator('label[for="registry-rubygems"]').textContent()).toContain('RubyGems');
    expect(await registered()).toEqual([]);
    const page = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    await page.waitForTimeout(2_000);
    expect(await page.locator('provenant-badge').count()).toBe(0);
    expect(apiRequests()).toBe(0);
  });

  it('off: the popup on a gem page says RubyGems checks are off and opens the options page at its switch; the pin form marks it "(off)"', async () => {
    const page = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    const popup = await suite.open(suite.h.popupUrl(await suite.h.tabIdOf(page)));
    const off = popup.locator('[data-registry-off="rubygems"]');
    await off.waitFor({ timeout: 10_000 });
    expect(await popup.locator('main').getAttribute('data-status')).toBe('registry-off');
    expect(await off.textContent()).toContain('This tab is on rubygems.org. Provenant\u2019s RubyGems checks are off');
    const [options] = await Promise.all([suite.h.context.waitForEvent('page'), off.locator('button').click()]);
    try {
      await options.waitForLoadState();
      expect(options.url()).toBe(`${suite.h.optionsUrl}#registry-rubygems`);
      // Focus lands on the switch once it is drawn: Space turns it on in the user's own gesture.
      await options.waitForFunction(() => document.activeElement?.id === 'registry-rubygems', undefined, { timeout: 10_000 });
      const choice = options.locator('#pin-ecosystem option[value="rubygems"]');
      await expect.poll(() => choice.textContent(), { timeout: 10_000 }).toBe('RubyGems (off)');
      await options.locator('#pin-ecosystem').selectOption('rubygems');
      expect(await options.locator('[data-pin-registry-off="rubygems"]').textContent()).toContain('this pin applies once you turn RubyGems on');
    } finally {
      await options.close();
    }
    expect(apiRequests()).toBe(0);
  });

  it('turned on: the choice is stored, the content script registered from the descriptor, and the gem page verifies', async () => {
    await toggle(true);
    expect(await registered()).toEqual([{ id: 'provenant-registry-rubygems', js: ['content-scripts/rubygems.js'], matches: ['https://rubygems.org/gems/*'] }]);
    const settings = await suite.h.serviceWorker.evaluate(async () => (await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('settings')).settings);
    expect(settings).toMatchObject({ registriesOn: ['rubygems'] });
    const optionsPage = await suite.open(suite.h.optionsUrl);
    await expect.poll(() => optionsPage.locator('#pin-ecosystem option[value="rubygems"]').textContent(), { timeout: 10_000 }).toBe('RubyGems');

    const page = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    expect(await status(page)).toBe('verified');
    const badge = page.locator('provenant-badge');
    expect(await badge.getAttribute('data-ecosystem')).toBe('rubygems');
    expect(await badge.getAttribute('data-package')).toBe('sigstore');
    expect(await badge.getAttribute('data-version')).toBe('0.2.3');
    // Placed right after the page's title, not in a corner.
    expect(await page.evaluate(() => document.querySelector('h1.page__heading')?.nextElementSibling?.tagName.toLowerCase())).toBe('provenant-badge');
    await screenshot(page, 'rubygems-badge-verified');

    const popup = await suite.open(suite.h.popupUrl(await suite.h.tabIdOf(page)));
    await popup.waitForFunction(() => document.querySelector('main')?.getAttribute('data-status') === 'verified', undefined, { timeout: 20_000 });
    expect(await popup.locator('main').textContent()).toContain('Sigstore signature of the .gem');
    expect(await popup.locator('main').textContent()).toContain('sigstore/sigstore-ruby');
  });

  it('a bundle made for another .gem fails (0.2.2 served 0.2.3\u2019s real bundle); the version-less page judges the latest', async () => {
    const failing = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.2');
    expect(await status(failing)).toBe('failed');
    const latest = await suite.open('https://rubygems.org/gems/sigstore');
    expect(await status(latest)).toBe('verified');
    expect(await latest.locator('provenant-badge').getAttribute('data-version')).toBe('0.2.3');
  });

  it('access taken away in the browser: the script goes and the options page shows it off; allowed again, it comes back', async () => {
    const setHostAccess = async (hostAccess: 'ON_CLICK' | 'ON_ALL_SITES') => {
      const settings = await suite.h.context.newPage();
      await settings.goto('chrome://extensions');
      await settings.evaluate(({ id, access }) => (globalThis as any).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }), { id: suite.h.extensionId, access: hostAccess });
      await settings.close();
    };
    const gem = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    expect(await status(gem)).toBe('verified');
    const gemTab = await suite.h.tabIdOf(gem);
    await setHostAccess('ON_CLICK');
    await expect.poll(registered, { timeout: 10_000 }).toEqual([]);
    const options = await suite.open(suite.h.optionsUrl);
    await options.locator('[data-registry="rubygems"]').waitFor();
    expect(await options.locator('[data-registry="rubygems"]').isChecked()).toBe(false);
    // The tab's URL is hidden now; the worker places it from what its content script reported, and shows no verdict.
    expect(await suite.h.serviceWorker.evaluate(async (id) => (await (globalThis as unknown as ExtensionGlobal).chrome.tabs.get(id)).url, gemTab)).toBeUndefined();
    const popup = await suite.open(suite.h.popupUrl(gemTab));
    await popup.locator('[data-registry-off="rubygems"]').waitFor({ timeout: 10_000 });
    expect(await popup.locator('main').getAttribute('data-status')).toBe('registry-off');

    await setHostAccess('ON_ALL_SITES');
    await expect.poll(async () => (await registered()).length, { timeout: 10_000 }).toBe(1);
  });

  it('turned off, a cached verdict is not shown (toolbar cleared, REGISTRY_OFF, popup says off); on again, the kept verdict shows without a new check', async () => {
    const ask = async () => {
      const options = await suite.open(suite.h.optionsUrl);
      const answer = await options.evaluate(() =>
        (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'verdict/get', page: { ecosystem: 'rubygems', package: 'sigstore', version: '0.2.3' } }),
      );
      await options.close();
      return answer as { ok: boolean; value: { status: string; report: { code?: string; checkedAt: string } } };
    };
    const toolbarText = (tabId: number) => suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId);

    const page = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    expect(await status(page)).toBe('verified');
    const tabId = await suite.h.tabIdOf(page);
    await expect.poll(() => toolbarText(tabId), { timeout: 10_000 }).toBe('OK');
    const before = await ask();
    expect(before.value.status).toBe('verified');

    await toggle(false);
    await expect.poll(() => toolbarText(tabId), { timeout: 10_000 }).toBe('');
    // The badge still on the page (its script outlives the registration) is asked again, hears REGISTRY_OFF and leaves.
    await expect.poll(() => page.locator('provenant-badge').count(), { timeout: 10_000 }).toBe(0);
    expect((await ask()).value).toMatchObject({ status: 'error', report: { code: 'REGISTRY_OFF' } });
    const popup = await suite.open(suite.h.popupUrl(tabId));
    await popup.locator('[data-registry-off="rubygems"]').waitFor({ timeout: 10_000 });
    expect(await popup.locator('main').textContent()).not.toContain('Sigstore signature of the .gem');
    await screenshot(popup, 'popup-registry-off', { fullPage: true });

    const requests = apiRequests();
    await toggle(true);
    const again = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.3');
    expect(await status(again)).toBe('verified');
    expect((await ask()).value.report.checkedAt).toBe(before.value.report.checkedAt);
    expect(suite.server.requests.slice(requests).filter((r) => r.host === 'rubygems.org' && r.path.includes('/attestations/'))).toEqual([]);
  });

  it('turned off: unregistered, no badge, and the worker refuses to fetch (no request reaches rubygems.org)', async () => {
    await toggle(false);
    expect(await registered()).toEqual([]);
    const before = apiRequests();
    const page = await suite.open('https://rubygems.org/gems/sigstore/versions/0.2.1');
    await page.waitForTimeout(2_000);
    expect(await page.locator('provenant-badge').count()).toBe(0);
    // Even asked directly (from an extension page) about a release it has no report of, the worker answers REGISTRY_OFF without a request.
    const options = await suite.open(suite.h.optionsUrl);
    const answer = await options.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'verdict/get', page: { ecosystem: 'rubygems', package: 'sigstore', version: '9.9.9' } }),
    );
    expect(JSON.stringify(answer)).toContain('REGISTRY_OFF');
    expect(apiRequests()).toBe(before);
  });

  it('contacted nothing but the replayed hosts', () => {
    expect(suite.h.unexpectedRequests()).toEqual([]);
  });
});

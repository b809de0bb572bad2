/**
 * The verdict a person can click and read, in real Chromium on the replayed
 * registries: the badge opens the toolbar popup (mouse and keyboard); when
 * the browser will not open it (the tab's window is not focused), the badge
 * opens its own panel, which the keyboard can use and Escape closes. The
 * popup says what the verdict means, links the workflow run, names the
 * issuer and shows times in the browser's zone (Chromium runs with
 * TZ=Asia/Tokyo here). The options page offers a verified release's ids.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actionPopupTargets, attachToActionPopup, screenshot, type ExtensionGlobal } from './harness/browser';
import { extensionOnReplay } from './harness/suite';
import { localTime } from '../../lib/ui/local-time';

const TIME_ZONE = 'Asia/Tokyo';
const SIGSTORE_1_0_0 = 'https://www.npmjs.com/package/sigstore/v/1.0.0';
/** A later certificate (August 2023) with Fulcio's run-invocation and numeric-id extensions. */
const SIGSTORE_2_0_0 = 'https://www.npmjs.com/package/sigstore/v/2.0.0';
const RUN_2_0_0 = 'https://github.com/sigstore/sigstore-js/actions/runs/5904696764/attempts/1';

async function waitForStatus(page: Page, status = 'verified'): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('provenant-badge')?.getAttribute('data-status') === s, status, { timeout: 20_000 });
}

/** Where the keyboard is inside the badge's shadow root: the class of the focused element. */
const focusedInBadge = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('provenant-badge');
    if (document.activeElement !== host) return null;
    const el = host!.shadowRoot!.activeElement;
    return el ? el.className || el.tagName : null;
  });

describe('the badge opens the details', () => {
  const suite = extensionOnReplay({ launch: { env: { TZ: TIME_ZONE } } });
  const { open } = suite;

  const closeAllPopups = async (page: Page) => {
    for (const id of await actionPopupTargets(suite.h, page)) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Target.closeTarget', { targetId: id }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    }
  };

  it('a click on the badge opens the toolbar popup for that tab', async () => {
    const page = await open(SIGSTORE_1_0_0);
    await waitForStatus(page);
    await page.bringToFront();
    expect(await actionPopupTargets(suite.h, page)).toEqual([]);
    expect(await page.locator('provenant-badge .pv-badge').getAttribute('title')).toBe('Provenant: Provenance verified. Click for details.');
    await page.locator('provenant-badge .pv-badge').click();
    const popup = await attachToActionPopup(suite.h, page);
    expect(popup).toBeDefined();
    try {
      for (let i = 0; i < 100; i++) {
        if ((await popup!.evaluate<string | null>(`document.querySelector('main')?.getAttribute('data-status') ?? null`)) === 'verified') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await popup!.evaluate(`document.querySelector('main').getAttribute('data-status')`)).toBe('verified');
      expect(await popup!.evaluate(`document.querySelector('[data-field="repository"]').textContent`)).toBe('sigstore/sigstore-js');
      expect(await popup!.evaluate(`document.querySelector('#pv-package').textContent`)).toContain('1.0.0');
    } finally {
      await popup!.close();
    }
    // The popup opened; no panel in the page.
    expect(await page.locator('provenant-badge .pv-panel').count()).toBe(0);
  });

  it('Enter on the focused badge opens the popup too', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/0.0.19/');
    await waitForStatus(page);
    await page.bringToFront();
    await closeAllPopups(page);
    await page.locator('provenant-badge .pv-badge').focus();
    expect(await focusedInBadge(page)).toContain('pv-badge');
    await page.keyboard.press('Enter');
    const popup = await attachToActionPopup(suite.h, page);
    expect(popup).toBeDefined();
    try {
      for (let i = 0; i < 100; i++) {
        if ((await popup!.evaluate<string | null>(`document.querySelector('main')?.getAttribute('data-status') ?? null`)) === 'verified') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await popup!.evaluate(`document.querySelector('#pv-package').textContent`)).toContain('pypi-attestations');
    } finally {
      await popup!.close();
    }
  });

  it('in a window without focus the popup is refused: the panel opens, works with the keyboard, Escape closes it', async () => {
    // A second window that does not take focus: browsers open the toolbar popup only over a focused one.
    const opened = suite.h.context.waitForEvent('page');
    const windowId = await suite.h.serviceWorker.evaluate(
      async (url) => (await (globalThis as unknown as ExtensionGlobal).chrome.windows.create({ url, focused: false }))?.id,
      SIGSTORE_2_0_0,
    );
    const page = await opened;
    try {
      await page.setViewportSize({ width: 1000, height: 900 });
      await waitForStatus(page);
      const focused = await suite.h.serviceWorker.evaluate(async (id) => (await (globalThis as unknown as ExtensionGlobal).chrome.windows.get(id!)).focused, windowId);
      expect(focused).toBe(false);

      await page.locator('provenant-badge .pv-badge').focus();
      await page.keyboard.press('Enter');
      const panel = page.locator('provenant-badge .pv-panel');
      await panel.waitFor({ timeout: 10_000 });
      expect(await actionPopupTargets(suite.h, page)).toEqual([]);
      expect(await panel.getAttribute('role')).toBe('dialog');
      expect(await page.locator('provenant-badge .pv-badge').getAttribute('aria-expanded')).toBe('true');
      // The keyboard is in the panel, which shows what the popup shows.
      await panel.locator('[data-field="repository"]').waitFor({ timeout: 10_000 });
      expect(await focusedInBadge(page)).toBe('pv-panel');
      expect(await panel.locator('[data-field="repository"]').textContent()).toBe('sigstore/sigstore-js');
      expect(await panel.locator('[data-meaning="verified"]').textContent()).toBe('Built by sigstore/sigstore-js with release.yml from commit f0b49a0, and recorded in a public transparency log \u2014 this does not mean the code is safe.');
      expect(await panel.locator('[data-field="issuer"]').textContent()).toBe('GitHub Actions');
      expect(await panel.locator('[data-field="run"] a').getAttribute('href')).toBe(RUN_2_0_0);
      await screenshot(page, 'badge-details-panel');
      // Tab moves through the panel's controls: first its close button, then its links.
      await page.keyboard.press('Tab');
      expect(await focusedInBadge(page)).toBe('pv-close');
      await page.keyboard.press('Tab');
      expect(await focusedInBadge(page)).toBe('A');
      // Escape closes it and gives the keyboard back to the badge.
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      expect(await focusedInBadge(page)).toContain('pv-badge');
      expect(await page.locator('provenant-badge .pv-badge').getAttribute('aria-expanded')).toBe('false');
      // Space opens it again (a mouse click would focus the window, and the popup would open instead)…
      await new Promise((r) => setTimeout(r, 1_100));
      await page.keyboard.press(' ');
      await panel.waitFor();
      expect(await actionPopupTargets(suite.h, page)).toEqual([]);
      // …and its close button closes it too.
      await panel.locator('.pv-close').click();
      await panel.waitFor({ state: 'detached' });
      expect(await focusedInBadge(page)).toContain('pv-badge');
    } finally {
      await page.close();
    }
  });

  it('a click the page makes itself opens nothing', async () => {
    const page = await open(SIGSTORE_1_0_0);
    await waitForStatus(page);
    await closeAllPopups(page);
    await page.evaluate(() => (document.querySelector('provenant-badge')!.shadowRoot!.querySelector('.pv-badge') as HTMLElement).click());
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await actionPopupTargets(suite.h, page)).toEqual([]);
    expect(await page.locator('provenant-badge .pv-panel').count()).toBe(0);
  });

  it('the popup of a verified release: the sentence, the run link, the issuer by name, times in the browser\u2019s zone', async () => {
    const page = await open(SIGSTORE_2_0_0);
    await waitForStatus(page);
    const tabId = await suite.h.tabIdOf(page);
    const popup = await open(suite.h.popupUrl(tabId), { width: 440, height: 900 });
    await popup.waitForFunction(() => document.querySelector('main')?.getAttribute('data-status') === 'verified', undefined, { timeout: 20_000 });
    const field = (name: string) => popup.locator(`[data-field="${name}"]`);

    // What the certificate says, read from the worker's own verdict.
    const state = await popup.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'tab/get', tabId: id }), tabId);
    const identity = state.value.verdict.actualIdentity;
    expect(identity.runInvocationUri).toBe(RUN_2_0_0);

    expect(await popup.locator('[data-meaning="verified"]').textContent()).toBe(
      'Built by sigstore/sigstore-js with release.yml from commit f0b49a0, and recorded in a public transparency log \u2014 this does not mean the code is safe.',
    );
    const run = field('run').locator('a');
    expect(await run.textContent()).toBe('Build summary');
    expect(await run.getAttribute('href')).toBe(RUN_2_0_0);
    expect(await run.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await field('issuer').textContent()).toBe('GitHub Actions');
    expect(await field('issuer').locator('[title]').getAttribute('title')).toBe('https://token.actions.githubusercontent.com');

    // The browser runs in Tokyo: the time shown is Tokyo's, the tooltip and datetime the UTC instant.
    expect(await popup.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(TIME_ZONE);
    const signed = field('signedAt').locator('time');
    const utc = (await signed.getAttribute('datetime'))!;
    expect(utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await signed.getAttribute('title')).toBe(utc);
    const locale = await popup.evaluate(() => navigator.language);
    const tokyo = localTime(utc, { timeZone: TIME_ZONE, locale })!.text;
    expect(await signed.textContent()).toBe(tokyo);
    expect(tokyo).toContain('GMT+9');
    expect(tokyo).not.toBe(localTime(utc, { timeZone: 'UTC', locale })!.text);
    const checked = popup.locator('.checked time');
    expect(await checked.getAttribute('title')).toMatch(/Z$/);
    expect(await checked.textContent()).toContain('GMT+9');
  });

  it('the options page offers the ids of a release verified in this browser', async () => {
    const page = await open(SIGSTORE_2_0_0);
    await waitForStatus(page);
    const options = await open(suite.h.optionsUrl, { width: 1000, height: 1000 });
    await options.getByLabel('Registry').selectOption('npm');
    await options.getByLabel('Package', { exact: true }).fill('sigstore');
    await options.getByRole('button', { name: 'Show verified releases of this package' }).click();
    const offered = options.locator('[data-verified-version="2.0.0"]');
    await offered.waitFor({ timeout: 10_000 });
    expect(await offered.textContent()).toContain('sigstore/sigstore-js \u00B7 release.yml');
    expect(await offered.textContent()).toContain('repository id 495574555, owner id 71096353');
    await options.getByRole('button', { name: 'Fill from sigstore 2.0.0' }).click();
    const value = (label: string) => options.getByLabel(label, { exact: true }).inputValue();
    expect(await value('Repository URL')).toBe('https://github.com/sigstore/sigstore-js');
    expect(await value('Repository id')).toBe('495574555');
    expect(await value('Owner id')).toBe('71096353');
    expect(await value('Workflow path')).toBe('.github/workflows/release.yml');
    // Built from a branch push: the branch, exactly.
    expect(await value('Ref pattern')).toBe('refs/heads/main');
    expect(await value('Issuer')).toBe('https://token.actions.githubusercontent.com');
    expect(await options.locator('#pin-ids-why').textContent()).toContain('renamed repository keeps its numeric id');
  });
});

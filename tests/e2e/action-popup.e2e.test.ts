/**
 * The popup as a person opens it: from the toolbar icon (chrome.action.openPopup),
 * with no tab id in its URL, so it has to find the current window's active
 * tab itself and fill in without being focused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, openActionPopup, type ExtensionHarness } from './harness/browser';
import { html, startReplayServer, type ReplayServer } from './harness/replay-server';
import { recordedRegistries } from './scenario/recorded-registries';
import { HAVE_SHARED, SHARED_FIXTURES } from '../support/shared-fixtures';

describe.skipIf(!HAVE_SHARED)('the toolbar popup finds the active tab by itself', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;
  const pages: Page[] = [];
  const open = async (url: string) => {
    const page = await h.context.newPage();
    pages.push(page);
    await page.goto(url);
    return page;
  };
  /** What the popup shows once it has left "Loading…". */
  const shown = async (popup: Awaited<ReturnType<typeof openActionPopup>>) => {
    for (let i = 0; i < 100; i++) {
      const status = await popup.evaluate<string | null>(`document.querySelector('main[data-status]')?.getAttribute('data-status') ?? null`);
      if (status && status !== 'pending') return status;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the popup never showed a status');
  };

  beforeAll(async () => {
    server = await startReplayServer();
    recordedRegistries(SHARED_FIXTURES).install(server);
    server.route('pypi.org', '/', html('<!doctype html><html lang="en"><head><title>PyPI</title></head><body><h1>PyPI</h1></body></html>'));
    h = await launchExtension({ server });
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close().catch(() => undefined);
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('on a verified npm version: the verdict and the certificate fields of that tab', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-status') === 'verified', undefined, { timeout: 20_000 });
    const popup = await openActionPopup(h, page);
    try {
      expect(await shown(popup)).toBe('verified');
      expect(await popup.evaluate(`document.querySelector('[data-field="repository"]').textContent`)).toBe('sigstore/sigstore-js');
      expect(await popup.evaluate(`document.querySelector('[data-field="logIndex"]').textContent`)).toBe('12988397');
      expect(await popup.evaluate(`document.querySelector('#pv-package').textContent`)).toContain('1.0.0');
    } finally {
      await popup.close();
    }
  });

  it('on a tab that is no package page: what Provenant does and how to use it', async () => {
    const page = await open('https://pypi.org/');
    const popup = await openActionPopup(h, page);
    try {
      expect(await shown(popup)).toBe('none');
      expect(await popup.evaluate(`document.querySelector('#pv-intro-heading').textContent`)).toBe('This tab is not a package page');
      expect(await popup.evaluate(`document.querySelector('.site-access') === null`)).toBe(true);
    } finally {
      await popup.close();
    }
  });
});

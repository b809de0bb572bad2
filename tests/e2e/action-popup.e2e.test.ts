/**
 * The popup as a person opens it: from the toolbar icon (chrome.action.openPopup),
 * with no tab id in its URL, so it has to find the current window's active
 * tab itself and fill in without being focused.
 */
import { describe, expect, it } from 'vitest';
import { openActionPopup } from './harness/browser';
import { html } from './harness/replay-server';
import { extensionOnReplay } from './harness/suite';

describe('the toolbar popup finds the active tab by itself', () => {
  const suite = extensionOnReplay({
    routes: (server) => {
      server.route('pypi.org', '/', html('<!doctype html><html lang="en"><head><title>PyPI</title></head><body><h1>PyPI</h1></body></html>'));
    },
  });
  const { open } = suite;
  /** What the popup shows once it has left "Loading…". */
  const shown = async (popup: Awaited<ReturnType<typeof openActionPopup>>) => {
    for (let i = 0; i < 100; i++) {
      const status = await popup.evaluate<string | null>(`document.querySelector('main[data-status]')?.getAttribute('data-status') ?? null`);
      if (status && status !== 'pending') return status;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the popup never showed a status');
  };

  it('on a verified npm version: the verdict and the certificate fields of that tab', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-status') === 'verified', undefined, { timeout: 20_000 });
    const popup = await openActionPopup(suite.h, page);
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
    const popup = await openActionPopup(suite.h, page);
    try {
      expect(await shown(popup)).toBe('none');
      expect(await popup.evaluate(`document.querySelector('#pv-intro-heading').textContent`)).toBe('This tab is not a package page');
      expect(await popup.evaluate(`document.querySelector('.site-access') === null`)).toBe(true);
    } finally {
      await popup.close();
    }
  });
});

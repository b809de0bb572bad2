/**
 * The store listing's screenshots (docs/store/screenshots/, 1280×800 as the
 * Chrome Web Store asks), taken of the real extension on the replayed
 * registries, each after checking it shows what its caption in
 * docs/store/listing.md says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT, screenshot, type ExtensionGlobal } from './harness/browser';
import { extensionOnReplay } from './harness/suite';

const STORE_SIZE = { width: 1280, height: 800 };
const DIR = join(REPO_ROOT, 'docs', 'store', 'screenshots');

const waitForBadge = async (page: Page, status: string, alert?: string) => {
  await page.waitForFunction(
    ([s, a]) => {
      const badge = document.querySelector('provenant-badge');
      return badge?.getAttribute('data-status') === s && (a === undefined || badge.getAttribute('data-alert') === a);
    },
    [status, alert] as const,
    { timeout: 20_000 },
  );
};

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (file: string) => {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('store screenshots, 1280×800, in Chromium', () => {
  const suite = extensionOnReplay();
  const shoot = async (page: Page, name: string) => {
    const file = await screenshot(page, name, { dir: DIR });
    expect(pngSize(file)).toEqual(STORE_SIZE);
  };

  it('1: a verified PyPI release', async () => {
    const page = await suite.open('https://pypi.org/project/pypi-attestations/', STORE_SIZE);
    await waitForBadge(page, 'verified');
    expect(await page.locator('provenant-badge .pv-badge').textContent()).toContain('trailofbits/pypi-attestations');
    await shoot(page, '1-pypi-verified');
  });

  it('2: a verified npm release', async () => {
    const page = await suite.open('https://www.npmjs.com/package/sigstore/v/1.0.0', STORE_SIZE);
    await waitForBadge(page, 'verified');
    expect(await page.locator('provenant-badge .pv-badge').textContent()).toContain('sigstore/sigstore-js');
    await shoot(page, '2-npm-verified');
  });

  it('3: provenance lost — the latest release has none although an earlier one was verified', async () => {
    const page = await suite.open('https://www.npmjs.com/package/sigstore', STORE_SIZE);
    await waitForBadge(page, 'absent', 'provenance-lost');
    expect(await page.locator('provenant-badge .pv-badge').textContent()).toContain('Earlier versions had provenance');
    await shoot(page, '3-npm-provenance-lost');
  });

  it('4: a release built by another repository than the pinned one', async () => {
    const options = await suite.open(suite.h.optionsUrl, STORE_SIZE);
    const saved = await options.evaluate(
      (pin) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'pins/save', pin }),
      { ecosystem: 'npm', package: 'tuf-js', identities: [{ repositoryUrl: 'https://github.com/someone-else/tuf-js', workflowPath: '.github/workflows/publish.yml' }], source: 'manual', createdAt: '2026-12-01T00:00:00.000Z' },
    );
    expect(saved).toMatchObject({ ok: true });
    const page = await suite.open('https://www.npmjs.com/package/tuf-js/v/1.0.0', STORE_SIZE);
    await waitForBadge(page, 'mismatch');
    expect(await page.locator('provenant-badge .pv-badge').textContent()).toContain('Not the pinned identity');
    await shoot(page, '4-npm-pin-mismatch');
  });

  it('5: the options page with that pin', async () => {
    const options = await suite.open(suite.h.optionsUrl, STORE_SIZE);
    await options.locator('tr[data-pin="npm:tuf-js"]').waitFor();
    await shoot(options, '5-options');
  });

  it('only the registries were contacted', () => {
    expect(suite.h.unexpectedRequests()).toEqual([]);
  });
});

/**
 * The product as a person meets it: the built extension in Chromium on the
 * replayed registries (real recorded data, see scenario/recorded-registries.ts).
 * Assertions use the badge's automation contract (`<provenant-badge data-*>`)
 * and the popup's `data-field` values.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type ExtensionGlobal } from './harness/browser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failThen, hang, json } from './harness/replay-server';
import { FIXTURES } from '../support/fixtures';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { tamper } from '../support/tamper';
import { extensionOnReplay } from './harness/suite';

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];

async function badge(page: Page) {
  return page.locator('provenant-badge');
}

async function waitForStatus(page: Page, statuses: string[] = FINAL, timeout = 20_000): Promise<string> {
  await page.waitForFunction(
    (wanted) => {
      const hosts = document.querySelectorAll('provenant-badge');
      return hosts.length === 1 && wanted.includes(hosts[0]!.getAttribute('data-status') ?? '');
    },
    statuses,
    { timeout },
  );
  return (await (await badge(page)).getAttribute('data-status'))!;
}

async function attrs(page: Page) {
  return page.locator('provenant-badge').evaluate((el) => ({
    status: el.getAttribute('data-status'),
    ecosystem: el.getAttribute('data-ecosystem'),
    package: el.getAttribute('data-package'),
    version: el.getAttribute('data-version'),
    alert: el.getAttribute('data-alert'),
  }));
}

describe('Provenant in Chromium on the replayed registries', () => {
  const suite = extensionOnReplay();
  const { registries, open } = suite;

  it('PyPI release with a GitHub Trusted Publisher: verified, with the automation contract', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    expect(await attrs(page)).toEqual({ status: 'verified', ecosystem: 'pypi', package: 'pypi-attestations', version: '0.0.19', alert: '' });
    await screenshot(page, 'pypi-badge-verified');
  });

  it('PyPI release with one attested file and one without: partial', async () => {
    const page = await open('https://pypi.org/project/pypi-attestation-models/');
    expect(await waitForStatus(page)).toBe('partial');
  });

  it('PyPI GitLab publisher on a versioned URL: verified', async () => {
    const page = await open('https://pypi.org/project/gitlab-oidc-project/0.0.3/');
    expect(await waitForStatus(page)).toBe('verified');
    expect((await attrs(page)).package).toBe('gitlab-oidc-project');
  });

  it('npm unscoped version page: verified; scoped latest: verified with resolved version', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    await screenshot(page, 'npm-badge-verified');
    const scoped = await open('https://www.npmjs.com/package/@laurentsimon/provenance-npm-test?activeTab=readme');
    expect(await waitForStatus(scoped)).toBe('verified');
    expect(await attrs(scoped)).toMatchObject({ ecosystem: 'npm', package: '@laurentsimon/provenance-npm-test', version: '1.0.0' });
  });

  it('the badge and the page do not style each other', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const look = () =>
      page.evaluate(() => {
        const host = document.querySelector('provenant-badge')!;
        const pill = host.shadowRoot!.querySelector('.pv-badge')!;
        const title = document.querySelector('#top h1')!;
        const cs = (el: Element) => getComputedStyle(el);
        return {
          pill: { font: cs(pill).fontSize, color: cs(pill).color, visible: host.getBoundingClientRect().height > 0 },
          title: { font: cs(title).fontSize, color: cs(title).color },
          pageRules: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).filter((t) => t.includes('pv-')),
        };
      });
    const before = await look();
    expect(before.pill.visible).toBe(true);
    expect(before.pageRules).toEqual([]); // nothing of the badge's stylesheet is in the page
    // A hostile page: big red text everywhere, and an attempt to hide the badge.
    await page.addStyleTag({
      content: '* { font-size: 40px !important; color: rgb(255, 0, 0) !important; } provenant-badge { display: none !important; }',
    });
    const after = await look();
    expect(after.title).toEqual({ font: '40px', color: 'rgb(255, 0, 0)' }); // the page's rule does reach the page
    expect(after.pill).toEqual(before.pill); // and not the badge
  });

  it('valid attestations from a publisher kind Provenant cannot check (CircleCI): unsupported, never verified', async () => {
    // The real pypi-attestations 0.0.19 sdist and its real attestation, listed under a CircleCI Trusted Publisher.
    const sdist = 'pypi_attestations-0.0.19.tar.gz';
    const attestation = JSON.parse(readFileSync(join(FIXTURES, 'pypi-attestations', `${sdist}.publish.attestation`), 'utf8'));
    const clearCache = () => suite.h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('verdictCache'));
    const route = suite.server.route(
      'pypi.org',
      `/integrity/pypi-attestations/0.0.19/${sdist}/provenance`,
      json({ version: 1, attestation_bundles: [{ publisher: { kind: 'CircleCI', project_slug: 'gh/trailofbits/pypi-attestations' }, attestations: [attestation] }] }),
    );
    await clearCache();
    try {
      const page = await open('https://pypi.org/project/pypi-attestations/0.0.19/');
      expect(await waitForStatus(page)).toBe('unsupported');
      const tabId = await suite.h.tabIdOf(page);
      expect(await suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('?');
    } finally {
      route.remove();
      await clearCache();
    }
  });

  it('a version with no attestations: absent', async () => {
    const page = await open('https://www.npmjs.com/package/lodash');
    expect(await waitForStatus(page)).toBe('absent');
    expect((await attrs(page)).version).toBe(registries.packuments.lodash!['dist-tags'].latest);
  });

  it('a tampered attestation response: failed', async () => {
    const original = registries.npmAttestations['tuf-js']!['1.0.0']!;
    const tampered = structuredClone(original);
    tampered.attestations[0].bundle = tamper(tampered.attestations[0].bundle, 'signature');
    const route = suite.server.route('registry.npmjs.org', new URL(attestationsUrl('tuf-js', '1.0.0')).pathname, json(tampered));
    try {
      const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
      expect(await waitForStatus(page)).toBe('failed');
    } finally {
      route.remove();
    }
  });

  it('registry 500s then recovers: error first, then verified after a retry', async () => {
    const path = new URL(attestationsUrl('tuf-js', '1.0.0')).pathname;
    // Enough failures to exhaust the worker's own retries for the first verdict.
    const route = suite.server.route('registry.npmjs.org', path, failThen(3, json(registries.npmAttestations['tuf-js']!['1.0.0']), 500));
    try {
      await suite.h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('verdictCache'));
      const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0?activeTab=code');
      expect(await waitForStatus(page, ['error'])).toBe('error');
      expect(await waitForStatus(page, ['verified'], 30_000)).toBe('verified');
    } finally {
      route.remove();
    }
  });

  it('a registry that never answers: error, not a crash', async () => {
    const route = suite.server.route('registry.npmjs.org', '/lodash', hang());
    try {
      await suite.h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('verdictCache'));
      const page = await open('https://www.npmjs.com/package/lodash/v/4.17.21');
      expect(await waitForStatus(page, ['error'], 60_000)).toBe('error');
    } finally {
      route.remove();
    }
  });

  it('npmjs.com client-side navigation updates the one badge in place', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    // A marker on the window survives only if no new document is loaded.
    await page.evaluate(() => ((window as any).__provenantSameDocument = true));
    await page.locator('a[data-spa]', { hasText: 'lodash' }).first().click();
    await page.waitForURL(/\/package\/lodash/);
    expect(await waitForStatus(page, ['absent'])).toBe('absent');
    expect(await page.locator('provenant-badge').count()).toBe(1);
    expect((await attrs(page)).package).toBe('lodash');
    expect(await page.evaluate(() => (window as any).__provenantSameDocument)).toBe(true);
  });

  it('a pinned identity that does not match: mismatch on the page and in the toolbar', async () => {
    const options = await open(suite.h.optionsUrl);
    const pin = { ecosystem: 'npm', package: 'tuf-js', repositoryUrl: 'https://github.com/someone-else/tuf-js', createdAt: new Date().toISOString(), source: 'manual' };
    const saved = await options.evaluate((p) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'pins/save', pin: p }), pin);
    expect(saved).toMatchObject({ ok: true });
    try {
      const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
      expect(await waitForStatus(page)).toBe('mismatch');
      const tabId = await suite.h.tabIdOf(page);
      const badgeText = () => suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId);
      // The worker answers the badge first and paints the toolbar just after (lib/background/handlers/verdict.ts).
      await expect.poll(badgeText, { timeout: 5_000 }).toBe('PIN!');
    } finally {
      await options.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'pins/remove', ecosystem: 'npm', package: 'tuf-js' }));
    }
  });

  it('a pin saved while the page is open turns its badge and toolbar into mismatch; removing it turns them back', async () => {
    const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const tabId = await suite.h.tabIdOf(page);
    const options = await open(suite.h.optionsUrl);
    const send = (m: unknown) => options.evaluate((msg) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(msg), m);
    const toolbarText = () => suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId);
    const pin = { ecosystem: 'npm', package: 'tuf-js', repositoryUrl: 'https://github.com/someone-else/tuf-js', createdAt: new Date().toISOString(), source: 'manual' };
    try {
      expect(await send({ type: 'pins/save', pin })).toMatchObject({ ok: true });
      expect(await waitForStatus(page, ['mismatch'])).toBe('mismatch');
      // The worker answers the badge first and paints the toolbar just after (lib/background/handlers/verdict.ts).
      await expect.poll(toolbarText, { timeout: 5_000 }).toBe('PIN!');
    } finally {
      await send({ type: 'pins/remove', ecosystem: 'npm', package: 'tuf-js' });
    }
    expect(await waitForStatus(page, ['verified'])).toBe('verified');
    await expect.poll(toolbarText, { timeout: 5_000 }).toBe('OK');
  });

  it('verdicts survive a worker restart: the cached verdict is served without refetching', async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    await suite.h.restartServiceWorker({ wake: 'message' });
    suite.server.clearLog();
    const again = await open('https://pypi.org/project/pypi-attestations/0.0.19/');
    expect(await waitForStatus(again)).toBe('verified');
    expect(suite.server.requestsTo('pypi.org', /\/integrity\//)).toHaveLength(0);
  });

  it('history: a version without provenance after verified ones raises provenance-lost on the page', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore');
    expect(await waitForStatus(page)).toBe('absent');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.includes('provenance-lost'), undefined, { timeout: 20_000 });
    expect(await page.locator('provenant-badge').getAttribute('data-alert-level')).toBe('high');
    const tabId = await suite.h.tabIdOf(page);
    expect(await suite.h.serviceWorker.evaluate((id) => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('!');
  });

  it('history: a real change of publishing workflow raises publisher-changed', async () => {
    const page = await open('https://www.npmjs.com/package/sigstore/v/2.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.includes('publisher-changed'), undefined, { timeout: 20_000 });
    // publish.yml → release.yml in the same repository: a medium change, the badge turns amber, not red.
    expect(await page.locator('provenant-badge').getAttribute('data-alert-level')).toBe('medium');
  });

  it("content scripts cannot read or write the extension's storage (pins, settings, verdicts)", async () => {
    const page = await open('https://pypi.org/project/pypi-attestations/');
    const cdp = await suite.h.context.newCDPSession(page);
    const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    await waitForStatus(page);
    // The content script's isolated world carries the extension's name.
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Provenant');
    expect(world).toBeDefined();
    const inContentScript = async (expression: string) =>
      ((await cdp.send('Runtime.evaluate', { contextId: world!.id, awaitPromise: true, returnByValue: true, expression })) as { result: { value: string } }).result.value;
    expect(await inContentScript(`chrome.storage.local.get(null).then(() => 'read', (e) => e.message)`)).toMatch(/not allowed/);
    expect(await inContentScript(`chrome.storage.local.set({ pins: [] }).then(() => 'written', (e) => e.message)`)).toMatch(/not allowed/);
    // The worker itself still reads it.
    expect(await suite.h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(null).then(() => 'read'))).toBe('read');
    await cdp.detach();
  });

  it('only the registries were contacted', () => {
    expect(suite.h.unexpectedRequests()).toEqual([]);
  });
});

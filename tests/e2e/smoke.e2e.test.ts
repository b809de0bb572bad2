/**
 * Proves the e2e harness itself: the built extension loads in real Chromium, and pages,
 * content-script hosts and the service worker's own fetches all land on the replay server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionGlobal, type ExtensionHarness } from './harness/browser.ts';
import { recordedPackument } from './harness/fixtures.ts';
import { failThen, hang, html, json, REPLAY_HOSTS, startReplayServer, type ReplayServer } from './harness/replay-server.ts';
import { npmPackagePage, pypiProjectPage } from './pages/index.ts';

// Subject digest of the recorded sampleproject 4.0.0 provenance (pypi-provenance/docs-example…).
const SAMPLEPROJECT_SDIST_SHA256 = '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b';

describe('e2e harness', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    server = await startReplayServer();
    server.route(
      'pypi.org',
      '/project/sampleproject/',
      html(
        pypiProjectPage({
          name: 'sampleproject',
          version: '4.0.0',
          summary: 'A sample Python project',
          files: [
            {
              filename: 'sampleproject-4.0.0.tar.gz',
              sha256: SAMPLEPROJECT_SDIST_SHA256,
              provenance: { publisher: { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' } },
            },
          ],
        }),
      ),
    );
    const packument = recordedPackument('sigstore');
    server.route('registry.npmjs.org', '/sigstore', json(packument));
    server.route(
      'www.npmjs.com',
      /^\/package\/sigstore(\/v\/[^/]+)?$/,
      html(
        npmPackagePage({
          name: 'sigstore',
          version: '5.0.1',
          versions: Object.entries(packument.time as Record<string, string>).map(([version, date]) => ({ version, date })),
          related: [{ name: '@sigstore/verify', latest: '3.1.0' }],
        }),
      ),
    );
    h = await launchExtension({ server });
  });

  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('loads the extension and finds its service worker', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    expect(h.serviceWorker.url()).toBe(`chrome-extension://${h.extensionId}/background.js`);
    const manifest = await h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest());
    expect(manifest.name).toBe('Provenant');
    expect(manifest.manifest_version).toBe(3);
  });

  it('serves a pypi.org project page from the replay over trusted TLS', async () => {
    const page = await h.context.newPage();
    try {
      const response = await page.goto('https://pypi.org/project/sampleproject/');
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('sampleproject · PyPI');
      await expect(page.locator('.banner.banner--project > .project-header > h1.project-header__name').textContent()).resolves.toBe(
        'sampleproject 4.0.0',
      );
      expect(await page.locator('link[rel=canonical]').getAttribute('href')).toBe('https://pypi.org/project/sampleproject/');
      expect(await page.locator('div#files div.file').count()).toBe(1);
      expect(await page.locator('[id="sampleproject-4.0.0.tar.gz"] table.table--hashes code').first().textContent()).toBe(
        SAMPLEPROJECT_SDIST_SHA256,
      );
      expect(server.requestsTo('pypi.org', '/project/sampleproject/').length).toBeGreaterThanOrEqual(1);

      const dir = mkdtempSync(join(tmpdir(), 'provenant-shot-'));
      try {
        const file = await screenshot(page, 'pypi-sampleproject', { dir });
        expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await page.close();
    }
  });

  it("sends the service worker's fetch to the replay", async () => {
    const since = Date.now();
    const result = await h.serviceWorker.evaluate(async () => {
      const r = await fetch('https://registry.npmjs.org/sigstore');
      return { status: r.status, body: await r.json() };
    });
    expect(result.status).toBe(200);
    expect(result.body.name).toBe('sigstore');
    expect(result.body['dist-tags'].latest).toBe('5.0.1');
    const seen = server.requestsTo('registry.npmjs.org', '/sigstore').filter((r) => r.time >= since);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.status).toBe(200);
  });

  it('switches a route between failure, recovery and a hang', async () => {
    const route = server.route('registry.npmjs.org', '/flaky', failThen(1, json({ ok: true })));
    const fetchStatus = () => h.serviceWorker.evaluate(() => fetch('https://registry.npmjs.org/flaky').then((r) => r.status));
    expect(await fetchStatus()).toBe(500);
    expect(await fetchStatus()).toBe(200);

    route.set(hang());
    const outcome = await h.serviceWorker.evaluate(() =>
      fetch('https://registry.npmjs.org/flaky', { signal: AbortSignal.timeout(300) }).then(
        (r) => `status ${r.status}`,
        (e: Error) => e.name,
      ),
    );
    expect(outcome).toBe('TimeoutError');
    expect(route.hits).toBe(3);
    route.remove();

    const unknown = await h.serviceWorker.evaluate(() => fetch('https://registry.npmjs.org/flaky').then(async (r) => ({ status: r.status, body: await r.json() })));
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('replay: no route');
    expect(server.requestsTo('registry.npmjs.org', '/flaky').at(-1)!.matched).toBe(false);
  });

  it('navigates the npm page client-side without a page load', async () => {
    const page = await h.context.newPage();
    try {
      await page.goto('https://www.npmjs.com/package/sigstore');
      await expect(page.locator('#top h1 span').textContent()).resolves.toBe('sigstore');
      expect(await page.locator('[aria-label="Package sidebar"]').count()).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { __context__: any }).__context__.context.packageVersion.version)).toBe('5.0.1');

      const loads = server.requestsTo('www.npmjs.com', '/package/').length;
      await page.locator('#tabpanel-versions a[data-spa]', { hasText: '3.0.0' }).click();
      await page.waitForURL('https://www.npmjs.com/package/sigstore/v/3.0.0');
      await expect(page.locator('.package-version').textContent()).resolves.toContain('3.0.0');
      await page.locator('#tabpanel-dependencies a[data-spa]', { hasText: '@sigstore/verify' }).click();
      await page.waitForURL('https://www.npmjs.com/package/@sigstore/verify');
      await expect(page.locator('#top h1 span').textContent()).resolves.toBe('@sigstore/verify');
      await page.goBack();
      await page.waitForURL('https://www.npmjs.com/package/sigstore/v/3.0.0');
      await expect(page.locator('#top h1 span').textContent()).resolves.toBe('sigstore');
      expect(server.requestsTo('www.npmjs.com', '/package/').length).toBe(loads);
    } finally {
      await page.close();
    }
  });

  it('restarts the service worker into a fresh, working instance', async () => {
    const before = await h.workerStartTime();
    await h.serviceWorker.evaluate(() => {
      (globalThis as { e2eMarker?: string }).e2eMarker = 'old instance';
    });

    const fresh = await h.restartServiceWorker();
    expect(await fresh.evaluate(() => (globalThis as { e2eMarker?: string }).e2eMarker)).toBeUndefined();
    expect(await h.workerStartTime()).toBeGreaterThan(before);
    const status = await fresh.evaluate(() => fetch('https://registry.npmjs.org/sigstore').then((r) => r.status));
    expect(status).toBe(200);

    // Waking it the way a real event would (a runtime message) also works.
    const afterFirst = await h.workerStartTime();
    const woken = await h.restartServiceWorker({ wake: 'message' });
    expect(await woken.evaluate(() => performance.timeOrigin)).toBeGreaterThan(afterFirst);
  });

  it('contacted nothing but the replay hosts', async () => {
    expect(h.unexpectedRequests()).toEqual([]);
    expect(h.browserRequests.length).toBeGreaterThan(0);
    const hosts = new Set(server.requests.map((r) => r.host));
    for (const host of hosts) expect(REPLAY_HOSTS as readonly string[]).toContain(host);

    // The check above is not vacuous: an unmapped host fails to resolve and is reported.
    const outcome = await h.serviceWorker.evaluate(() => fetch('https://example.com/leak').then((r) => `status ${r.status}`, (e: Error) => e.name));
    expect(outcome).toBe('TypeError');
    expect(h.unexpectedRequests()).toEqual(['https://example.com/leak']);
  });
});

/**
 * GitHub releases in Chromium, turned on in the options page, on a replay.
 *
 * Real: the immutable-release attestation of bdehamer/delme v6 (GitHub's own
 * Sigstore instance, no public log; tests/fixtures/github/cli/github_release_bundle.json)
 * and the artifact whose digest it signs. Shaped: the release page (GitHub's
 * release-title markup, `.Box-body h1.d-inline`, and the two Primer utility classes
 * it uses, around nothing else), the
 * releases-API and attestations-API answers, and the rate-limit answer (GitHub's
 * documented 403 with `x-ratelimit-remaining: 0`); no live page or API answer
 * could be recorded (tests/fixtures/github/NOTES.md).
 *
 * The permission prompt: `permissions.request` opens a dialog that headless
 * Chromium cannot answer, so this suite loads a copy of the build whose manifest
 * grants GitHub's four hosts at install; the request then resolves at once, and
 * everything after it (the switch, the stored choice, the runtime-registered
 * content script, the worker's check that GitHub is on) is the real path.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryOrigins } from '../../lib/registries/optional';
import { githubSite } from '../../lib/registries/github/page';
import { readFixture, readFixtureJSON } from '../support/fixtures';
import { extensionPathFor, launchExtension, screenshot, type ExtensionHarness } from './harness/browser';
import { html, json, startReplayServer, type ReplayServer } from './harness/replay-server';

const ORIGINS = registryOrigins(githubSite);
const HOSTS = ORIGINS.map((o) => new URL(o.replace('/*', '/')).hostname);
const DIGEST = createHash('sha256').update(readFixture('github', 'cli', 'github_release_artifact.zip')).digest('hex');
const BUNDLE = readFixtureJSON('github', 'cli', 'github_release_bundle.json');

function pregrantedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'provenant-e2e-github-'));
  cpSync(extensionPathFor(), dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { host_permissions: string[]; optional_host_permissions: string[] };
  for (const o of ORIGINS) expect(manifest.optional_host_permissions).toContain(o);
  manifest.host_permissions = [...manifest.host_permissions, ...ORIGINS];
  manifest.optional_host_permissions = manifest.optional_host_permissions.filter((p) => !ORIGINS.includes(p));
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

const releasePage = (repo: string, tag: string) =>
  `<!doctype html><html><head><title>Release ${tag} · ${repo} · GitHub</title><style>.d-inline{display:inline}.mr-3{margin-right:16px}</style></head><body><main><div class="Box"><div class="Box-body"><div class="d-flex flex-items-start"><h1 data-view-component="true" class="d-inline mr-3">${tag}</h1></div><p>Immutable release.</p></div></div></main></body></html>`;

const release = (tag: string) => ({ tag_name: tag, draft: false, prerelease: false, immutable: true, published_at: '2025-05-30T20:13:39Z', assets: [{ name: 'artifact.zip', size: 1, state: 'uploaded', digest: `sha256:${DIGEST}` }] });

async function badgeOn(p: Page) {
  await p.waitForFunction(() => {
    const status = document.querySelector('provenant-badge')?.getAttribute('data-status');
    return !!status && status !== 'pending';
  }, undefined, { timeout: 20_000 });
  return p.locator('provenant-badge').evaluate((el) => ({
    status: el.getAttribute('data-status'),
    ecosystem: el.getAttribute('data-ecosystem'),
    package: el.getAttribute('data-package'),
    version: el.getAttribute('data-version'),
    inline: String(el.previousElementSibling?.matches('h1.d-inline') ?? false),
    title: el.shadowRoot?.querySelector('.pv-badge')?.getAttribute('title') ?? '',
  }));
}

describe('GitHub releases, turned on in the options page, in Chromium', () => {
  let copy: string;
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    copy = pregrantedCopy();
    server = await startReplayServer({ extraHosts: HOSTS });
    server.route('github.com', '/bdehamer/delme/releases/tag/v6', html(releasePage('bdehamer/delme', 'v6')));
    server.route('github.com', '/bdehamer/delme/releases/latest', html(releasePage('bdehamer/delme', 'v6')));
    server.route('api.github.com', '/repos/bdehamer/delme/releases/tags/v6', json(release('v6')));
    server.route('api.github.com', '/repos/bdehamer/delme/releases/latest', json(release('v6')));
    server.route('api.github.com', `/repos/bdehamer/delme/attestations/sha256:${DIGEST}`, json({ attestations: [{ bundle: BUNDLE, repository_id: 905988044, initiator: 'github' }] }));
    server.route('github.com', '/bdehamer/limited/releases/tag/v1', html(releasePage('bdehamer/limited', 'v1')));
    server.route(
      'api.github.com',
      '/repos/bdehamer/limited/releases/tags/v1',
      json({ message: 'API rate limit exceeded for 192.0.2.1.' }, 403, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }),
    );
    h = await launchExtension({ server, extensionPath: copy });
    const options = await h.context.newPage();
    await options.goto(h.optionsUrl);
    const box = options.locator('[data-registry="github"]');
    await box.waitFor({ timeout: 10_000 });
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await options.waitForFunction(() => (document.querySelector('[data-registry="github"]') as HTMLInputElement | null)?.checked === true, undefined, { timeout: 10_000 });
    await options.close();
  }, 90_000);

  afterAll(async () => {
    await h?.close();
    await server?.stop();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('verifies the immutable release v6 against GitHub\u2019s trust root; the badge sits after the title and says in words there is no public log entry', async () => {
    const p = await h.context.newPage();
    await p.setViewportSize({ width: 900, height: 360 });
    await p.goto('https://github.com/bdehamer/delme/releases/tag/v6');
    const badge = await badgeOn(p);
    expect(badge).toMatchObject({ status: 'verified', ecosystem: 'github', package: 'bdehamer/delme', version: 'v6', inline: 'true' });
    expect(badge.title).toMatch(/No public transparency-log entry/);
    expect(badge.title).toMatch(/RFC 3161/);
    await screenshot(p, 'github-badge-verified');

    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl(await h.tabIdOf(p)));
    await popup.waitForSelector('[data-no-public-log]', { timeout: 10_000 });
    expect(await popup.locator('.ecosystem').first().textContent()).toBe('GitHub releases');
    expect(await popup.locator('.meaning').textContent()).toMatch(/keeps no public transparency log/);
    expect(await popup.locator('[data-no-public-log]').textContent()).toMatch(/No public transparency-log entry/);
    await popup.close();
    await p.close();
  });

  it('resolves /releases/latest to its tag (data-version)', async () => {
    const p = await h.context.newPage();
    await p.goto('https://github.com/bdehamer/delme/releases/latest');
    expect(await badgeOn(p)).toMatchObject({ status: 'verified', version: 'v6' });
    await p.close();
  });

  it('a used-up API limit is an error whose title names the token that raises it; the token is never sent without being set', async () => {
    const p = await h.context.newPage();
    await p.goto('https://github.com/bdehamer/limited/releases/tag/v1');
    const badge = await badgeOn(p);
    expect(badge).toMatchObject({ status: 'error', ecosystem: 'github', package: 'bdehamer/limited' });
    expect(badge.title).toMatch(/60 requests an hour/);
    expect(badge.title).toMatch(/token in the options/);
    for (const r of server.requestsTo('api.github.com')) expect(r.headers.authorization).toBeUndefined();
    await p.close();
  });

  it('the options page shows GitHub\u2019s trust material (the packaged root, read by the worker) with its own "Refresh now"; once GitHub is off, gone, and a refresh is refused', async () => {
    const options = await h.context.newPage();
    await options.goto(h.optionsUrl);
    const github = options.locator('section[data-trust-instance="github"]');
    await github.locator('[data-trust-field="root-version"]').waitFor({ timeout: 10_000 });
    expect(await github.locator('h2').textContent()).toBe('GitHub\u2019s Sigstore trust material');
    expect(await github.locator('.hint').textContent()).toMatch(/no\s+public transparency log/);
    expect(await github.locator('[data-trust-field="root-version"]').textContent()).toBe('9');
    expect(await github.locator('[data-trust-field="source"]').textContent()).toBe('Embedded in this version of Provenant');
    expect(await options.locator('section[data-trust-instance="public-good"] h2').textContent()).toBe('Sigstore trust material');
    const before = server.requestsTo('tuf-repo.github.com').length;
    await github.getByRole('button', { name: 'Refresh now' }).click();
    // The replay has nothing of GitHub's repository beyond what the seed holds: the refresh asks it and fails, the seed stays.
    await github.locator('.trust-result', { hasText: 'Not refreshed:' }).waitFor({ timeout: 20_000 });
    expect(server.requestsTo('tuf-repo.github.com').length).toBeGreaterThan(before);
    expect(await github.locator('[data-trust-field="root-version"]').textContent()).toBe('9');

    await options.locator('[data-registry="github"]').click();
    await options.waitForFunction(() => (document.querySelector('[data-registry="github"]') as HTMLInputElement | null)?.checked === false, undefined, { timeout: 10_000 });
    await options.locator('section[data-trust-instance="github"]').waitFor({ state: 'detached', timeout: 10_000 });
    const refused = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'trust/refresh', instance: 'github' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'REGISTRY_OFF' } });
    await options.close();
  });
});

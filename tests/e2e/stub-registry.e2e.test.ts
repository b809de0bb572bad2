/**
 * A third registry that exists only here: lib/registries/stub/ (a made-up host),
 * its content script and its list entries, verified end to end in Chromium against
 * a replay of its page and API serving a real recorded Sigstore bundle (sigstore-js's
 * SLSA provenance for npm sigstore@2.0.0, tests/fixtures/SOURCES.md) over the real
 * tarball's sha512. The point is the diff that adds it (docs/adding-a-registry.md).
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stubSite } from '../../lib/registries/stub/page';
import { readFixture, readFixtureJSON } from '../support/fixtures';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { html, json, startReplayServer, type ReplayServer } from './harness/replay-server';

const SITE = stubSite.siteHosts[0];
const API = stubSite.apiHosts[0];
const bundle = readFixtureJSON('npm-attestations', 'sigstore-rust', 'sigstore.js@2.0.0-provenance.sigstore.json');
const sha512 = (tarball: string) => createHash('sha512').update(readFixture('npm-registry', 'tarballs', tarball)).digest('hex');

const page = (name: string, version: string) =>
  `<!doctype html><html><head><title>${name} ${version} · Stub</title></head><body><main><h1 class="stub-title">${name}</h1><p>${version}</p></main></body></html>`;

async function badgeOn(p: Page): Promise<Record<string, string | null>> {
  await p.waitForFunction(() => {
    const status = document.querySelector('provenant-badge')?.getAttribute('data-status');
    return !!status && status !== 'pending';
  }, undefined, { timeout: 20_000 });
  return p.locator('provenant-badge').evaluate((el) => ({
    status: el.getAttribute('data-status'),
    ecosystem: el.getAttribute('data-ecosystem'),
    package: el.getAttribute('data-package'),
    version: el.getAttribute('data-version'),
    inline: String(el.previousElementSibling?.matches('h1.stub-title') ?? false),
  }));
}

describe('a stub third registry (folder, entrypoint, list entry)', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    server = await startReplayServer({ extraHosts: [SITE, API] });
    server.route(SITE, '/p/sigstore/2.0.0', html(page('sigstore', '2.0.0')));
    server.route(API, '/v1/sigstore/2.0.0', json({ name: 'sigstore', version: '2.0.0', sha512: sha512('sigstore-2.0.0.tgz'), bundle }));
    // The same real bundle offered for another tarball: its subject does not carry that digest.
    server.route(SITE, '/p/sigstore/1.0.0', html(page('sigstore', '1.0.0')));
    server.route(API, '/v1/sigstore/1.0.0', json({ name: 'sigstore', version: '1.0.0', sha512: sha512('sigstore-1.0.0.tgz'), bundle }));
    h = await launchExtension({ server });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('verifies the release its page shows, with the badge after the title', async () => {
    const p = await h.context.newPage();
    await p.goto(`https://${SITE}/p/sigstore/2.0.0`);
    expect(await badgeOn(p)).toEqual({ status: 'verified', ecosystem: 'stub', package: 'sigstore', version: '2.0.0', inline: 'true' });
    expect(server.requestsTo(API, '/v1/sigstore/2.0.0').length).toBeGreaterThan(0);
    expect(h.unexpectedRequests()).toEqual([]);
    await p.close();
  });

  it('fails a release whose tarball the bundle was not made for', async () => {
    const p = await h.context.newPage();
    await p.goto(`https://${SITE}/p/sigstore/1.0.0`);
    expect(await badgeOn(p)).toMatchObject({ status: 'failed', ecosystem: 'stub', version: '1.0.0' });
    await p.close();
  });

  it('the popup names the registry by its label', async () => {
    const p = await h.context.newPage();
    await p.goto(`https://${SITE}/p/sigstore/2.0.0`);
    await badgeOn(p);
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl(await h.tabIdOf(p)));
    await popup.waitForSelector('.ecosystem', { timeout: 10_000 });
    expect(await popup.locator('.ecosystem').first().textContent()).toBe('Stub');
    await popup.close();
    await p.close();
  });
});

/**
 * Pins, settings and acknowledgements outlive the browser and an extension
 * upgrade: the same profile is closed and opened again, once with the same
 * build and once with the build's version raised (Chromium then reloads the
 * unpacked extension as an update).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionPathFor, launchExtension, type ExtensionGlobal, type ExtensionHarness } from './harness/browser';
import { startReplayServer, type ReplayServer } from './harness/replay-server';
import { recordedRegistries } from './scenario/recorded-registries';
import { FIXTURES } from '../support/fixtures';

const pin = { ecosystem: 'npm', package: 'tuf-js', identities: [{ repositoryUrl: 'https://github.com/someone-else/tuf-js', workflowPath: '.github/workflows/release.yml' }], createdAt: '2026-11-29T00:00:00.000Z', source: 'manual' };
/** The same pin as releases before pins held a set stored it (pins v1: the identity's fields beside the package). */
const pinV1 = { ecosystem: 'npm', package: 'tuf-js', repositoryUrl: 'https://github.com/someone-else/tuf-js', workflowPath: '.github/workflows/release.yml', createdAt: '2026-11-29T00:00:00.000Z', source: 'manual' };
const ack = { ecosystem: 'npm', package: 'sigstore', version: '2.0.0', kind: 'publisher-changed' };

describe('state across a browser restart and an extension upgrade', () => {
  let server: ReplayServer;
  let profile: string;
  let extension: string;
  let h: ExtensionHarness | undefined;

  const launch = async () => {
    h = await launchExtension({ server, userDataDir: profile, extensionPath: extension });
    return h;
  };
  const ask = async (browser: ExtensionHarness, message: unknown) => {
    const page = await browser.context.newPage();
    await page.goto(browser.optionsUrl);
    const answer = await page.evaluate((m) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(m), message);
    await page.close();
    return answer as { ok: boolean; value?: any };
  };
  const status = async (page: Page) => {
    await page.waitForFunction(() => ['verified', 'mismatch', 'failed', 'absent'].includes(document.querySelector('provenant-badge')?.getAttribute('data-status') ?? ''), undefined, { timeout: 20_000 });
    return page.locator('provenant-badge').getAttribute('data-status');
  };

  beforeAll(async () => {
    server = await startReplayServer();
    recordedRegistries(FIXTURES).install(server);
    profile = mkdtempSync(join(tmpdir(), 'provenant-e2e-restart-profile-'));
    // A copy of the build the test may "upgrade" in place (an unpacked extension's id follows its folder).
    extension = mkdtempSync(join(tmpdir(), 'provenant-e2e-restart-ext-'));
    cpSync(extensionPathFor(), extension, { recursive: true });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(extension, { recursive: true, force: true });
  });

  it('before: a pin, a setting and an acknowledgement are saved', async () => {
    const b = await launch();
    expect(await ask(b, { type: 'pins/save', pin })).toMatchObject({ ok: true });
    expect(await ask(b, { type: 'settings/save', settings: { trustOnFirstUse: true } })).toMatchObject({ ok: true });
    expect(await ask(b, { type: 'acks/add', ack })).toMatchObject({ ok: true });
    await b.close();
  });

  it('after the browser restarts: all three are there, and the pin still decides the verdict', async () => {
    const b = await launch();
    expect((await ask(b, { type: 'pins/list' })).value).toEqual([pin]);
    expect((await ask(b, { type: 'settings/get' })).value).toMatchObject({ trustOnFirstUse: true });
    expect((await ask(b, { type: 'acks/list' })).value).toMatchObject([ack]);
    const page = await b.context.newPage();
    await page.goto('https://www.npmjs.com/package/tuf-js/v/1.0.0');
    expect(await status(page)).toBe('mismatch');
    await b.close();
  });

  it('after an upgrade of the extension: all three are still there', async () => {
    const manifestPath = join(extension, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const before = manifest.version;
    manifest.version = before.replace(/\d+$/, (n: string) => String(Number(n) + 1));
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const b = await launch();
    expect(await b.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest().version)).toBe(manifest.version);
    expect((await ask(b, { type: 'pins/list' })).value).toEqual([pin]);
    expect((await ask(b, { type: 'settings/get' })).value).toMatchObject({ trustOnFirstUse: true });
    expect((await ask(b, { type: 'acks/list' })).value).toMatchObject([ack]);
  });

  it('pins stored by an earlier release (v1) are read after the restart as pins accepting that one identity, and still decide the verdict', async () => {
    await h?.close();
    let b = await launch();
    const page = await b.context.newPage();
    await page.goto(b.optionsUrl);
    // What the previous release left in the profile, written where it wrote it.
    await page.evaluate((v1) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ pins: [v1], pins$: { v: 1 } }), pinV1);
    await b.close();
    b = await launch();
    expect((await ask(b, { type: 'pins/list' })).value).toEqual([pin]);
    const tab = await b.context.newPage();
    await tab.goto('https://www.npmjs.com/package/tuf-js/v/1.0.0');
    expect(await status(tab)).toBe('mismatch');
    expect((await ask(b, { type: 'quarantine/list' })).value).toEqual([]);
  });
});

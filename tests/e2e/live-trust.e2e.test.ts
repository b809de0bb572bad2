/**
 * Live trust in real Chromium: the worker's TUF client against a local HTTPS
 * replay of tuf-repo-cdn.sigstore.dev serving the recorded Sigstore repository
 * (tests/fixtures/tuf/).
 *
 * The recording is expired in real time and a browser's clock cannot be moved,
 * so the first suite runs a separate test build (wxt.config.ts, testBuild()):
 * its TUF clock starts at 2026-08-25 (inside the `current` window) and its
 * packaged seed (trust/public-good-seed.json) is the `older-2025-10-09` state, which predates the Rekor v2
 * log log2025-1. The second suite runs the production build against the same,
 * really expired, recording. The last checks that nothing of the test build
 * reaches the production bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionPathFor, launchExtension, REPO_ROOT, type ExtensionHarness } from './harness/browser.ts';
import { diagnosticsExtension } from './harness/diagnostics-build.ts';
import { startReplayServer, type ReplayHandler, type ReplayServer } from './harness/replay-server.ts';
import { fixturePath, readFixtureJSON } from '../support/fixtures';

const TUF_HOST = 'tuf-repo-cdn.sigstore.dev';
const CURRENT = fixturePath('tuf/sigstore-root-signing/current');
const OLDER = fixturePath('tuf/sigstore-root-signing/older-2025-10-09');
const TEST_CLOCK = '2026-08-25T00:00:00Z';
const TEST_BUILD = join(REPO_ROOT, '.output-test/chrome-mv3');
const rekorV2 = () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json');

/** The recorded repository as the GCS-backed CDN serves it: files by path, anything else a NoSuchKey 404. */
function serveRepo(dir: string): ReplayHandler {
  return (req) => {
    const path = decodeURIComponent(req.pathname).replace(/^\//, '');
    const file = join(dir, path);
    if (path.includes('..') || !existsSync(file) || path === '' || path.endsWith('/')) {
      return { status: 404, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>' };
    }
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: readFileSync(file) };
  };
}

const down: ReplayHandler = { status: 503, body: 'unavailable' };

function buildTestExtension(): void {
  if (process.env.PROVENANT_SKIP_BUILD === '1' && existsSync(join(TEST_BUILD, 'manifest.json'))) return;
  const dir = mkdtempSync(join(tmpdir(), 'provenant-test-seed-'));
  const seed = join(dir, 'seed.json');
  const keys = readdirSync(join(CURRENT, 'targets/registry.npmjs.org')).find((f) => f.endsWith('.keys.json'))!;
  const trustedRoot = readdirSync(join(OLDER, 'targets')).find((f) => f.endsWith('.trusted_root.json'))!;
  writeFileSync(seed, JSON.stringify({
    root: join(OLDER, '13.root.json'),
    trustedRoot: join(OLDER, 'targets', trustedRoot),
    // keys.json did not change between the two states (NOTES.md).
    npmKeys: join(CURRENT, 'targets/registry.npmjs.org', keys),
  }));
  try {
    const run = spawnSync('npx', ['wxt', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', PROVENANT_TEST_CLOCK: TEST_CLOCK, PROVENANT_TEST_TRUST_SEED: seed },
    });
    if (run.status !== 0 || !existsSync(join(TEST_BUILD, 'manifest.json'))) throw new Error(`the test build failed (exit ${run.status})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Live = { status: string; code?: string; message?: string };
type Status = { source: string; rootVersion: number; targetsVersion?: number; lastAttempt?: { ok: boolean; code?: string; reason: string } };

const verifyLive = (h: ExtensionHarness, bundle: unknown): Promise<Live> => h.serviceWorker.evaluate((b) => (globalThis as any).provenantDiagnostics.verifyLive(b), bundle);
const verifyEmbedded = (h: ExtensionHarness, bundle: unknown): Promise<{ ok: boolean; code?: string }> => h.serviceWorker.evaluate((b) => (globalThis as any).provenantDiagnostics.verify(b), bundle);
const trustStatus = (h: ExtensionHarness): Promise<Status> => h.serviceWorker.evaluate(() => (globalThis as any).provenantDiagnostics.trustStatus());

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('test build (clock 2026-08-25, seeded with the 2025-10-09 state)', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;
  let tuf: ReturnType<ReplayServer['route']>;

  beforeAll(async () => {
    buildTestExtension();
    server = await startReplayServer();
    tuf = server.route(TUF_HOST, /.*/, down);
    h = await launchExtension({ server, extensionPath: TEST_BUILD });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('with the replay down: the start refresh fails, and a Rekor v2 bundle is error "trust material could not be refreshed", not failed', async () => {
    await server.waitForRequest((r) => r.host === TUF_HOST && r.path === '/14.root.json');
    const status = await until(async () => {
      const s = await trustStatus(h);
      return s.lastAttempt ? s : undefined;
    }, 'the start refresh');
    expect(status).toMatchObject({ source: 'embedded', rootVersion: 13, lastAttempt: { ok: false, code: 'HTTP_STATUS', reason: 'start' } });
    // The embedded (older) root alone cannot verify it: its log is unknown.
    expect(await verifyEmbedded(h, rekorV2())).toMatchObject({ ok: false, code: 'TLOG_PROOF_INVALID' });
    const live = await verifyLive(h, rekorV2());
    expect(live).toMatchObject({ status: 'error', code: 'TRUST_REFRESH_FAILED' });
    expect(live.message).toMatch(/trust material could not be refreshed/i);
    // The on-demand refresh did ask (once), and failed.
    expect(server.requestsTo(TUF_HOST, '/14.root.json').length).toBe(2);
  });

  it('"Refresh now" on the options page fetches the current state, and the bundle verifies', async () => {
    tuf.set(serveRepo(CURRENT));
    server.clearLog();
    const page = await h.context.newPage();
    await page.goto(h.optionsUrl);
    await page.locator('[data-trust-field="root-version"]').waitFor();
    expect(await page.locator('[data-trust-field="source"]').textContent()).toBe('Embedded in this version of Provenant');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await page.locator('.trust-result', { hasText: 'Refreshed' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-trust-field="root-version"]').textContent()).toBe('15');
    expect(await page.locator('[data-trust-field="targets-version"]').textContent()).toBe('14');
    expect(await page.locator('[data-trust-field="source"]').textContent()).toBe('Refreshed from Sigstore\u2019s TUF repository');
    await page.close();
    const paths = server.requestsTo(TUF_HOST).map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/14.root.json', '/15.root.json', '/16.root.json', '/timestamp.json', '/165.snapshot.json', '/14.targets.json', '/8.registry.npmjs.org.json']));
    expect(paths.some((p) => p.endsWith('.trusted_root.json'))).toBe(true);
    expect(await verifyLive(h, rekorV2())).toEqual({ status: 'verified' });
  });

  it('keeps the refreshed material across a worker restart, without asking the CDN again', async () => {
    server.clearLog();
    await h.restartServiceWorker();
    expect(await trustStatus(h)).toMatchObject({ source: 'refreshed', rootVersion: 15, targetsVersion: 14 });
    expect(await verifyLive(h, rekorV2())).toEqual({ status: 'verified' });
    expect(server.requestsTo(TUF_HOST)).toEqual([]);
  });
});

describe('production build against the real, expired recording', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    server = await startReplayServer();
    server.route(TUF_HOST, /.*/, serveRepo(CURRENT));
    // The production build plus the diagnostics surface the checks below read (same clock, same seed).
    h = await launchExtension({ server, extensionPath: diagnosticsExtension() });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('asks at start, refuses the expired timestamp, and keeps verifying with the embedded material', async () => {
    await server.waitForRequest((r) => r.host === TUF_HOST && r.path === '/timestamp.json');
    const status = await until(async () => {
      const s = await trustStatus(h);
      return s.lastAttempt ? s : undefined;
    }, 'the start refresh');
    // The embedded seed is @sigstore/tuf's root v16; the recording stops at 15, so 17 is asked for and absent.
    expect(status).toMatchObject({ source: 'embedded', rootVersion: 16, lastAttempt: { ok: false, code: 'EXPIRED', reason: 'start' } });
    expect(server.requestsTo(TUF_HOST).map((r) => r.path).slice(0, 2)).toEqual(['/17.root.json', '/timestamp.json']);
    expect(await verifyLive(h, rekorV2())).toEqual({ status: 'verified' });
    expect(await verifyEmbedded(h, rekorV2())).toMatchObject({ ok: true });
  });
});

describe('the test build settings never reach the production bundle', () => {
  it('production background.js has no test clock or test seed; the test build has both, its seed in place of the packaged one', () => {
    const production = readFileSync(join(extensionPathFor(), 'background.js'), 'utf8');
    expect(production).not.toContain('Provenant test build');
    expect(production).not.toContain('PROVENANT_TEST');
    expect(production).not.toContain(TEST_CLOCK);
    const testBuild = readFileSync(join(TEST_BUILD, 'background.js'), 'utf8');
    expect(testBuild).toContain('Provenant test build');
    expect(testBuild).toContain(TEST_CLOCK);
    // Every test build carries the diagnostics surface the suites drive; the release zips never do (package.e2e.test.ts).
    expect(testBuild).toContain('provenantDiagnostics');
    // The production seed lists the Rekor v2 log; the test build's older seed, written in place of the packaged one, does not.
    // Neither worker carries a seed: each reads its packaged trust/public-good-seed.json.
    const rekorV2Log = 'log2025-1.rekor.sigstore.dev';
    const seedOf = (build: string) => readFileSync(join(build, 'trust/public-good-seed.json'), 'utf8');
    expect(seedOf(extensionPathFor())).toContain(rekorV2Log);
    expect(seedOf(TEST_BUILD)).not.toContain(rekorV2Log);
    expect(JSON.parse(seedOf(TEST_BUILD)).tufRoot.signed.version).toBe(13);
    expect(production).not.toContain(rekorV2Log);
    expect(testBuild).not.toContain(rekorV2Log);
  });
});

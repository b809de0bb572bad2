import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isProvenantError } from '../../lib/errors/provenant-error';
import { PUBLIC_GOOD_SEED_PATH, parsePublicGoodSeed } from '../../lib/trust/public-good-seed';
import { PUBLIC_GOOD_SEED } from '../../lib/verify/embedded-trust';
import { FakeRegistry, attestationsResponse, packument } from '../registries/npm-fixtures';

/**
 * The public-good seed is a packaged file (public/trust/public-good-seed.json,
 * written by scripts/public-good-seed.mjs), read by the worker with fetch.
 * Here the worker's own modules (live-trust.ts, public-good-seed.ts,
 * verify-release.ts, warm-up.ts) read it through a stubbed fetch that serves
 * the file from disk, a corrupt copy, or nothing; the rest of the network
 * (Sigstore's TUF CDN) is down, as on a fresh install offline.
 */
const SEED_FILE = fileURLToPath(new URL('../../public/trust/public-good-seed.json', import.meta.url));
const seedText = () => readFileSync(SEED_FILE, 'utf8');
const seedJSON = () => JSON.parse(seedText()) as Record<string, any>;

const codeOf = async (run: () => Promise<unknown>, errors: { isProvenantError: typeof isProvenantError } = { isProvenantError }) =>
  run().then(
    (value) => ({ value }),
    (e: unknown) => (errors.isProvenantError(e, 'verify') ? e.code : `not a verify error: ${String(e)}`),
  );

describe('the packaged public-good seed', () => {
  it('is @sigstore/tuf\u2019s seed for tuf-repo-cdn.sigstore.dev: its root.json and both targets, decoded', () => {
    const require = createRequire(import.meta.url);
    const mirror = JSON.parse(readFileSync(require.resolve('@sigstore/tuf/seeds.json'), 'utf8'))['https://tuf-repo-cdn.sigstore.dev'];
    const decode = (b64: string) => JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    expect(seedJSON()).toEqual({
      tufRoot: decode(mirror['root.json']),
      trustedRoot: decode(mirror.targets['trusted_root.json']),
      npmKeys: decode(mirror.targets['registry.npmjs.org%2Fkeys.json']),
    });
  });

  it('is what Node reads too (lib/verify/embedded-trust.ts), checked by the same parser', () => {
    expect(PUBLIC_GOOD_SEED).toEqual(parsePublicGoodSeed(seedJSON()));
    expect(JSON.parse(PUBLIC_GOOD_SEED.targets.trustedRoot)).toEqual(seedJSON().trustedRoot);
  });

  it('refuses anything but a TUF root, a trusted root and npm\u2019s keys as TRUST_ROOT_INVALID', async () => {
    const code = (json: unknown) => codeOf(async () => parsePublicGoodSeed(json));
    expect(await code(seedJSON())).toMatchObject({ value: { root: expect.any(String) } });
    expect(await code(undefined)).toBe('TRUST_ROOT_INVALID');
    expect(await code([])).toBe('TRUST_ROOT_INVALID');
    const { npmKeys: _npmKeys, ...noKeys } = seedJSON();
    expect(await code(noKeys)).toBe('TRUST_ROOT_INVALID');
    const timestamp = seedJSON();
    timestamp.tufRoot.signed._type = 'timestamp';
    expect(await code(timestamp)).toBe('TRUST_ROOT_INVALID');
    const notTrustedRoot = seedJSON();
    notTrustedRoot.trustedRoot.mediaType = 'application/json';
    expect(await code(notTrustedRoot)).toBe('TRUST_ROOT_INVALID');
    const keysNotListed = seedJSON();
    keysNotListed.npmKeys = { keys: 'none' };
    expect(await code(keysNotListed)).toBe('TRUST_ROOT_INVALID');
  });
});

describe('the worker with the packaged seed and no stored trust (a fresh install, TUF CDN down)', () => {
  const SEED_URL = `chrome-extension://${fakeBrowser.runtime.id}${PUBLIC_GOOD_SEED_PATH}`;
  let serveSeed: () => Response;
  let seedReads: number;
  let otherRequests: string[];

  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
    seedReads = 0;
    otherRequests = [];
    serveSeed = () => new Response(seedText(), { headers: { 'content-type': 'application/json' } });
    vi.stubGlobal('fetch', async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url === SEED_URL) {
        seedReads++;
        return serveSeed();
      }
      otherRequests.push(url);
      return new Response('unavailable', { status: 503 });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  // The worker's modules, fresh for each test: the seed is read once per worker.
  async function worker() {
    const { liveTrust } = await import('../../lib/trust/live-trust');
    const { releaseVerifier } = await import('../../lib/background/verify-release');
    const { warmVerifier } = await import('../../lib/verify/warm-up');
    // The fresh modules' own error class.
    const errors = await import('../../lib/errors/provenant-error');
    const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json'));
    const trust = liveTrust();
    const verify = releaseVerifier(registry.client(), trust);
    return {
      trust,
      codeOf: (run: () => Promise<unknown>) => codeOf(run, errors),
      warm: () => warmVerifier(() => trust.current()),
      sigstore100: () => verify({ ecosystem: 'npm', package: 'sigstore', version: '1.0.0' }),
    };
  }

  it('warms up and verifies a real release with the seed, read once', async () => {
    const w = await worker();
    // As the worker starts (lib/background/main.ts): the start refresh (failing: the CDN is down), then the warm-up.
    expect(await w.trust.refreshIfDue('start')).toMatchObject({ ok: false });
    expect(await w.warm()).toBeGreaterThan(0);
    expect(await w.trust.status()).toMatchObject({ source: 'embedded', rootVersion: seedJSON().tufRoot.signed.version });
    expect(await w.sigstore100()).toMatchObject({ status: 'verified' });
    expect(await w.sigstore100()).toMatchObject({ status: 'verified' });
    expect(seedReads).toBe(1);
  });

  it.each([
    ['missing (404)', () => new Response('', { status: 404 })],
    ['cut short', () => new Response(seedText().slice(0, 4000))],
    ['without npm\u2019s keys', () => new Response(JSON.stringify({ ...seedJSON(), npmKeys: undefined }))],
  ])('a seed file %s: verification and warm-up are TRUST_ROOT_INVALID, and the start refresh has nothing to start from', async (_what, serve) => {
    serveSeed = serve;
    const w = await worker();
    expect(await w.sigstore100()).toMatchObject({ status: 'error', code: 'TRUST_ROOT_INVALID', message: expect.stringContaining('trust root') });
    expect(await w.codeOf(() => w.warm())).toBe('TRUST_ROOT_INVALID');
    expect(await w.codeOf(() => w.trust.status())).toBe('TRUST_ROOT_INVALID');
    expect(await w.trust.refreshIfDue('start')).toBeUndefined();
    // Nothing was fetched from the TUF CDN: without a seed there is no root to start a refresh from.
    expect(otherRequests).toEqual([]);
  });

  it('a seed whose trusted root does not load: verification and warm-up are TRUST_ROOT_INVALID', async () => {
    serveSeed = () => new Response(JSON.stringify({ ...seedJSON(), trustedRoot: { ...seedJSON().trustedRoot, certificateAuthorities: 'none' } }));
    const w = await worker();
    expect(await w.sigstore100()).toMatchObject({ status: 'error', code: 'TRUST_ROOT_INVALID', message: expect.stringContaining('trust root') });
    expect(await w.codeOf(() => w.warm())).toBe('TRUST_ROOT_INVALID');
  });

  it('a seed whose trusted root lists nothing: the release is error (trust could not be refreshed), not verified', async () => {
    serveSeed = () => new Response(JSON.stringify({ ...seedJSON(), trustedRoot: { mediaType: seedJSON().trustedRoot.mediaType } }));
    const w = await worker();
    expect(await w.warm()).toBe(0);
    expect(await w.sigstore100()).toMatchObject({ status: 'error', code: 'TRUST_REFRESH_FAILED' });
  });

  it('a failed read is not kept: the next verification reads the file again', async () => {
    serveSeed = () => new Response('', { status: 404 });
    const w = await worker();
    expect(await w.sigstore100()).toMatchObject({ status: 'error', code: 'TRUST_ROOT_INVALID', message: expect.stringContaining('trust root') });
    serveSeed = () => new Response(seedText());
    expect(await w.sigstore100()).toMatchObject({ status: 'verified' });
    expect(seedReads).toBe(2);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import { TrustService } from '../../lib/trust/trust-service';
import type { TrustRecord } from '../../lib/trust/stored-trust';
import { CLOCK, REPO, repoFile, serve } from './tuf-repo';
import { optionalRegistries, type OptionalRegistries } from '../../lib/background/optional-registries';
import { githubPage } from '../../lib/registries/github/page';
import { homebrewPage } from '../../lib/registries/homebrew/page';
import { registryOrigins } from '../../lib/registries/optional';
import { GITHUB_TUF_ORIGIN, githubTrustService } from '../../lib/trust/github-trust';
import { GITHUB_TUF_HOST_PATTERN } from '../../lib/trust/trust-instance';
import { loadGithubSeed } from '../support/github-seed';

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const options = { id: 'abc', url: 'chrome-extension://abc/options.html' };
const contentScript = { id: 'abc', url: 'https://www.npmjs.com/package/lodash', tab: { id: 7, url: 'https://www.npmjs.com/package/lodash' } };
const otherExtension = { id: 'evil', url: 'chrome-extension://evil/page.html' };

function router(more: { githubTrust?: TrustService; optionalRegistries?: OptionalRegistries } = {}) {
  let stored: unknown = {};
  const repo = serve(REPO.current);
  const trust = new TrustService({
    seed: { root: repoFile(REPO.current, '1.root.json'), targets: { trustedRoot: '{}', npmKeys: '{}' } },
    store: { read: async () => stored, write: async (r: TrustRecord) => void (stored = r) },
    fetch: repo.fetch,
    now: () => CLOCK.current,
  });
  const service = new VerdictService({
    verifyRelease: async () => { throw new Error('not used'); },
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const route = createRouter({ ...EXT, service, trust, setToolbar: async () => {}, history: async () => { throw new Error('not used'); }, tabUrl: async () => undefined, refreshBadge: async () => {},
    openPopup: async () => { throw new Error('not used'); }, injectPanel: async () => { throw new Error('not used'); }, verifiedIdentities: async () => [], ...more });
  return { route, repo };
}

describe('trust/status and trust/refresh messages', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are refused to content scripts and other extensions, and fetch nothing for them', async () => {
    const { route, repo } = router();
    for (const sender of [contentScript, otherExtension]) {
      for (const type of ['trust/status', 'trust/refresh']) {
        expect(await route({ type }, sender as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(repo.requests).toEqual([]);
  });

  it('the options page sees the material in use and can refresh it', async () => {
    const { route, repo } = router();
    expect(await route({ type: 'trust/status' }, options as never)).toMatchObject({ ok: true, value: { source: 'embedded', rootVersion: 1 } });
    const refreshed = await route({ type: 'trust/refresh' }, options as never);
    expect(refreshed).toMatchObject({ ok: true, value: { ok: true, changed: true, status: { source: 'refreshed', rootVersion: 15, targetsVersion: 14, lastAttempt: { ok: true, reason: 'user' } } } });
    expect(repo.requests).toContain('timestamp.json');
  });
});

/**
 * The real optional-registry logic over the real registry list, with the
 * browser's grants and the user's choice in memory (the browser itself is
 * covered by tests/background/optional-registries.test.ts).
 */
function registries(granted: string[], wanted: string[]): OptionalRegistries {
  return optionalRegistries({
    contains: async (origins) => origins.every((o) => granted.includes(o)),
    remove: async () => true,
    registeredScripts: async () => [],
    register: async () => {},
    unregister: async () => {},
    readWanted: async () => wanted,
    changeWanted: async () => {},
  });
}

/** GitHub's TrustService on its real packaged seed (tuf-repo.github.com root v9); every request to GitHub's repository is recorded and answered 404, as nothing beyond the root could be recorded. */
function githubTrust() {
  const requested: string[] = [];
  let seedReads = 0;
  let stored: unknown = {};
  const trust = githubTrustService({
    store: { read: async () => stored, write: async (r: TrustRecord) => void (stored = r) },
    loadSeed: async () => (seedReads++, loadGithubSeed()),
    fetchImpl: async (url) => (requested.push(url), new Response('', { status: 404 })),
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
  return { trust, requested, seedReads: () => seedReads };
}

describe('trust/status and trust/refresh for GitHub\u2019s instance', () => {
  beforeEach(() => fakeBrowser.reset());
  const github = { type: 'trust/status', instance: 'github' };
  const githubRefresh = { type: 'trust/refresh', instance: 'github' };

  it('GitHub\u2019s TUF host is one GitHub releases asks for when turned on (and Homebrew, which checks bottles with the same root)', () => {
    expect(`${GITHUB_TUF_ORIGIN}/*`).toBe(GITHUB_TUF_HOST_PATTERN);
    expect(registryOrigins(githubPage)).toContain(GITHUB_TUF_HOST_PATTERN);
    expect(registryOrigins(homebrewPage)).toContain(GITHUB_TUF_HOST_PATTERN);
  });

  it('are refused with REGISTRY_OFF while no registry attested on GitHub is on, reading and fetching nothing', async () => {
    const gh = githubTrust();
    const offs = [
      registries([], []),
      // Turned on, then its access taken away in the browser's settings.
      registries([], ['github']),
      // Granted outside the options page but never turned on.
      registries(registryOrigins(githubPage), []),
    ];
    for (const optional of offs) {
      const { route, repo } = router({ githubTrust: gh.trust, optionalRegistries: optional });
      for (const message of [github, githubRefresh]) {
        const answer = await route(message, options as never);
        expect(answer).toMatchObject({ ok: false, error: { code: 'REGISTRY_OFF' } });
        expect((answer as { error: { message: string } }).error.message).toMatch(/^GitHub\u2019s trust material is used, and refreshed from tuf-repo\.github\.com, only while GitHub releases or Homebrew is turned on/);
      }
      expect(repo.requests).toEqual([]);
    }
    expect(gh.requested).toEqual([]);
    expect(gh.seedReads()).toBe(0);
  });

  it('is refused when the worker has no registry switches at all', async () => {
    const { route } = router({ githubTrust: githubTrust().trust });
    expect(await route(github, options as never)).toMatchObject({ ok: false, error: { code: 'REGISTRY_OFF' } });
  });

  it('while GitHub releases is on: the status of its packaged root, and a refresh that asks tuf-repo.github.com and says it failed', async () => {
    const gh = githubTrust();
    const { route, repo } = router({ githubTrust: gh.trust, optionalRegistries: registries(registryOrigins(githubPage), ['github']) });
    expect(await route(github, options as never)).toEqual({ ok: true, value: { source: 'embedded', rootVersion: 9, expires: '2027-01-28T20:18:53.000Z', expired: false } });
    const refreshed = await route(githubRefresh, options as never);
    expect(refreshed).toMatchObject({
      ok: true,
      value: { ok: false, changed: false, status: { source: 'embedded', rootVersion: 9, lastAttempt: { ok: false, code: 'TARGET_MISSING', reason: 'user' } } },
    });
    expect((refreshed as { value: { message: string } }).value.message).toMatch(/^Not refreshed: .* The trust material in use stays as it was\.$/);
    expect(gh.requested).toEqual([`${GITHUB_TUF_ORIGIN}/10.root.json`, `${GITHUB_TUF_ORIGIN}/timestamp.json`]);
    // Public-good's repository is not touched, and a message without `instance` is still about public-good.
    expect(repo.requests).toEqual([]);
    expect(await route({ type: 'trust/status' }, options as never)).toMatchObject({ ok: true, value: { source: 'embedded', rootVersion: 1 } });
  });

  it('is answered while Homebrew alone is on: its bottles are checked against the same root', async () => {
    const { route } = router({ githubTrust: githubTrust().trust, optionalRegistries: registries(registryOrigins(homebrewPage), ['homebrew']) });
    expect(await route(github, options as never)).toMatchObject({ ok: true, value: { source: 'embedded', rootVersion: 9 } });
  });

  it('a successful refresh says GitHub published the material', async () => {
    // GitHub's repository could not be recorded beyond its root: the recorded Sigstore repository stands in
    // (as in tests/trust/github-trust.test.ts) to take GitHub's profile through a refresh that succeeds.
    const sigstore = serve(REPO.current);
    let stored: unknown = {};
    const trust = githubTrustService({
      store: { read: async () => stored, write: async (r: TrustRecord) => void (stored = r) },
      fetch: sigstore.fetch,
      loadSeed: async () => ({ root: repoFile(REPO.older, '13.root.json'), targets: { trustedRoot: repoFile(REPO.older, 'targets/6a0c056d20e3e5a7c04f55c2d1f296e7e422edbbf73bf93d36fb8fd2bfe3fcce.trusted_root.json') } }),
      now: () => CLOCK.current,
    });
    const { route } = router({ githubTrust: trust, optionalRegistries: registries(registryOrigins(githubPage), ['github']) });
    expect(await route(githubRefresh, options as never)).toMatchObject({
      ok: true,
      value: { ok: true, changed: true, message: 'Refreshed: GitHub published new trust material, which is now in use.', status: { source: 'refreshed', rootVersion: 15 } },
    });
  });

  it('an instance that is not one is a bad request', async () => {
    const { route } = router({ githubTrust: githubTrust().trust, optionalRegistries: registries(registryOrigins(githubPage), ['github']) });
    expect(await route({ type: 'trust/status', instance: 'staging' }, options as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

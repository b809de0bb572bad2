import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '../../../lib/background/router';
import { VerdictService } from '../../../lib/background/verdict-service';
import { memoryAttestationCache } from '../../../lib/registries/github/attestation-cache';
import { githubRegistryWith } from '../../../lib/registries/github/registry';
import { githubTokenSchema } from '../../../lib/registries/github/token';
import { registryFor } from '../../../lib/registries/list';
import { registryClient } from '../../../lib/net/registry-fetch';
import { githubTokenItem } from '../../../lib/storage/items';
import { publicGoodTrust } from '../../../lib/verify/embedded-trust';
import { TrustService } from '../../../lib/trust/trust-service';
import { GITHUB_TRUST_PROFILE } from '../../../lib/trust/github-trust';
import { GITHUB_TRUST_SEED } from '../../support/github-seed';
import { BUNDLE_HOST_URL, CLI, DELME, FakeGithub, attestations, attestationsUrl, bundleText, release, releaseUrl, snappyOf } from './github-fixtures';

// Real: the delme bundle and artifact; shaped: the API answers (github-fixtures.ts).
const TOKEN = `ghp_${'A1b2C3d4'.repeat(5)}`;
const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const options = { id: 'abc', url: 'chrome-extension://abc/options.html' };
const contentScript = { id: 'abc', url: 'https://github.com/bdehamer/delme/releases/tag/v6', tab: { id: 7, url: 'https://github.com/bdehamer/delme/releases/tag/v6' } };

function githubTrustService() {
  let stored: unknown = {};
  return new TrustService({
    seed: GITHUB_TRUST_SEED,
    store: { read: async () => stored, write: async (r) => void (stored = r) },
    fetch: async () => {
      throw new Error('no TUF requests in this test');
    },
    profile: GITHUB_TRUST_PROFILE,
  });
}

describe('the GitHub token', () => {
  beforeEach(() => fakeBrowser.reset());

  it('goes, from storage.local through the registry\u2019s worker deps, only to api.github.com: not to the bundle host, nor to any other registry', async () => {
    await githubTokenItem.setValue(TOKEN);
    const digest = DELME.digest();
    const gh = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
      .json(attestationsUrl(DELME.owner, DELME.repo, digest), attestations({ bundle: null, bundle_url: BUNDLE_HOST_URL }))
      .bytes(BUNDLE_HOST_URL, snappyOf(bundleText(CLI, 'github_release_bundle.json')));
    const registry = githubRegistryWith(() => ({
      // As the worker's own deps do: the token read from storage, checked by its schema.
      client: async () => gh.client(githubTokenSchema.parse(await githubTokenItem.getValue())),
      cache: memoryAttestationCache(),
      trust: githubTrustService(),
    }));
    // Every other registry is fetched through the registry client, which has no token to send.
    const otherRequests: { url: string; headers: unknown }[] = [];
    const client = registryClient({
      fetchImpl: async (url, init) => {
        otherRequests.push({ url, headers: init?.headers });
        return new Response('{}', { status: 404 });
      },
    });
    const report = await registry.verifyRelease({ name: 'bdehamer/delme', version: 'v6' }, { client, trust: publicGoodTrust() });
    expect(report.status).toBe('verified');
    await registryFor('npm').verifyRelease({ name: 'sigstore', version: '1.0.0' }, { client, trust: publicGoodTrust() });

    const api = gh.calls.filter((c) => new URL(c.url).hostname === 'api.github.com');
    const elsewhere = gh.calls.filter((c) => new URL(c.url).hostname !== 'api.github.com');
    expect(api).toHaveLength(2);
    for (const c of api) expect(c.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.map((c) => new URL(c.url).hostname)).toEqual(['tmaproduction.blob.core.windows.net']);
    for (const c of elsewhere) expect([c.headers.authorization, c.credentials]).toEqual([undefined, 'omit']);
    expect(otherRequests.length).toBeGreaterThan(0);
    expect(JSON.stringify(otherRequests)).not.toContain(TOKEN);
  });

  it('is saved and removed only by the extension\u2019s pages, which learn back only whether one is set', async () => {
    const service = new VerdictService({
      verifyRelease: async () => {
        throw new Error('not used');
      },
      store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
    });
    const route = createRouter({
      ...EXT,
      service,
      setToolbar: async () => {},
      history: async () => {
        throw new Error('not used');
      },
      tabUrl: async () => undefined,
      refreshBadge: async () => {},
      openPopup: async () => {
        throw new Error('not used');
      },
      injectPanel: async () => {
        throw new Error('not used');
      },
      verifiedIdentities: async () => [],
    } as never);
    for (const request of [{ type: 'githubToken/status' }, { type: 'githubToken/save', token: TOKEN }]) {
      expect(await route(request, contentScript as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await githubTokenItem.getValue()).toBeNull();

    expect(await route({ type: 'githubToken/save', token: TOKEN }, options as never)).toEqual({ ok: true, value: { set: true } });
    expect(await githubTokenItem.getValue()).toBe(TOKEN);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    const status = await route({ type: 'githubToken/status' }, options as never);
    expect(status).toEqual({ ok: true, value: { set: true } });
    expect(JSON.stringify(status)).not.toContain(TOKEN);

    // Anything that could carry more than a token into a header is refused before it is stored.
    expect(await route({ type: 'githubToken/save', token: `${TOKEN}\r\nx-evil: 1` }, options as never)).toMatchObject({ ok: false });
    expect(await githubTokenItem.getValue()).toBe(TOKEN);

    expect(await route({ type: 'githubToken/save', token: null }, options as never)).toEqual({ ok: true, value: { set: false } });
    expect(await githubTokenItem.getValue()).toBeNull();
  });
});

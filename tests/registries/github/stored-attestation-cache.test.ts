import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storedAttestationCache } from '../../../lib/registries/github/stored-attestation-cache';
import { githubAttestationsItem } from '../../../lib/storage/items';
import { bundleText, CLI } from './github-fixtures';

// Real bundle text (github-fixtures.ts); the keys are shaped.
const BUNDLE = bundleText(CLI, 'github_release_bundle.json');
const AT = '2026-12-01T12:00:00.000Z';

describe('the stored attestation cache', () => {
  beforeEach(() => fakeBrowser.reset());

  it('survives a new cache over the same storage (a worker restart), and a later answer for a key replaces the earlier', async () => {
    await storedAttestationCache(githubAttestationsItem).set('a/b@sha256:1', { bundles: [], fetchedAt: AT });
    await storedAttestationCache(githubAttestationsItem).set('a/b@sha256:1', { bundles: [BUNDLE], fetchedAt: AT });
    expect(await storedAttestationCache(githubAttestationsItem).get('a/b@sha256:1')).toEqual({ bundles: [BUNDLE], fetchedAt: AT });
    expect(await storedAttestationCache(githubAttestationsItem).get('a/b@sha256:2')).toBeUndefined();
  });

  it('keeps the newest entries within the entry and byte limits; concurrent writes lose none', async () => {
    const cache = storedAttestationCache(githubAttestationsItem, { entries: 3, bytes: 3 * (BUNDLE.length + 200) });
    await Promise.all(['1', '2', '3', '4'].map((k) => cache.set(`a/b@sha256:${k}`, { bundles: [BUNDLE], fetchedAt: AT })));
    const kept = (await githubAttestationsItem.getValue()) as { key: string }[];
    expect(kept.map((e) => e.key)).toEqual(['a/b@sha256:2', 'a/b@sha256:3', 'a/b@sha256:4']);
    const small = storedAttestationCache(githubAttestationsItem, { entries: 10, bytes: BUNDLE.length + 200 });
    await small.set('a/b@sha256:5', { bundles: [BUNDLE], fetchedAt: AT });
    expect(((await githubAttestationsItem.getValue()) as { key: string }[]).map((e) => e.key)).toEqual(['a/b@sha256:5']);
  });

  it('skips stored entries that do not parse, and reads a stored value that is not a list as empty', async () => {
    await githubAttestationsItem.setValue([{ key: 'a/b@sha256:1', bundles: 'not a list', fetchedAt: AT }, { key: 'a/b@sha256:2', bundles: [], fetchedAt: AT }]);
    const cache = storedAttestationCache(githubAttestationsItem);
    expect(await cache.get('a/b@sha256:1')).toBeUndefined();
    expect(await cache.get('a/b@sha256:2')).toEqual({ bundles: [], fetchedAt: AT });
    await githubAttestationsItem.setValue({ oops: true });
    expect(await cache.get('a/b@sha256:2')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { githubEarlierTags, MAX_RELEASE_PAGES } from '../../../lib/registries/github/history';
import { githubPage } from '../../../lib/registries/github/page';
import { githubRegistry } from '../../../lib/registries/github/registry';
import { API, FakeGithub } from './github-fixtures';

describe('GitHub releases as a descriptor', () => {
  it.each([
    ['github.com', '/sigstore/cosign/releases/tag/v2.4.1', { ecosystem: 'github', package: 'sigstore/cosign', version: 'v2.4.1' }],
    ['github.com', '/sigstore/cosign/releases/latest', { ecosystem: 'github', package: 'sigstore/cosign' }],
    ['github.com', '/org/repo/releases/tag/release%2F1.0', { ecosystem: 'github', package: 'org/repo', version: 'release/1.0' }],
    ['github.com', '/sigstore/cosign/releases', null],
    ['github.com', '/sigstore/cosign', null],
    ['github.com', '/sigstore/cosign/releases/tag/..', null],
    ['gist.github.com', '/sigstore/cosign/releases/tag/v1', null],
  ])('%s%s → %o', (hostname, pathname, expected) => {
    expect(githubPage.detect({ hostname, pathname })).toEqual(expected);
  });

  it('names a package owner/repo, compared case-insensitively as GitHub does', () => {
    expect(githubPage.isValidName('sigstore/cosign')).toBe(true);
    for (const bad of ['sigstore', 'sigstore/cosign/x', '-x/y', 'a/..']) expect(githubPage.isValidName(bad)).toBe(false);
    expect(githubPage.normalizeName('Sigstore/Cosign')).toBe('sigstore/cosign');
  });

  it('compares tags within a semver line where they parse, v-prefixed too', () => {
    expect(githubRegistry.versionLine('v2.4.1')).toBe('2');
    expect(githubRegistry.versionLine('0.3.1')).toBe('0.3');
    expect(githubRegistry.versionLine('nightly')).toBeUndefined();
  });
});

describe('githubEarlierTags (shaped releases list)', () => {
  const list = [
    { tag_name: 'v3.0.0', published_at: '2026-03-01T00:00:00Z' },
    { tag_name: 'v2.1.0-draft', draft: true, published_at: null },
    { tag_name: 'v1.0.1', published_at: '2026-02-15T00:00:00Z' },
    { tag_name: 'v2.0.0', published_at: '2026-02-01T00:00:00Z' },
    { tag_name: 'v1.0.0', published_at: '2026-01-01T00:00:00Z' },
  ];
  const gh = new FakeGithub().json(`${API}/repos/o/r/releases?per_page=100`, list);

  it('lists published releases before the tag, newest first by publish time (a backport after 2.0.0 comes first), without drafts', async () => {
    expect((await githubEarlierTags(gh.client(), { owner: 'o', repo: 'r' }, 'v3.0.0', 10)).map((e) => e.version)).toEqual(['v1.0.1', 'v2.0.0', 'v1.0.0']);
    expect(await githubEarlierTags(gh.client(), { owner: 'o', repo: 'r' }, 'v2.0.0', 1)).toEqual([{ version: 'v1.0.0', publishedAt: '2026-01-01T00:00:00Z' }]);
    expect(await githubEarlierTags(gh.client(), { owner: 'o', repo: 'r' }, 'v9', 10)).toEqual([]);
  });
});

describe('githubEarlierTags beyond the first page of 100 releases', () => {
  // Shaped: release n published on day n of 2020 onwards, listed newest first, 100 a page.
  const release = (n: number) => ({ tag_name: `v1.0.${n}`, published_at: new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString() });
  const pages = (total: number) => {
    const all = Array.from({ length: total }, (_, i) => release(total - 1 - i));
    const gh = new FakeGithub();
    for (let p = 1; p * 100 - 100 < total; p++) {
      const url = `${API}/repos/o/r/releases?per_page=100${p === 1 ? '' : `&page=${p}`}`;
      gh.json(url, all.slice((p - 1) * 100, p * 100));
    }
    return { client: gh.client(), asked: gh.calls };
  };
  const tags = (list: { version: string }[]) => list.map((e) => e.version);

  it('finds an old tag on a later page, and the releases before it across the page boundary', async () => {
    const { client, asked } = pages(350);
    // v1.0.51 is the next-to-last release of page 3; of the three before it, 50 ends page 3, 49 and 48 open page 4.
    expect(tags(await githubEarlierTags(client, { owner: 'o', repo: 'r' }, 'v1.0.51', 3))).toEqual(['v1.0.50', 'v1.0.49', 'v1.0.48']);
    expect(asked).toHaveLength(4);
  });

  it('reads only as many pages as it needs: a recent tag costs one request', async () => {
    const { client, asked } = pages(350);
    expect(tags(await githubEarlierTags(client, { owner: 'o', repo: 'r' }, 'v1.0.349', 2))).toEqual(['v1.0.348', 'v1.0.347']);
    expect(asked).toHaveLength(1);
  });

  it('stops at the end of the list, and after MAX_RELEASE_PAGES pages: an older tag has no history here', async () => {
    const short = pages(150);
    expect(await githubEarlierTags(short.client, { owner: 'o', repo: 'r' }, 'v9.9.9', 10)).toEqual([]);
    expect(short.asked).toHaveLength(2);
    const long = pages(MAX_RELEASE_PAGES * 100 + 50);
    expect(await githubEarlierTags(long.client, { owner: 'o', repo: 'r' }, 'v1.0.0', 10)).toEqual([]);
    expect(long.asked).toHaveLength(MAX_RELEASE_PAGES);
  });
});

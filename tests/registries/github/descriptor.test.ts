import { describe, expect, it } from 'vitest';
import { githubEarlierTags } from '../../../lib/registries/github/history';
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

import { describe, expect, it } from 'vitest';
import { attestationsApiUrl, isValidTag, parseGithubReleaseUrl, releaseApiUrl, releasePageUrl } from '../../../lib/registries/github/page';

describe('parseGithubReleaseUrl', () => {
  it.each([
    ['https://github.com/sigstore/cosign/releases/tag/v2.4.1', { owner: 'sigstore', repo: 'cosign', tag: 'v2.4.1' }],
    ['https://github.com/sigstore/cosign/releases/tag/v2.4.1/', { owner: 'sigstore', repo: 'cosign', tag: 'v2.4.1' }],
    ['https://github.com/sigstore/cosign/releases/latest', { owner: 'sigstore', repo: 'cosign' }],
    ['https://github.com/sigstore/cosign/releases/latest?x=1#assets', { owner: 'sigstore', repo: 'cosign' }],
    ['https://github.com/org/repo.js/releases/tag/release%2F1.0', { owner: 'org', repo: 'repo.js', tag: 'release/1.0' }],
    ['https://github.com/org/repo/releases/tag/release/1.0', { owner: 'org', repo: 'repo', tag: 'release/1.0' }],
    ['https://github.com/jdx/communique/releases/tag/v0.1.9', { owner: 'jdx', repo: 'communique', tag: 'v0.1.9' }],
    ['https://github.com/o/r/releases/tag/%40scope%2Fpkg%401.0.0', { owner: 'o', repo: 'r', tag: '@scope/pkg@1.0.0' }],
  ])('%s is a release page', (url, ref) => {
    expect(parseGithubReleaseUrl(url)).toEqual(ref);
  });

  it.each([
    'https://github.com/sigstore/cosign',
    'https://github.com/sigstore/cosign/releases',
    'https://github.com/sigstore/cosign/releases/tag/',
    'https://github.com/sigstore/cosign/releases/latest/download/x',
    'https://github.com/sigstore/cosign/releases/download/v1/x.tgz',
    'http://github.com/sigstore/cosign/releases/tag/v1',
    'https://github.com:8443/sigstore/cosign/releases/tag/v1',
    'https://gist.github.com/sigstore/cosign/releases/tag/v1',
    'https://github.com.evil.example/sigstore/cosign/releases/tag/v1',
    'https://github.com/-x/cosign/releases/tag/v1',
    'https://github.com/x/../releases/tag/v1',
    'https://github.com/x/y/releases/tag/a..b',
    'https://github.com/x/y/releases/tag/%E0%A4%A',
    'https://github.com/x/y/releases/tag/a%20b',
    'not a url',
  ])('%s is not', (url) => {
    expect(parseGithubReleaseUrl(url)).toBeUndefined();
  });
});

describe('isValidTag (git ref-name rules)', () => {
  it.each(['v1', 'v1.2.3-rc.1', 'release/2024-01', '@scope/pkg@1.0.0', 'x'.repeat(255)])('%s is a tag', (t) => expect(isValidTag(t)).toBe(true));
  it.each(['', '-v1', 'v1/', '/v1', 'v1.', 'v1.lock', 'a..b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', 'a@{1}', '@', 'a//b', '.hidden', 'a/.b', 'x'.repeat(256), 'a\u0001'])(
    '%j is not',
    (t) => expect(isValidTag(t)).toBe(false),
  );
});

describe('URLs', () => {
  it('builds page and API URLs, encoding the tag', () => {
    expect(releasePageUrl({ owner: 'o', repo: 'r', tag: 'release/1.0' })).toBe('https://github.com/o/r/releases/tag/release/1.0');
    expect(releasePageUrl({ owner: 'o', repo: 'r' })).toBe('https://github.com/o/r/releases/latest');
    expect(releaseApiUrl({ owner: 'o', repo: 'r', tag: 'release/1.0' })).toBe('https://api.github.com/repos/o/r/releases/tags/release%2F1.0');
    expect(releaseApiUrl({ owner: 'o', repo: 'r' })).toBe('https://api.github.com/repos/o/r/releases/latest');
    expect(attestationsApiUrl({ owner: 'o', repo: 'r' }, 'ab'.repeat(32))).toBe(`https://api.github.com/repos/o/r/attestations/sha256:${'ab'.repeat(32)}?per_page=100`);
  });

  it('round-trips every page it builds', () => {
    for (const ref of [{ owner: 'o', repo: 'r', tag: 'release/1.0' }, { owner: 'o', repo: 'r' }, { owner: 'o', repo: 'r', tag: '@s/p@1' }]) {
      expect(parseGithubReleaseUrl(releasePageUrl(ref))).toEqual(ref);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { safeLink } from '../../lib/ui/safe-link';

describe('safeLink', () => {
  it.each([
    ['https://github.com/sigstore/sigstore-js', 'https://github.com/sigstore/sigstore-js'],
    ['https://gitlab.com/group/sub/project', 'https://gitlab.com/group/sub/project'],
    ['https://search.sigstore.dev/?logIndex=123', 'https://search.sigstore.dev/?logIndex=123'],
    ['https://pypi.org/project/sampleproject/', 'https://pypi.org/project/sampleproject/'],
    ['https://www.npmjs.com/package/sigstore', 'https://www.npmjs.com/package/sigstore'],
    ['https://GitHub.com/a/b', 'https://github.com/a/b'],
    ['https://github.com/a/b/blob/abc/.github/workflows/x y.yml', 'https://github.com/a/b/blob/abc/.github/workflows/x%20y.yml'],
  ])('links %s', (url, expected) => {
    expect(safeLink(url)).toBe(expected);
  });

  it.each([
    'http://github.com/a/b',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'chrome-extension://abc/popup.html',
    'https://github.com.evil.example/a/b',
    'https://evil.example/github.com',
    'https://github.com@evil.example/',
    'https://user:pass@github.com/a/b',
    'https://github.com:8443/a/b',
    'https://npmjs.com/package/x',
    'https://registry.npmjs.org/x',
    'https://gist.github.com/x',
    '//github.com/a/b',
    '/relative/path',
    'not a url',
    '',
    `https://github.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(safeLink(url)).toBeUndefined();
  });

  it('refuses absent values', () => {
    expect(safeLink(undefined)).toBeUndefined();
    expect(safeLink(null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { contractPackageName, detectPackagePage, samePage } from '../../lib/pages/detect';
import { npmPage } from '../../lib/registries/npm/page';
import { pypiPage } from '../../lib/registries/pypi/page';

const detectPypiPage = pypiPage.detect;
const detectNpmPage = npmPage.detect;
import { packagePageSchema, type PackagePage } from '../../lib/pages/package-page';

const at = (url: string) => detectPackagePage(new URL(url));

describe('detectPackagePage: pages that show a release', () => {
  it.each<[string, PackagePage]>([
    // pypi.org: /project/<name>/ and /project/<name>/<version>/
    ['https://pypi.org/project/sampleproject/', { ecosystem: 'pypi', package: 'sampleproject' }],
    ['https://pypi.org/project/sampleproject', { ecosystem: 'pypi', package: 'sampleproject' }],
    ['https://pypi.org/project/sampleproject/4.0.0/', { ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0' }],
    ['https://pypi.org/project/sampleproject/4.0.0', { ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0' }],
    ['https://pypi.org/project/Flask_SQLAlchemy/3.1.1/#files', { ecosystem: 'pypi', package: 'Flask_SQLAlchemy', version: '3.1.1' }],
    ['https://pypi.org/project/zope.interface/7.0.1/?x=1', { ecosystem: 'pypi', package: 'zope.interface', version: '7.0.1' }],
    ['https://pypi.org/project/torch/2.5.0rc1/', { ecosystem: 'pypi', package: 'torch', version: '2.5.0rc1' }],
    ['https://pypi.org/project/pkg/1.0.0%2Blocal.1/', { ecosystem: 'pypi', package: 'pkg', version: '1.0.0+local.1' }],
    ['https://pypi.org/project/pkg/1!2.0.post1.dev3/', { ecosystem: 'pypi', package: 'pkg', version: '1!2.0.post1.dev3' }],
    // www.npmjs.com: /package/<name>, /package/@scope/<name>, .../v/<version>
    ['https://www.npmjs.com/package/sigstore', { ecosystem: 'npm', package: 'sigstore' }],
    ['https://www.npmjs.com/package/sigstore?activeTab=versions', { ecosystem: 'npm', package: 'sigstore' }],
    ['https://www.npmjs.com/package/@sigstore/verify', { ecosystem: 'npm', package: '@sigstore/verify' }],
    ['https://www.npmjs.com/package/@sigstore/verify?activeTab=code', { ecosystem: 'npm', package: '@sigstore/verify' }],
    ['https://www.npmjs.com/package/sigstore/v/3.0.0', { ecosystem: 'npm', package: 'sigstore', version: '3.0.0' }],
    ['https://www.npmjs.com/package/sigstore/v/3.0.0?activeTab=dependencies', { ecosystem: 'npm', package: 'sigstore', version: '3.0.0' }],
    ['https://www.npmjs.com/package/@scope/name/v/1.0.0-beta.1+build.5', { ecosystem: 'npm', package: '@scope/name', version: '1.0.0-beta.1+build.5' }],
    ['https://www.npmjs.com/package/@scope/name/v/1.0.0-rc.1', { ecosystem: 'npm', package: '@scope/name', version: '1.0.0-rc.1' }],
    ['https://www.npmjs.com/package/%40scope%2Fname', { ecosystem: 'npm', package: '@scope/name' }],
    ['https://www.npmjs.com/package/%40sigstore/verify', { ecosystem: 'npm', package: '@sigstore/verify' }],
    ['https://www.npmjs.com/package/%40sigstore/verify/v/1.0.0', { ecosystem: 'npm', package: '@sigstore/verify', version: '1.0.0' }],
    ['https://www.npmjs.com/package/@sigstore%2Fverify', { ecosystem: 'npm', package: '@sigstore/verify' }],
    ['https://www.npmjs.com/package/@sigstore%2fverify/v/1.0.0', { ecosystem: 'npm', package: '@sigstore/verify', version: '1.0.0' }],
    ['https://www.npmjs.com/package/JSONStream', { ecosystem: 'npm', package: 'JSONStream' }],
    ['https://www.npmjs.com/package/lodash.merge/v/4.6.2#readme', { ecosystem: 'npm', package: 'lodash.merge', version: '4.6.2' }],
  ])('%s', (url, expected) => {
    const page = at(url);
    expect(page).toEqual(expected);
    // What detection returns must be sendable: the protocol parses it at the worker.
    expect(packagePageSchema.safeParse(page).success).toBe(true);
  });
});

describe('detectPackagePage: everything else', () => {
  it.each([
    'https://pypi.org/',
    'https://pypi.org/project/',
    'https://pypi.org/project//',
    'https://pypi.org/search/?q=requests',
    'https://pypi.org/project/sampleproject/4.0.0/extra/',
    'https://pypi.org/p/sampleproject/',
    'https://pypi.org/pypi/sampleproject/json',
    'https://pypi.org/simple/sampleproject/',
    'https://pypi.org/project/-bad-/',
    'https://pypi.org/project/%E2%9C%93/',
    'https://pypi.org/project/%ZZ/',
    'https://test.pypi.org/project/sampleproject/',
    'https://pypi.org.evil.example/project/sampleproject/',
    'https://www.npmjs.com/',
    'https://www.npmjs.com/search?q=sigstore',
    'https://www.npmjs.com/package/',
    'https://www.npmjs.com/package/@scope',
    'https://www.npmjs.com/package/@scope/',
    'https://www.npmjs.com/package/%40scope',
    'https://www.npmjs.com/package/%40scope%2F',
    'https://www.npmjs.com/package/%40evil%2F..%2Fx',
    'https://www.npmjs.com/package/@evil%2F..',
    'https://www.npmjs.com/package/sigstore/access',
    'https://www.npmjs.com/package/sigstore/v/',
    'https://www.npmjs.com/package/sigstore/v/1.0.0/extra',
    'https://www.npmjs.com/package/.hidden',
    'https://www.npmjs.com/package/_private',
    'https://www.npmjs.com/package/sigstore/v/1.0.0%20beta',
    'https://www.npmjs.com/~someone',
    'https://npmjs.com/package/sigstore',
    'https://registry.npmjs.org/sigstore',
    'https://github.com/sigstore/sigstore-js',
  ])('%s', (url) => {
    expect(at(url)).toBeNull();
  });
});

describe('per-site detectors', () => {
  it('each only answers for its own host', () => {
    expect(detectPypiPage(new URL('https://www.npmjs.com/package/sigstore'))).toBeNull();
    expect(detectNpmPage(new URL('https://pypi.org/project/sigstore/'))).toBeNull();
    expect(detectPypiPage(new URL('https://pypi.org/project/sigstore/'))).toEqual({ ecosystem: 'pypi', package: 'sigstore' });
    expect(detectNpmPage(new URL('https://www.npmjs.com/package/sigstore'))).toEqual({ ecosystem: 'npm', package: 'sigstore' });
  });

  it('accepts a Location-like object (only hostname and pathname are read)', () => {
    expect(detectPackagePage({ hostname: 'pypi.org', pathname: '/project/Requests/2.32.3/' })).toEqual({
      ecosystem: 'pypi',
      package: 'Requests',
      version: '2.32.3',
    });
  });
});

describe('contractPackageName', () => {
  it.each<[PackagePage, string]>([
    [{ ecosystem: 'pypi', package: 'Flask_SQLAlchemy' }, 'flask-sqlalchemy'],
    [{ ecosystem: 'pypi', package: 'zope.interface' }, 'zope-interface'],
    [{ ecosystem: 'pypi', package: 'A__b--C..d' }, 'a-b-c-d'],
    [{ ecosystem: 'npm', package: '@Scope/Name' }, '@Scope/Name'],
    [{ ecosystem: 'npm', package: 'lodash.merge' }, 'lodash.merge'],
  ])('%j → %s', (page, expected) => {
    expect(contractPackageName(page)).toBe(expected);
  });
});

describe('samePage', () => {
  it.each<[string, string, boolean]>([
    ['https://www.npmjs.com/package/sigstore', 'https://www.npmjs.com/package/sigstore?activeTab=versions', true],
    ['https://pypi.org/project/Foo_Bar/1.0/', 'https://pypi.org/project/foo-bar/1.0/#files', true],
    ['https://www.npmjs.com/package/sigstore', 'https://www.npmjs.com/package/sigstore/v/3.0.0', false],
    ['https://www.npmjs.com/package/sigstore/v/3.0.0', 'https://www.npmjs.com/package/sigstore/v/3.0.1', false],
    ['https://www.npmjs.com/package/sigstore', 'https://www.npmjs.com/package/@sigstore/verify', false],
    ['https://www.npmjs.com/package/sigstore', 'https://www.npmjs.com/search?q=x', false],
    ['https://www.npmjs.com/search?q=a', 'https://www.npmjs.com/search?q=b', true],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(samePage(at(a), at(b))).toBe(expected);
  });
});

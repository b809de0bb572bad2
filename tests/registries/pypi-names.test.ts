import { describe, expect, it } from 'vitest';
import {
  integrityUrl,
  jsonApiUrl,
  normalizeProjectName,
  parseDistFilename,
  parsePypiProjectPath,
  sameDistribution,
} from '../../lib/registries/pypi';
import { versionKey, versionsEqual } from '../../lib/registries/pypi/version';

describe('normalizeProjectName (PEP 503)', () => {
  it.each([
    ['Django', 'django'],
    ['pypi_attestations', 'pypi-attestations'],
    ['Foo.Bar__baz', 'foo-bar-baz'],
    ['a-_.b', 'a-b'],
    ['zope.interface', 'zope-interface'],
    ['sampleproject', 'sampleproject'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizeProjectName(name)).toBe(normalized);
  });
});

describe('parsePypiProjectPath', () => {
  it.each([
    ['/project/sampleproject/', { name: 'sampleproject' }],
    ['/project/sampleproject', { name: 'sampleproject' }],
    ['/project/pypi-attestations/0.0.19/', { name: 'pypi-attestations', version: '0.0.19' }],
    ['/project/pypi-attestations/0.0.19', { name: 'pypi-attestations', version: '0.0.19' }],
    ['/project/Django/5.1rc1/', { name: 'Django', version: '5.1rc1' }],
    ['/project/foo/1!2.0.post1.dev3/', { name: 'foo', version: '1!2.0.post1.dev3' }],
    ['/project/zope.interface/7.2/', { name: 'zope.interface', version: '7.2' }],
    ['/project/foo/1.0%2Bcpu/', { name: 'foo', version: '1.0+cpu' }],
  ])('%s', (path, expected) => {
    expect(parsePypiProjectPath(path)).toEqual(expected);
  });

  it.each([
    '/',
    '/project/',
    '/project//',
    '/p/sampleproject/',
    '/pypi/sampleproject/json',
    '/simple/sampleproject/',
    '/project/sampleproject/1.0/extra/',
    '/project/-bad/',
    '/project/bad-/',
    '/project/with space/',
    '/project/foo/%2E%2E/',
    '/project/foo/1.0%2Fx/',
    '/project/foo/%E0%A4%A/',
    '/search/?q=x',
  ])('%s is not a project page', (path) => {
    expect(parsePypiProjectPath(path)).toBeNull();
  });
});

describe('API URLs', () => {
  it('asks the JSON API with the normalized name (warehouse redirects otherwise)', () => {
    expect(jsonApiUrl('Pypi_Attestations')).toBe('https://pypi.org/pypi/pypi-attestations/json');
    expect(jsonApiUrl('Pypi_Attestations', '0.0.19')).toBe('https://pypi.org/pypi/pypi-attestations/0.0.19/json');
  });

  it('builds Integrity API URLs the way the simple index links them', () => {
    expect(integrityUrl('pypi_attestations', '0.0.19', 'pypi_attestations-0.0.19.tar.gz')).toBe(
      'https://pypi.org/integrity/pypi-attestations/0.0.19/pypi_attestations-0.0.19.tar.gz/provenance',
    );
    expect(integrityUrl('foo', '1!1.0', 'foo-1!1.0-py3-none-any.whl')).toBe(
      'https://pypi.org/integrity/foo/1!1.0/foo-1!1.0-py3-none-any.whl/provenance',
    );
  });

  it('refuses path segments that would leave the route', () => {
    expect(() => integrityUrl('foo', '..', 'x.whl')).toThrow(RangeError);
    expect(() => integrityUrl('foo', '1.0', '.')).toThrow(RangeError);
    expect(integrityUrl('foo', '1.0', 'a/b.whl')).toContain('/a%2Fb.whl/');
  });
});

describe('PEP 440 version equality', () => {
  it.each([
    ['1.0', '1.0.0'],
    ['1.0', '1'],
    ['1.0-alpha1', '1.0a1'],
    ['1.0.ALPHA.1', '1.0a1'],
    ['1.0c1', '1.0rc1'],
    ['1.0-preview-2', '1.0rc2'],
    ['1.0a', '1.0a0'],
    ['1.0-1', '1.0.post1'],
    ['1.0-r1', '1.0.post1'],
    ['1.0.rev', '1.0.post0'],
    ['1.0dev', '1.0.dev0'],
    ['v1.0', '1.0'],
    ['0!1.0', '1.0'],
    ['01.002', '1.2'],
    ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+abc.007', '1.0+abc.7'],
    ['0.0.4a2', '0.0.4a2'],
  ])('%s == %s', (a, b) => {
    expect(versionsEqual(a, b)).toBe(true);
  });

  it.each([
    ['1.0', '1.0.1'],
    ['1.0a1', '1.0b1'],
    ['1.0', '1.0.post0'],
    ['1.0', '1.0.dev0'],
    ['1!1.0', '1.0'],
    ['1.0+local', '1.0'],
    ['0.0.19', '0.0.18'],
  ])('%s != %s', (a, b) => {
    expect(versionsEqual(a, b)).toBe(false);
  });

  it.each(['', 'one', '1.0-', '1..0', '1.0+', '1.0+a..b', '2004d', '1.0b1b2'])('%s is not PEP 440', (v) => {
    expect(versionKey(v)).toBeUndefined();
  });
});

describe('distribution filenames (PyPI subject normalization)', () => {
  it('parses wheels and sdists', () => {
    expect(parseDistFilename('rfc8785-0.1.2-py3-none-any.whl')).toEqual({
      kind: 'wheel',
      name: 'rfc8785',
      version: '0!0.1.2',
      build: undefined,
      tags: new Set(['py3-none-any']),
    });
    expect(parseDistFilename('pypi_attestations-0.0.19.tar.gz')).toEqual({
      kind: 'sdist',
      name: 'pypi-attestations',
      version: '0!0.0.19',
      extension: '.tar.gz',
    });
  });

  it.each([
    // The real upload that pypi-attestations 0.0.26 rejected and 0.0.27 accepts (warehouse PR #18221).
    ['spt3g-1.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl', 'spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'],
    ['foo-1.0-py2.py3-none-any.whl', 'foo-1.0-py3.py2-none-any.whl'],
    ['foo-1.0-cp312-abi3-macosx_11_0_arm64.macosx_10_9_x86_64.whl', 'foo-1.0-cp312-abi3-macosx_10_9_x86_64.macosx_11_0_arm64.whl'],
    ['Foo.Bar-1.0-py3-none-any.whl', 'foo_bar-1.0-py3-none-any.whl'],
    ['foo-1.0-PY3-None-Any.whl', 'foo-1.0-py3-none-any.whl'],
    ['foo-1.0.0-py3-none-any.whl', 'foo-1.0-py3-none-any.whl'],
    ['foo-1.0-01-py3-none-any.whl', 'foo-1.0-1-py3-none-any.whl'],
    ['Pypi.Attestations-0.0.19.tar.gz', 'pypi_attestations-0.0.19.tar.gz'],
    ['pypi_attestation_models-0.0.4.ALPHA.2.tar.gz', 'pypi_attestation_models-0.0.4a2.tar.gz'],
  ])('%s is %s', (a, b) => {
    expect(sameDistribution(a, b)).toBe(true);
    expect(sameDistribution(b, a)).toBe(true);
  });

  it.each([
    ['foo-1.0-py2.py3-none-any.whl', 'foo-1.0-py3-none-any.whl'],
    ['foo-1.0-cp310-cp310-manylinux_2_17_x86_64.whl', 'foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl'],
    ['foo-1.0-1-py3-none-any.whl', 'foo-1.0-py3-none-any.whl'],
    ['foo-1.0-1a-py3-none-any.whl', 'foo-1.0-1b-py3-none-any.whl'],
    ['foo-1.0-py3-none-any.whl', 'foo-1.0.tar.gz'],
    ['foo-1.0.tar.gz', 'foo-1.0.zip'],
    ['foo-1.0.tar.gz', 'foo-1.1.tar.gz'],
    ['foo-1.0.tar.gz', 'foobar-1.0.tar.gz'],
    ['pypi_attestations-0.0.19.tar.gz', 'pypi_attestations-0.0.18.tar.gz'],
    ['foo-1.0.tar.gz', 'foo-1.0.tar.bz2'],
    ['foo-1.0.TAR.GZ', 'foo-1.0.TAR.GZ'],
  ])('%s is not %s', (a, b) => {
    expect(sameDistribution(a, b)).toBe(false);
  });

  it.each([
    'foo.whl',
    'foo-1.0-py3-none.whl',
    'foo-1.0-1-2-py3-none-any.whl',
    'foo__bar-1.0-py3-none-any.whl',
    'foo-bad-py3-none-any.whl',
    'foo-1.0-x1-py3-none-any.whl',
    'foo-1.0-py3..py2-none-any.whl',
    'foo.tar.gz',
    '-1.0.tar.gz',
    'foo-1.0.egg',
    'foo-1.0.exe',
  ])('%s is not a wheel or sdist filename', (name) => {
    expect(() => parseDistFilename(name)).toThrow();
  });
});

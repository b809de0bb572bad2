import { describe, expect, it } from 'vitest';
import { attestationsUrl, npmPurl, packumentUrl, parseNpmPackagePath } from '../../lib/registries/npm';
import { escapedName, isValidPackageName, isValidVersion, versionManifestUrl } from '../../lib/registries/npm/names';
import { sha512HexFromIntegrity } from '../../lib/registries/npm/schema';
import { ProvenantError } from '../../lib/errors/provenant-error';

describe('npm names and URLs', () => {
  it.each([
    ['sigstore', '1.0.0', 'pkg:npm/sigstore@1.0.0'],
    // npm-package-arg toPurl: only the leading @ is escaped, the slash stays.
    ['@sigstore/verify', '4.1.3', 'pkg:npm/%40sigstore/verify@4.1.3'],
    ['@laurentsimon/provenance-npm-test', '1.0.0', 'pkg:npm/%40laurentsimon/provenance-npm-test@1.0.0'],
    ['next', '15.0.0-canary.1', 'pkg:npm/next@15.0.0-canary.1'],
  ])('npmPurl(%s, %s) = %s', (name, version, purl) => {
    expect(npmPurl(name, version)).toBe(purl);
  });

  it('escapes the scope slash as npm-package-arg escapedName does (lower-case %2f)', () => {
    expect(escapedName('@sigstore/verify')).toBe('@sigstore%2fverify');
    expect(packumentUrl('@sigstore/verify')).toBe('https://registry.npmjs.org/@sigstore%2fverify');
    expect(packumentUrl('left-pad')).toBe('https://registry.npmjs.org/left-pad');
    expect(attestationsUrl('@sigstore/verify', '4.1.3')).toBe('https://registry.npmjs.org/-/npm/v1/attestations/@sigstore%2fverify@4.1.3');
    expect(attestationsUrl('sigstore', '1.0.0')).toBe('https://registry.npmjs.org/-/npm/v1/attestations/sigstore@1.0.0');
    expect(versionManifestUrl('@sigstore/verify', 'latest')).toBe('https://registry.npmjs.org/@sigstore%2fverify/latest');
  });

  it('refuses to build URLs from names or versions that would change the path', () => {
    expect(() => packumentUrl('../x')).toThrow(TypeError);
    expect(() => packumentUrl('@a/b/c')).toThrow(TypeError);
    expect(() => attestationsUrl('x', '1.0.0/../../y')).toThrow(TypeError);
    expect(() => attestationsUrl('x', '1.0.0?x=1')).toThrow(TypeError);
    expect(() => npmPurl('x', '')).toThrow(TypeError);
  });

  it.each([
    ['react', true],
    ['@types/node', true],
    ['JSONStream', true], // pre-2017 capitals
    ['lodash.debounce', true],
    ['', false],
    ['.hidden', false],
    ['_private', false],
    ['@scope', false],
    ['@scope/', false],
    ['@/name', false],
    ['a b', false],
    ['a/b', false],
    ['x'.repeat(215), false],
  ])('isValidPackageName(%j) = %s', (name, ok) => {
    expect(isValidPackageName(name)).toBe(ok);
  });

  it.each([
    ['1.0.0', true],
    ['1.0.0-beta.1+build.5', true],
    ['0.0.1-alpha.4', true],
    ['latest', true], // a dist-tag has the same shape; lookup decides
    ['', false],
    ['-1', false],
    ['1.0.0 ', false],
    ['1.0.0/x', false],
    ['1.0.0#x', false],
  ])('isValidVersion(%j) = %s', (version, ok) => {
    expect(isValidVersion(version)).toBe(ok);
  });
});

describe('parseNpmPackagePath (www.npmjs.com location.pathname)', () => {
  it.each([
    ['/package/react', { name: 'react' }],
    ['/package/react/', { name: 'react' }],
    ['/package/@types/node', { name: '@types/node' }],
    ['/package/react/v/18.2.0', { name: 'react', version: '18.2.0' }],
    ['/package/@sigstore/verify/v/4.1.3', { name: '@sigstore/verify', version: '4.1.3' }],
    ['/package/@scope/name/v/1.0.0-beta.1+build.5', { name: '@scope/name', version: '1.0.0-beta.1+build.5' }],
    ['/package/x/v/1.0.0-rc.1', { name: 'x', version: '1.0.0-rc.1' }],
    ['/package/x/v/1.0.0%2Bsha.abc', { name: 'x', version: '1.0.0+sha.abc' }],
    ['/package/JSONStream', { name: 'JSONStream' }],
  ])('%s → %j', (pathname, ref) => {
    expect(parseNpmPackagePath(pathname)).toEqual(ref);
  });

  it.each([
    '/',
    '/search',
    '/package',
    '/package/',
    '/package/@scope',
    '/package/@scope/',
    '/package/react/access',
    '/package/react/v',
    '/package/react/v/',
    '/package/react/v/1.0.0/extra',
    '/package/@scope/name/access',
    '/package/.hidden',
    '/package/%E0%A4%A',
    '/package/x/v/%E0%A4%A',
    '/package/x/v/1.0.0%2F..',
    '/settings/someone/packages',
    '/~someone',
  ])('%s → null', (pathname) => {
    expect(parseNpmPackagePath(pathname)).toBeNull();
  });
});

describe('sha512HexFromIntegrity', () => {
  const sri = 'sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqYD0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==';
  const hex = '7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36';

  it('converts the SRI base64 to the hex npm signs as the subject digest', () => {
    expect(sha512HexFromIntegrity(sri)).toBe(hex);
    expect(sha512HexFromIntegrity(`sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc= ${sri}`)).toBe(hex);
    expect(sha512HexFromIntegrity(`${sri}?foo ${sri}`)).toBe(hex);
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc=', 'no sha512'],
    ['sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', 'no sha512'],
    ['sha512-AAAA', 'malformed'],
    ['sha512-' + '!'.repeat(86) + '==', 'malformed'],
    [`${sri} sha512-${Buffer.alloc(64).toString('base64')}`, 'two different'],
  ])('%j → INTEGRITY_UNSUPPORTED (%s)', (value, why) => {
    let error: unknown;
    try {
      sha512HexFromIntegrity(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProvenantError);
    expect((error as ProvenantError).code).toBe('INTEGRITY_UNSUPPORTED');
    expect((error as ProvenantError).detail).toContain(why);
  });
});

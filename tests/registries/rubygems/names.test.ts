import { describe, expect, it } from 'vitest';
import {
  attestationsUrl,
  gemFileName,
  isValidGemName,
  isValidGemVersion,
  parseRubygemsPage,
  parseVersionSlug,
  versionSlug,
  versionsUrl,
} from '../../../lib/registries/rubygems/names';

describe('parseRubygemsPage', () => {
  it.each([
    ['https://rubygems.org/gems/sigstore', { name: 'sigstore' }],
    ['https://rubygems.org/gems/sigstore/', { name: 'sigstore' }],
    ['https://rubygems.org/gems/sigstore?locale=de#versions', { name: 'sigstore' }],
    ['https://rubygems.org/gems/sigstore/versions/0.2.3', { name: 'sigstore', version: '0.2.3' }],
    ['https://rubygems.org/gems/io-console/versions/0.8.0-java', { name: 'io-console', version: '0.8.0', platform: 'java' }],
    ['https://rubygems.org/gems/google-protobuf/versions/33.0.0.1.0-arm64-darwin', { name: 'google-protobuf', version: '33.0.0.1.0', platform: 'arm64-darwin' }],
    ['https://rubygems.org/gems/nokogiri/versions/1.16.0-x86_64-linux-musl', { name: 'nokogiri', version: '1.16.0', platform: 'x86_64-linux-musl' }],
    ['https://rubygems.org/gems/rails/versions/8.0.0.rc1', { name: 'rails', version: '8.0.0.rc1' }],
    ['https://rubygems.org/gems/ZenTest', { name: 'ZenTest' }],
    ['https://rubygems.org/gems/net_http_ssl_fix/versions/0.0.10', { name: 'net_http_ssl_fix', version: '0.0.10' }],
  ])('%s is a release page', (url, expected) => {
    expect(parseRubygemsPage(url)).toEqual(expected);
  });

  it.each([
    'https://rubygems.org/',
    'https://rubygems.org/gems',
    'https://rubygems.org/gems/sigstore/versions',
    'https://rubygems.org/gems/sigstore/reverse_dependencies',
    'https://rubygems.org/gems/sigstore/versions/0.2.3/extra',
    'https://rubygems.org/gems/sigstore/versions/0.2.3-ruby',
    'https://rubygems.org/gems/sigstore/versions/not-a-version',
    'https://rubygems.org/gems/sigstore/versions/1.0.0-',
    'https://rubygems.org/gems/%2E%2E',
    'https://rubygems.org/gems/123',
    'https://rubygems.org/gems/a%2Fb',
    'https://rubygems.org/gems/%E0%A4%A',
    'http://rubygems.org/gems/sigstore',
    'https://rubygems.org:8443/gems/sigstore',
    'https://www.rubygems.org/gems/sigstore',
    'https://evil.example/gems/sigstore',
    'https://rubygems.org/api/v1/versions/sigstore.json',
    'not a url',
  ])('%s is not', (url) => {
    expect(parseRubygemsPage(url)).toBeNull();
  });
});

describe('names and versions', () => {
  it.each([
    ['sigstore', true],
    ['io-console', true],
    ['net_http_ssl_fix', true],
    ['A.B', true],
    ['123', false],
    ['', false],
    ['..', false],
    ['has space', false],
    ['slash/name', false],
    ['a'.repeat(256), false],
  ])('gem name %j valid: %s', (name, valid) => {
    expect(isValidGemName(name)).toBe(valid);
  });

  it.each([
    ['0.2.3', true],
    ['8.0.0.rc1', true],
    ['1.0.0.pre.beta.2', true],
    ['1', true],
    ['1.0-beta', false], // stored numbers never contain `-`: Gem::Version rewrites it to `.pre.`
    ['v1.0', false],
    ['1..0', false],
    ['', false],
  ])('version %j valid: %s', (version, valid) => {
    expect(isValidGemVersion(version)).toBe(valid);
  });

  it('writes and reads a platform release as rubygems.org does, the platform after the first dash', () => {
    expect(versionSlug('0.8.0', 'java')).toBe('0.8.0-java');
    expect(versionSlug('0.2.3', 'ruby')).toBe('0.2.3');
    expect(versionSlug('0.2.3')).toBe('0.2.3');
    expect(parseVersionSlug('33.0.0.1.0-arm64-darwin')).toEqual({ version: '33.0.0.1.0', platform: 'arm64-darwin' });
    expect(parseVersionSlug('0.2.3')).toEqual({ version: '0.2.3', platform: 'ruby' });
    expect(parseVersionSlug('0.2.3-ruby')).toBeUndefined();
  });

  it('builds the API URLs the attestations and versions controllers route', () => {
    expect(versionsUrl('sigstore')).toBe('https://rubygems.org/api/v1/versions/sigstore.json');
    expect(attestationsUrl('sigstore', '0.2.3')).toBe('https://rubygems.org/api/v1/attestations/sigstore-0.2.3.json');
    expect(attestationsUrl('io-console', '0.8.0', 'java')).toBe('https://rubygems.org/api/v1/attestations/io-console-0.8.0-java.json');
    expect(gemFileName('io-console', '0.8.0', 'java')).toBe('io-console-0.8.0-java.gem');
    expect(() => versionsUrl('..')).toThrow(RangeError);
    expect(() => versionsUrl('a/b')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { versionLineLabel as rubygemsVersionLineLabel } from '../../../lib/history/version-order';
import { compareGemVersions, isPrereleaseGemVersion, rubygemsVersionLine } from '../../../lib/registries/rubygems/version';

describe('compareGemVersions (Gem::Version order)', () => {
  // Each row: a < b.
  it.each([
    ['1.0.a', '1.0.b'],
    ['1.0.b1', '1.0'],
    ['1.0.a.2', '1.0.b1'],
    ['1.0.0.rc1', '1.0.0'],
    ['1.0.0.beta2', '1.0.0.rc1'],
    ['1.0.0.beta9', '1.0.0.beta10'],
    ['1.0.0.pre.beta.2', '1.0.0'],
    ['1.9', '1.10'],
    ['1.0', '1.0.1'],
    ['0.2.2', '0.2.3'],
    ['2.0.0.rc1', '2.0.0'],
    ['1.2.3', '1.20240101000000000000'],
    ['1.0.A', '1.0.a'],
  ])('%s < %s', (a, b) => {
    expect(compareGemVersions(a, b)).toBeLessThan(0);
    expect(compareGemVersions(b, a)).toBeGreaterThan(0);
  });

  it.each([
    ['1.0', '1'],
    ['1.0', '1.0.0'],
    ['1.0.a', '1.a'],
    ['1.0.0.a10', '1.0.0.a.10'],
    ['01.2', '1.2'],
  ])('%s = %s', (a, b) => {
    expect(compareGemVersions(a, b)).toBe(0);
  });

  it('sorts a real release history with prereleases', () => {
    const sorted = ['1.0.0', '0.9.1', '1.0.0.rc1', '0.10.0', '1.0.0.beta1', '0.9.0'].sort(compareGemVersions);
    expect(sorted).toEqual(['0.9.0', '0.9.1', '0.10.0', '1.0.0.beta1', '1.0.0.rc1', '1.0.0']);
  });

  it('calls a version with a letter a prerelease', () => {
    expect(isPrereleaseGemVersion('8.0.0.rc1')).toBe(true);
    expect(isPrereleaseGemVersion('8.0.0')).toBe(false);
  });
});

describe('version lines, per platform', () => {
  it.each([
    ['0.2.3', '0.2'],
    ['0.0.1', '0.0'],
    ['1.16.0', '1'],
    ['8.0.0.rc1', '8'],
    ['1.16.0-x86_64-linux', '1-x86_64-linux'],
    ['0.8.0-java', '0.8-java'],
    ['33.0.0.1.0-arm64-darwin', '33-arm64-darwin'],
    ['not a version', undefined],
  ])('%s is in line %s', (slug, line) => {
    expect(rubygemsVersionLine(slug)).toBe(line);
  });

  it('keeps platforms apart: the same version number on two platforms is two lines', () => {
    expect(rubygemsVersionLine('1.16.0-java')).not.toBe(rubygemsVersionLine('1.16.0'));
    expect(rubygemsVersionLine('1.16.0-x86_64-linux')).not.toBe(rubygemsVersionLine('1.16.0-x86_64-linux-musl'));
    expect(rubygemsVersionLine('1.16.0-java')).toBe(rubygemsVersionLine('1.2.0-java'));
  });

  it('labels a line as alerts name it', () => {
    expect(rubygemsVersionLineLabel('1')).toBe('1.x');
    expect(rubygemsVersionLineLabel('0.2')).toBe('0.2.x');
    expect(rubygemsVersionLineLabel('1-x86_64-linux')).toBe('1.x-x86_64-linux');
  });
});

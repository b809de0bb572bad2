import { describe, expect, it } from 'vitest';
import { earlierRubygemsVersions, earlierVersions } from '../../../lib/registries/rubygems/history';
import { parseVersionList } from '../../../lib/registries/rubygems/schema';
import { replay, sigstoreVersions, versionRecord } from './replay';

describe('earlierRubygemsVersions', () => {
  it('lists the real sigstore history before 0.2.3, newest first by publish time', async () => {
    const r = replay({ 'https://rubygems.org/api/v1/versions/sigstore.json': sigstoreVersions() });
    const earlier = await earlierVersions(r.fetchJson, 'sigstore', '0.2.3', 10);
    expect(earlier.map((e) => e.version)).toEqual(['0.2.2', '0.2.1', '0.2.0', '0.1.1']);
    expect(earlier[0]).toEqual({ version: '0.2.2', publishedAt: '2025-10-27T15:21:35.570Z' });
    expect((await earlierVersions(r.fetchJson, 'sigstore', '0.2.1', 1)).map((e) => e.version)).toEqual(['0.2.0']);
  });

  // A platform gem's history is its own platform's: shaped list (no platform gem was recorded).
  const list = parseVersionList([
    versionRecord({ number: '1.16.0', platform: 'x86_64-linux', sha: 'a'.repeat(64), created_at: '2024-01-10T00:00:00Z' }),
    versionRecord({ number: '1.16.0', sha: 'b'.repeat(64), created_at: '2024-01-10T00:00:00Z' }),
    versionRecord({ number: '1.16.0', platform: 'java', sha: 'c'.repeat(64), created_at: '2024-01-10T00:00:00Z' }),
    versionRecord({ number: '1.16.0.rc1', platform: 'x86_64-linux', sha: 'd'.repeat(64), created_at: '2024-01-05T00:00:00Z' }),
    versionRecord({ number: '1.15.5', platform: 'x86_64-linux', sha: 'e'.repeat(64), created_at: '2023-11-17T00:00:00Z' }),
    versionRecord({ number: '1.15.5', sha: 'f'.repeat(64), created_at: '2023-11-17T00:00:00Z' }),
    // A backport published after 1.16.0 is not earlier than it.
    versionRecord({ number: '1.15.6', platform: 'x86_64-linux', sha: '1'.repeat(64), created_at: '2024-02-01T00:00:00Z' }),
    versionRecord({ number: '1.14.0', platform: 'x86_64-linux-musl', sha: '2'.repeat(64), created_at: '2023-01-01T00:00:00Z' }),
  ]).records;

  it('compares a platform gem only with earlier versions of the same platform, without prereleases', () => {
    expect(earlierRubygemsVersions(list, '1.16.0-x86_64-linux', 10).map((e) => e.version)).toEqual(['1.15.5-x86_64-linux']);
    expect(earlierRubygemsVersions(list, '1.16.0', 10).map((e) => e.version)).toEqual(['1.15.5']);
    expect(earlierRubygemsVersions(list, '1.16.0-java', 10)).toEqual([]);
  });

  it('includes prereleases when the current version is one', () => {
    expect(earlierRubygemsVersions(list, '1.16.0.rc1-x86_64-linux', 10).map((e) => e.version)).toEqual(['1.15.5-x86_64-linux']);
    const after = earlierRubygemsVersions(list, '1.15.6-x86_64-linux', 10).map((e) => e.version);
    expect(after).toEqual(['1.16.0-x86_64-linux', '1.15.5-x86_64-linux']);
  });

  it('falls back to version order when the current record has no publish time', () => {
    const noTime = parseVersionList([
      { number: '2.0.0', platform: 'ruby', sha: 'a'.repeat(64), created_at: null },
      versionRecord({ number: '1.0.0', sha: 'b'.repeat(64), created_at: '2020-01-01T00:00:00Z' }),
      versionRecord({ number: '1.5.0', sha: 'c'.repeat(64), created_at: '2019-01-01T00:00:00Z' }),
    ]).records;
    expect(earlierRubygemsVersions(noTime, '2.0.0', 10).map((e) => e.version)).toEqual(['1.5.0', '1.0.0']);
  });

  it('an unparsable current version has no history', () => {
    expect(earlierRubygemsVersions(list, 'nonsense version', 10)).toEqual([]);
  });
});

describe('parseVersionList', () => {
  it('keeps good records, skips broken ones, and notes broken optional fields', () => {
    const parsed = parseVersionList([
      { number: '1.0.0', platform: 'ruby', sha: 'A'.repeat(64), created_at: '2024-01-01T00:00:00Z', metadata: { source_code_uri: 'https://github.com/a/b', funding: 3 } },
      { number: '1.0.1', platform: 'ruby', sha: null, created_at: 'yesterday', metadata: 'oops' },
      { platform: 'ruby' },
      { number: '1.0.2', platform: 'no spaces allowed' },
      null,
    ]);
    expect(parsed.records).toHaveLength(2);
    expect(parsed.records[0]).toMatchObject({ sha256: 'a'.repeat(64), metadata: { source_code_uri: 'https://github.com/a/b' }, problems: [] });
    expect(parsed.records[1]).toMatchObject({ sha256: undefined, createdAt: undefined, metadata: {} });
    expect(parsed.records[1]!.problems).toHaveLength(3);
    expect(parsed.skipped.map((s) => s.index)).toEqual([2, 3, 4]);
  });

  it('refuses a response that is not a list', () => {
    expect(() => parseVersionList({ versions: [] })).toThrow(TypeError);
  });
});

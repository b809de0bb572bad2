import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, registryClient } from '../../../lib/net/registry-fetch';
import { rubygemsPage } from '../../../lib/registries/rubygems/page';
import { rubygemsRegistry } from '../../../lib/registries/rubygems/registry';
import { publicGood, sigstore023Attestations, sigstoreVersions, versionRecord } from './replay';

/**
 * RubyGems through its descriptor, as the worker calls it: page detection from
 * URLs, then verifyRelease / latestVersion / earlierVersions over a client whose
 * fetch serves the recorded rubygems.org answers (tests/fixtures/rubygems).
 */
function clientServing(table: Record<string, unknown>) {
  const requested: string[] = [];
  const fetchImpl = async (url: string) => {
    requested.push(url);
    if (!Object.hasOwn(table, url)) return new Response('This rubygem could not be found.', { status: 404 });
    return new Response(JSON.stringify(table[url]), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { client: registryClient({ fetchImpl, policy: { ...DEFAULT_POLICY, attempts: 1 } }), requested };
}

const VERSIONS = 'https://rubygems.org/api/v1/versions/sigstore.json';

describe('rubygems page detection', () => {
  it.each([
    ['/gems/sigstore', { ecosystem: 'rubygems', package: 'sigstore' }],
    ['/gems/sigstore/', { ecosystem: 'rubygems', package: 'sigstore' }],
    ['/gems/sigstore/versions/0.2.3', { ecosystem: 'rubygems', package: 'sigstore', version: '0.2.3' }],
    // The platform stays in the version, as the URL and data-version write it.
    ['/gems/google-protobuf/versions/33.0.0.1.0-arm64-darwin', { ecosystem: 'rubygems', package: 'google-protobuf', version: '33.0.0.1.0-arm64-darwin' }],
    ['/gems/sigstore/versions', null],
    ['/gems/sigstore/reverse_dependencies', null],
    ['/gems/sigstore/versions/0.2.3-ruby', null],
    ['/search', null],
  ])('%s', (pathname, expected) => {
    expect(rubygemsPage.detect({ hostname: 'rubygems.org', pathname })).toEqual(expected);
  });

  it('only on rubygems.org itself', () => {
    expect(rubygemsPage.detect({ hostname: 'www.rubygems.org', pathname: '/gems/sigstore' })).toBeNull();
  });
});

describe('rubygems through its descriptor', () => {
  it('verifies the recorded sigstore 0.2.3 with the worker client (real versions and attestations responses)', async () => {
    const { client, requested } = clientServing({ [VERSIONS]: sigstoreVersions(), 'https://rubygems.org/api/v1/attestations/sigstore-0.2.3.json': sigstore023Attestations() });
    const report = await rubygemsRegistry.verifyRelease({ name: 'sigstore', version: '0.2.3' }, { client, trust: publicGood() });
    expect(report).toMatchObject({ ecosystem: 'rubygems', package: 'sigstore', version: '0.2.3', status: 'verified' });
    expect(requested).toEqual([VERSIONS, 'https://rubygems.org/api/v1/attestations/sigstore-0.2.3.json']);
  });

  it('a platform slug reaches the adapter as version and platform (the attestations URL carries both)', async () => {
    const versions = [versionRecord({ number: '1.0.0', platform: 'x86_64-linux', sha: 'a'.repeat(64) })];
    const { client, requested } = clientServing({ 'https://rubygems.org/api/v1/versions/shaped.json': versions, 'https://rubygems.org/api/v1/attestations/shaped-1.0.0-x86_64-linux.json': [] });
    const report = await rubygemsRegistry.verifyRelease({ name: 'shaped', version: '1.0.0-x86_64-linux' }, { client, trust: publicGood() });
    expect(report).toMatchObject({ version: '1.0.0-x86_64-linux', status: 'absent' });
    expect(requested).toContain('https://rubygems.org/api/v1/attestations/shaped-1.0.0-x86_64-linux.json');
  });

  it('latest is the newest release of the recorded list; history and lines stay within one platform', async () => {
    const shaped = [
      versionRecord({ number: '2.1.0', sha: '1'.repeat(64), created_at: '2025-03-01T00:00:00Z' }),
      versionRecord({ number: '2.1.0', platform: 'java', sha: '2'.repeat(64), created_at: '2025-03-01T00:00:01Z' }),
      versionRecord({ number: '2.0.0', platform: 'java', sha: '3'.repeat(64), created_at: '2025-02-01T00:00:00Z' }),
      versionRecord({ number: '2.0.0', sha: '4'.repeat(64), created_at: '2025-02-01T00:00:00Z' }),
      versionRecord({ number: '1.9.0', platform: 'java', sha: '5'.repeat(64), created_at: '2025-01-01T00:00:00Z' }),
    ];
    const { client } = clientServing({ [VERSIONS]: sigstoreVersions(), 'https://rubygems.org/api/v1/versions/shaped.json': shaped });
    expect(await rubygemsRegistry.latestVersion(client, 'sigstore')).toBe(sigstoreVersions()[0]!.number);
    expect(await rubygemsRegistry.latestVersion(client, 'shaped')).toBe('2.1.0');
    expect((await rubygemsRegistry.earlierVersions(client, 'shaped', '2.1.0-java', 10)).map((v) => v.version)).toEqual(['2.0.0-java', '1.9.0-java']);
    expect((await rubygemsRegistry.earlierVersions(client, 'shaped', '2.1.0', 10)).map((v) => v.version)).toEqual(['2.0.0']);
    expect(rubygemsRegistry.versionLine('2.1.0-java')).toBe('2-java');
    expect(rubygemsRegistry.versionLine('1.9.0-java')).toBe('1-java');
    expect(rubygemsRegistry.versionLine('0.2.3')).toBe('0.2');
  });
});

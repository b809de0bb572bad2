import { describe, expect, it } from 'vitest';
import { earlierVersions } from '../../lib/history/version-lists';
import { newerLine, versionLine } from '../../lib/history/version-line';
import { registryClient } from '../../lib/net/registry-fetch';

/** A registry that answers one URL per Accept header, with a body size limit like the real client's. */
function registry(routes: Record<string, (accept: string) => unknown>, maxBytes?: number) {
  const seen: string[] = [];
  const client = registryClient({
    sleep: async () => {},
    fetchImpl: async (input, init) => {
      const url = String(input);
      const accept = new Headers(init?.headers).get('accept') ?? '';
      seen.push(`${url} ${accept}`);
      const route = routes[url];
      return route ? new Response(JSON.stringify(route(accept)), { status: 200 }) : new Response('{}', { status: 404 });
    },
  });
  if (maxBytes) client.policy.maxBytes = maxBytes;
  return { client, seen };
}

const pypiFile = (at: string, yanked = false) => ({ upload_time_iso_8601: at, yanked });

describe('earlierVersions', () => {
  it('PyPI: a yanked release being viewed still gets its history; yanked earlier ones are left out', async () => {
    const { client } = registry({
      'https://pypi.org/pypi/ultra/json': () => ({
        releases: {
          '8.3.39': [pypiFile('2024-12-01T00:00:00Z')],
          '8.3.40': [pypiFile('2024-12-04T00:00:00Z', true)],
          '8.3.41': [pypiFile('2024-12-05T00:00:00Z', true), pypiFile('2024-12-05T00:01:00Z', true)],
        },
      }),
    });
    expect(await earlierVersions(client, { ecosystem: 'pypi', package: 'ultra' }, '8.3.41', 10)).toEqual([{ version: '8.3.39', publishedAt: '2024-12-01T00:00:00Z' }]);
  });

  it('npm: publish dates from the full packument', async () => {
    const { client, seen } = registry({
      'https://registry.npmjs.org/nx': (accept) =>
        accept.includes('application/vnd.npm.install-v1+json')
          ? { versions: { '20.0.0': {}, '21.0.0': {} } }
          : { versions: { '20.0.0': {}, '21.0.0': {} }, time: { '20.0.0': '2025-01-01T00:00:00Z', '21.0.0': '2025-08-26T00:00:00Z' } },
    });
    expect(await earlierVersions(client, { ecosystem: 'npm', package: 'nx' }, '21.0.0', 10)).toEqual([{ version: '20.0.0', publishedAt: '2025-01-01T00:00:00Z' }]);
    expect(seen).toEqual(['https://registry.npmjs.org/nx application/json']);
  });

  it('npm: a packument too big in full is read abbreviated, without dates', async () => {
    const versions = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`1.0.${i}`, {}]));
    const { client, seen } = registry(
      {
        'https://registry.npmjs.org/big': (accept) =>
          accept.includes('application/vnd.npm.install-v1+json') ? { versions } : { versions, time: {}, padding: 'x'.repeat(2048) },
      },
      1024,
    );
    expect(await earlierVersions(client, { ecosystem: 'npm', package: 'big' }, '1.0.2', 10)).toEqual([
      { version: '1.0.1', publishedAt: undefined },
      { version: '1.0.0', publishedAt: undefined },
    ]);
    expect(seen.map((s) => s.split(' ')[1]!.split(';')[0])).toEqual(['application/json', 'application/vnd.npm.install-v1+json']);
  });
});

describe('earlierVersions by publish time', () => {
  const packument = (versions: Record<string, unknown>, time: Record<string, string>) => ({
    'https://registry.npmjs.org/pkg': () => ({ versions, time: { created: '2020-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z', ...time } }),
  });
  const marked = { dist: { attestations: { url: 'https://registry.npmjs.org/-/npm/v1/attestations/pkg@1.0.0', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } };

  it('npm: newest first by publish time, not SemVer; times in any ISO 8601 spelling', async () => {
    const { client } = registry(
      packument({ '1.0.0': {}, '2.0.0': {}, '1.0.1': {}, '3.0.0': {} }, { '1.0.0': '2025-01-01T00:00:00Z', '2.0.0': '2025-02-01T00:00:00.000000+00:00', '1.0.1': '2025-03-01T00:00:00Z', '3.0.0': '2025-04-01T00:00:00Z' }),
    );
    expect((await earlierVersions(client, { ecosystem: 'npm', package: 'pkg' }, '1.0.1', 10)).map((e) => e.version)).toEqual(['2.0.0', '1.0.0']);
  });

  it('npm: when the document marks attestations for some version, the others are known to have none', async () => {
    const { client } = registry(packument({ '1.0.0': marked, '1.0.1': {}, '1.0.2': {} }, { '1.0.0': '2025-01-01T00:00:00Z', '1.0.1': '2025-02-01T00:00:00Z', '1.0.2': '2025-03-01T00:00:00Z' }));
    expect(await earlierVersions(client, { ecosystem: 'npm', package: 'pkg' }, '1.0.2', 10)).toEqual([
      { version: '1.0.1', publishedAt: '2025-02-01T00:00:00Z', attested: false },
      { version: '1.0.0', publishedAt: '2025-01-01T00:00:00Z' },
    ]);
  });

  it('npm: a document that marks none (a mirror strips the field) says nothing about any', async () => {
    const { client } = registry(packument({ '1.0.0': {}, '1.0.1': {} }, { '1.0.0': '2025-01-01T00:00:00Z', '1.0.1': '2025-02-01T00:00:00Z' }));
    expect(await earlierVersions(client, { ecosystem: 'npm', package: 'pkg' }, '1.0.1', 10)).toEqual([{ version: '1.0.0', publishedAt: '2025-01-01T00:00:00Z' }]);
  });

  it('npm: at most `limit` releases', async () => {
    const versions = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`1.0.${i}`, {}]));
    const time = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`1.0.${i}`, new Date(Date.UTC(2025, 0, 1 + i)).toISOString()]));
    const { client } = registry(packument(versions, time));
    const earlier = await earlierVersions(client, { ecosystem: 'npm', package: 'pkg' }, '1.0.59', 50);
    expect(earlier).toHaveLength(50);
    expect(earlier[0]!.version).toBe('1.0.58');
  });
});

describe('versionLine', () => {
  it.each([
    ['npm', '1.0.1', '1'],
    ['npm', '2.3.1', '2'],
    ['npm', '0.3.7', '0.3'],
    ['npm', '0.0.20', '0.0'],
    ['npm', '3.0.0-beta.1', '3'],
    ['npm', 'not-a-version', undefined],
    ['pypi', '8.3.41', '8'],
    ['pypi', '0.0.19', '0.0'],
    ['pypi', '0.4a2', '0.4'],
    ['pypi', '2024.12', '2024'],
    ['pypi', '1!2.0.post1', '1!2'],
    ['pypi', '0', '0.0'],
    ['pypi', 'not a version', undefined],
  ] as const)('%s %s → %s', (ecosystem, version, line) => {
    expect(versionLine(ecosystem, version)).toBe(line);
  });
});

describe('newerLine', () => {
  it.each<[string | undefined, string, boolean]>([
    ['2', '1', true],
    ['1', '2', false],
    ['1', '1', false],
    ['0.4', '0.3', true],
    ['1', '0.9', true],
    ['0.3', '1', false],
    ['1!0.1', '3', true],
    ['3', '1!0.1', false],
    [undefined, '1', false],
    ['x', '1', false],
  ])('%s after %s: %s', (a, b, expected) => {
    expect(newerLine(a, b)).toBe(expected);
  });
});

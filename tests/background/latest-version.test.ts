import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../lib/background/latest-version';
import { packumentUrl, versionManifestUrl } from '../../lib/registries/npm/names';
import { jsonApiUrl } from '../../lib/registries/pypi/names';
import { FakeRegistry, json, packument } from '../registries/npm-fixtures';
import { dist, fakePypi, jsonApiRelease } from '../registries/pypi-fixtures';

describe('latestVersion (recorded registry data)', () => {
  it('npm: dist-tags.latest of the real sigstore packument, asked with the installers\u2019 Accept', async () => {
    const doc = packument('sigstore');
    const registry = new FakeRegistry().packument(doc);
    expect(await latestVersion(registry.client(), { ecosystem: 'npm', package: 'sigstore' })).toBe(doc['dist-tags'].latest);
    expect(registry.requests.map((r) => r.url)).toEqual([packumentUrl('sigstore')]);
  });

  it('npm: a packument too big to read falls back to /<name>/latest', async () => {
    const registry = new FakeRegistry()
      .route(packumentUrl('sigstore'), json({ big: 'x'.repeat(2_000) }))
      .route(versionManifestUrl('sigstore', 'latest'), json({ name: 'sigstore', version: '5.0.1', dist: {} }));
    expect(await latestVersion(registry.client({ maxBytes: 1_000 }), { ecosystem: 'npm', package: 'sigstore' })).toBe('5.0.1');
  });

  it('PyPI: info.version of the project JSON, the name normalized', async () => {
    const fake = fakePypi({ [jsonApiUrl('pypi-attestations')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist('pypi_attestations-0.0.19.tar.gz')]) } });
    expect(await latestVersion(fake.client, { ecosystem: 'pypi', package: 'PyPI_Attestations' })).toBe('0.0.19');
  });
});

describe('latestVersion within one page view', () => {
  it('a second ask within 5 s shares the first request; later ones ask again; a failure is not kept', async () => {
    const fake = fakePypi({ [jsonApiUrl('pypi-attestations')]: [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist('pypi_attestations-0.0.19.tar.gz')]) }] });
    let t = 0;
    const page = { ecosystem: 'pypi', package: 'pypi-attestations' } as const;
    await expect(latestVersion(fake.client, page, () => t)).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    expect(await latestVersion(fake.client, page, () => t)).toBe('0.0.19');
    expect(await latestVersion(fake.client, page, () => (t = 4_000))).toBe('0.0.19');
    expect(fake.calls).toHaveLength(4);
    expect(await latestVersion(fake.client, page, () => (t = 6_000))).toBe('0.0.19');
    expect(fake.calls).toHaveLength(5);
  });
});

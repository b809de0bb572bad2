/**
 * Issue 11, finding 1 (second half): each attested file, and each listed
 * wheel or sdist, must belong to the release's project and version by its
 * PEP 427/625 name; legacy formats are files without provenance, never
 * failures. Real recorded files and attestations (tests/fixtures).
 */
import { describe, expect, it } from 'vitest';
import { integrityUrl, jsonApiUrl, verifyPypiRelease } from '../../lib/registries/pypi';
import { LEGACY_FORMAT, releaseMembership } from '../../lib/registries/pypi/release-file';
import { releaseReportSchema } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { dist, fakePypi, jsonApiRelease, PUBLISHERS, provenanceOf } from './pypi-fixtures';

const NOW = new Date('2026-11-29T12:00:00Z');
const NAME = 'pypi-attestations';
const SDIST = 'pypi_attestations-0.0.19.tar.gz';
const OTHER = 'pypi_attestation_models-0.0.4a2.tar.gz';

async function release(version: string, files: { filename: string; sha256: string }[], provenance: Record<string, unknown>) {
  const routes: Parameters<typeof fakePypi>[0] = { [jsonApiUrl(NAME, version)]: { status: 200, body: jsonApiRelease(NAME, version, files) } };
  for (const [filename, body] of Object.entries(provenance)) routes[integrityUrl(NAME, version, filename)] = { status: 200, body };
  const fake = fakePypi(routes);
  const report = await verifyPypiRelease({ name: NAME, version }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  expect(releaseReportSchema.parse(report)).toEqual(report);
  return { report, calls: fake.calls.map((c) => c.url) };
}

const own = () => provenanceOf(`${SDIST}.publish.attestation`, PUBLISHERS.pypiAttestations);
const other = () => provenanceOf('pypi_attestation_models-0.0.4a2.tar.gz.attestation', PUBLISHERS.attestationModels);

describe('files that do not belong to the release', () => {
  it('an attested file of another project, listed in this release, fails it (its attestation verifies on its own)', async () => {
    const { report } = await release('0.0.19', [dist(SDIST), dist(OTHER)], { [SDIST]: own(), [OTHER]: other() });
    expect(report.status).toBe('failed');
    expect(report.artifacts.map((a) => [a.name, a.status, a.code])).toEqual([
      [SDIST, 'verified', undefined],
      [OTHER, 'failed', 'FILE_NOT_IN_RELEASE'],
    ]);
    expect(report.artifacts[1]!.message).toMatch(/another project or version/);
  });

  it('an attested file of another version of the same project fails the release', async () => {
    const { report } = await release('0.0.20', [dist(SDIST)], { [SDIST]: own() });
    expect(report).toMatchObject({ status: 'failed', code: 'FILE_NOT_IN_RELEASE' });
  });

  it('legacy formats count as files without provenance, never as failed, and the Integrity API is not asked for them', async () => {
    const legacy = ['pypi_attestations-0.0.19.win32.exe', 'pypi_attestations-0.0.19-py3.12.egg', 'pypi_attestations-0.0.19.tar.bz2'];
    // Even served an attestation (here: another file's), a legacy file is not judged by it.
    const { report, calls } = await release('0.0.19', [dist(SDIST), ...legacy.map((filename) => ({ filename, sha256: 'ab'.repeat(32) }))], {
      [SDIST]: own(),
      ...Object.fromEntries(legacy.map((f) => [f, own()])),
    });
    expect(report.status).toBe('partial');
    expect(report.artifacts.map((a) => [a.name, a.status])).toEqual([[SDIST, 'verified'], ...legacy.map((f) => [f, 'absent'])]);
    expect(report.artifacts[1]!.message).toBe(LEGACY_FORMAT);
    expect(calls.filter((u) => u.includes('/integrity/'))).toEqual([integrityUrl(NAME, '0.0.19', SDIST)]);
  });
});

describe('releaseMembership', () => {
  it.each([
    ['pypi_attestations-0.0.19.tar.gz', 'pypi-attestations', '0.0.19', 'belongs'],
    ['PyPI_Attestations-0.0.19.tar.gz', 'pypi-attestations', '0.0.19', 'belongs'],
    ['pypi_attestations-0.0.19-1-py3-none-any.whl', 'pypi-attestations', '0.0.19', 'belongs'],
    ['pypi_attestation_models-0.0.4a2.tar.gz', 'pypi-attestation-models', '0.0.4-alpha2', 'belongs'],
    ['pypi_attestations-0.0.19.zip', 'pypi-attestations', '0.0.19', 'belongs'],
    ['pypi_attestations-0.0.20.tar.gz', 'pypi-attestations', '0.0.19', 'foreign'],
    ['evil-0.0.19-py3-none-any.whl', 'pypi-attestations', '0.0.19', 'foreign'],
    ['pypi_attestations-0.0.19-py3-any.whl', 'pypi-attestations', '0.0.19', 'foreign'],
    ['pypi_attestations-0.0.19.win32.exe', 'pypi-attestations', '0.0.19', 'legacy'],
    ['pypi_attestations-0.0.19-py3.12.egg', 'pypi-attestations', '0.0.19', 'legacy'],
    ['pypi_attestations-0.0.19.tar.bz2', 'pypi-attestations', '0.0.19', 'legacy'],
  ])('%s in %s %s: %s', (filename, project, version, expected) => {
    expect(releaseMembership(filename, project, version)).toBe(expected);
  });
});

/**
 * registry-disagrees (issue 13, part 4) on real recorded data: the registry
 * says a release has provenance, and what it serves is missing or does not
 * verify. npm: the recorded sigstore packument (with `dist.attestations` as
 * registry.npmjs.org writes it, which the mirror strips) and the recorded
 * attestations of sigstore 1.0.0; PyPI: the real pypi-attestations 0.0.19
 * sdist and provenance, with a JSON simple index shaped from them
 * (tests/fixtures/SOURCES.md, pypi-simple/).
 */
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../lib/history/history-service';
import type { Alert } from '../../lib/history/alerts';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { verifyPypiRelease } from '../../lib/registries/pypi';
import { integrityUrl, jsonApiUrl } from '../../lib/registries/pypi/names';
import { simpleIndexUrl } from '../../lib/registries/pypi/simple-index';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { FakeRegistry, SLSA_V02, advertise, attestationsResponse, packument, status } from '../registries/npm-fixtures';
import { dist, fakePypi, jsonApiRelease, readJSON, simpleIndexOf } from '../registries/pypi-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');
const sigstore1 = () => attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');

/** The alerts of a release with no earlier versions: registry-disagrees needs no history. */
async function alertsOf(report: ReleaseReport): Promise<Alert[]> {
  expect(releaseReportSchema.parse(report)).toEqual(report);
  const history = await buildHistory(report, undefined, { earlierVersions: async () => [], report: async () => report });
  return history.alerts;
}

async function npm(registry: FakeRegistry): Promise<ReleaseReport> {
  return verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client(), trust: publicGoodTrust(), now: NOW });
}

describe('registry-disagrees on npm', () => {
  it('the packument announces SLSA provenance v0.2, the attestations endpoint answers 404: failed, and a high registry-disagrees saying both', async () => {
    const report = await npm(new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0', SLSA_V02)));
    expect(report).toMatchObject({ status: 'failed', code: 'ATTESTATIONS_MISSING' });
    expect(report.artifacts[0]!.registryClaim).toEqual({ source: 'npm-packument', predicateType: SLSA_V02 });
    const alerts = await alertsOf(report);
    expect(alerts).toEqual([
      {
        kind: 'registry-disagrees',
        level: 'high',
        version: '1.0.0',
        claimed: "the packument's dist.attestations announces SLSA provenance v0.2",
        found: 'the attestations endpoint serves no such attestation',
        message: "The registry says 1.0.0 has provenance (the packument's dist.attestations announces SLSA provenance v0.2), but the attestations endpoint serves no such attestation.",
      },
    ]);
  });

  it('the packument announces provenance and the endpoint serves the real bundles, altered: failed, registry-disagrees naming the failed check', async () => {
    const served = sigstore1();
    const provenance = served.attestations.find((a) => a.predicateType === SLSA_V02)!;
    provenance.bundle.dsseEnvelope.signatures[0].sig = provenance.bundle.dsseEnvelope.signatures[0].sig.replace(/^./, (c: string) => (c === 'M' ? 'N' : 'M'));
    const report = await npm(new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0', SLSA_V02)).attestations('sigstore', '1.0.0', served));
    expect(report.status).toBe('failed');
    const [alert, ...rest] = await alertsOf(report);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'registry-disagrees', level: 'high' });
    expect(alert!.found).toMatch(new RegExp(`^what it serves does not verify \\(${report.code}: `));
  });

  it('the same altered bundles without the packument\u2019s word (the mirror strips dist.attestations): failed, but the registry claimed nothing', async () => {
    const served = sigstore1();
    const provenance = served.attestations.find((a) => a.predicateType === SLSA_V02)!;
    provenance.bundle.dsseEnvelope.payload = 'e30=';
    const report = await npm(new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', served));
    expect(report.status).toBe('failed');
    expect(report.artifacts[0]!.registryClaim).toBeUndefined();
    expect(await alertsOf(report)).toEqual([]);
  });

  it('announced and served intact: verified, no claim kept, no alert', async () => {
    const report = await npm(new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0', SLSA_V02)).attestations('sigstore', '1.0.0', sigstore1()));
    expect(report.status).toBe('verified');
    expect(report.artifacts[0]!.registryClaim).toBeUndefined();
    expect(await alertsOf(report)).toEqual([]);
  });

  it('announced, and the endpoint fails (503): error, which raises nothing ("not known yet")', async () => {
    const registry = new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0', SLSA_V02));
    registry.route(attestationsUrl('sigstore', '1.0.0'), status(503));
    const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client({ attempts: 1 }), trust: publicGoodTrust(), now: NOW });
    expect(report.status).toBe('error');
    expect(report.artifacts[0]?.registryClaim).toBeUndefined();
  });
});

describe('registry-disagrees on PyPI', () => {
  const NAME = 'pypi-attestations';
  const SDIST = dist('pypi_attestations-0.0.19.tar.gz');
  const WHEEL = { filename: 'pypi_attestations-0.0.19-py3-none-any.whl', sha256: '1'.repeat(64) };
  const AT = '2024-12-04T23:14:01.000000Z';
  const PROVENANCE = () => readJSON(`pypi-provenance/${SDIST.filename}.provenance`);

  /** `wheelAttested`: what the simple index says of the wheel; undefined: no index (it answers 404). */
  function pypi(routes: Parameters<typeof fakePypi>[0], wheelAttested: boolean | undefined) {
    const index = simpleIndexOf(NAME, [{ version: '0.0.19', files: [{ ...SDIST, at: AT, attested: true }, { ...WHEEL, at: AT, attested: wheelAttested ?? false }] }]);
    const fake = fakePypi({
      [jsonApiUrl(NAME, '0.0.19')]: { status: 200, body: jsonApiRelease(NAME, '0.0.19', [SDIST, WHEEL]) },
      [integrityUrl(NAME, '0.0.19', SDIST.filename)]: { status: 200, body: PROVENANCE() },
      ...(wheelAttested === undefined ? {} : { [simpleIndexUrl(NAME)]: { status: 200, body: index } }),
      ...routes,
    });
    return verifyPypiRelease({ name: NAME, version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  }

  it('the simple index lists a provenance URL for a wheel, the Integrity API answers 404: that file fails, registry-disagrees names it', async () => {
    const report = await pypi({}, true);
    expect(report.status).toBe('failed');
    const wheel = report.artifacts.find((a) => a.name === WHEEL.filename)!;
    expect(wheel).toMatchObject({ status: 'failed', code: 'ATTESTATIONS_MISSING', retryable: true, registryClaim: { source: 'pypi-simple-index' } });
    // The real sdist still verifies, and claims nothing.
    expect(report.artifacts.find((a) => a.name === SDIST.filename)).toMatchObject({ status: 'verified' });
    expect(report.artifacts.find((a) => a.name === SDIST.filename)!.registryClaim).toBeUndefined();
    const alerts = await alertsOf(report);
    expect(alerts).toEqual([
      {
        kind: 'registry-disagrees',
        level: 'high',
        version: '0.0.19',
        files: [WHEEL.filename],
        claimed: 'the simple index lists a provenance URL for it',
        found: 'the Integrity API serves none (404)',
        message: `The registry says 0.0.19 has provenance for ${WHEEL.filename} (the simple index lists a provenance URL for it), but the Integrity API serves none (404).`,
      },
    ]);
  });

  it('the index lists the wheel without provenance: absent, as before (a partial release), no alert', async () => {
    const report = await pypi({}, false);
    expect(report.status).toBe('partial');
    expect(await alertsOf(report)).toEqual([]);
  });

  it('the Integrity API serves the sdist\u2019s real provenance for the wheel: it does not verify (another file), registry-disagrees from the Integrity API', async () => {
    const report = await pypi({ [integrityUrl(NAME, '0.0.19', WHEEL.filename)]: { status: 200, body: PROVENANCE() } }, undefined);
    const wheel = report.artifacts.find((a) => a.name === WHEEL.filename)!;
    expect(wheel).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH', registryClaim: { source: 'pypi-integrity-api' } });
    const [alert] = await alertsOf(report);
    expect(alert).toMatchObject({ kind: 'registry-disagrees', level: 'high', files: [WHEEL.filename], claimed: 'the Integrity API serves attestations for it' });
    expect(alert!.found).toMatch(/^what it serves does not verify \(SUBJECT_MISMATCH: /);
    // With the index listing the wheel's provenance too, the claim is the index's.
    const listed = await pypi({ [integrityUrl(NAME, '0.0.19', WHEEL.filename)]: { status: 200, body: PROVENANCE() } }, true);
    expect(listed.artifacts.find((a) => a.name === WHEEL.filename)).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH', registryClaim: { source: 'pypi-simple-index' } });
  });

  it('the Integrity API fails (500) for a file the index lists with provenance: error, no claim, no alert', async () => {
    const report = await pypi({ [integrityUrl(NAME, '0.0.19', WHEEL.filename)]: { status: 500, body: 'down' } }, true);
    expect(report.status).toBe('error');
    expect(report.artifacts.every((a) => a.registryClaim === undefined)).toBe(true);
  });
});

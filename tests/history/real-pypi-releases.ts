/**
 * Real PyPI releases verified by the real adapter over recorded attestations
 * (tests/fixtures, see SOURCES.md), for the alert suites: the JSON API
 * response is assembled from the real files (pypi.org cannot be recorded).
 */
import { expect } from 'vitest';
import { verifyPypiRelease } from '../../lib/registries/pypi';
import { integrityUrl, jsonApiUrl } from '../../lib/registries/pypi/names';
import type { ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { dist, fakePypi, jsonApiRelease, PUBLISHERS, provenanceOf } from '../registries/pypi-fixtures';

const NOW = new Date('2026-11-29T12:00:00Z');

async function verifiedAlone(name: string, version: string, filename: string, attestation: string, publisher: Record<string, unknown>): Promise<ReleaseReport> {
  const file = dist(filename);
  const fake = fakePypi({
    [jsonApiUrl(name, version)]: { status: 200, body: jsonApiRelease(name, version, [file]) },
    [integrityUrl(name, version, filename)]: { status: 200, body: provenanceOf(attestation, publisher) },
  });
  const report = await verifyPypiRelease({ name, version }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  expect(report.status).toBe('verified');
  return report;
}

/** trailofbits/pypi-attestations, release.yml (GitHub). */
export const legit = () => verifiedAlone('pypi-attestations', '0.0.19', 'pypi_attestations-0.0.19.tar.gz', 'pypi_attestations-0.0.19.tar.gz.publish.attestation', PUBLISHERS.pypiAttestations);
/** trailofbits/pypi-attestation-models: another repository, the same workflow name. */
export const other = () => verifiedAlone('pypi-attestation-models', '0.0.4a2', 'pypi_attestation_models-0.0.4a2.tar.gz', 'pypi_attestation_models-0.0.4a2.tar.gz.attestation', PUBLISHERS.attestationModels);
/** facutuesca/gitlab-oidc-project on GitLab. */
export const gitlab = () => verifiedAlone('gitlab-oidc-project', '0.0.3', 'gitlab_oidc_project-0.0.3.tar.gz', 'gitlab_oidc_project-0.0.3.tar.gz.publish.attestation', PUBLISHERS.gitlabOidc);


/**
 * pypi_attestations 0.0.19's real sdist and attestation, but the Integrity
 * API names a CircleCI publisher: the attestation verifies, the publisher
 * cannot be checked → `unsupported`. Verified as 0.0.19 (the file's own
 * version: a file of another version fails), then presented as `version`.
 */
export async function unsupportedRelease(version = '0.0.20'): Promise<ReleaseReport> {
  const name = 'pypi-attestations';
  const file = dist('pypi_attestations-0.0.19.tar.gz');
  const fake = fakePypi({
    [jsonApiUrl(name, '0.0.19')]: { status: 200, body: jsonApiRelease(name, '0.0.19', [file]) },
    [integrityUrl(name, '0.0.19', file.filename)]: { status: 200, body: provenanceOf('pypi_attestations-0.0.19.tar.gz.publish.attestation', { kind: 'CircleCI', circleci_org_id: '7b4a1f5e-0000-4000-8000-000000000000', circleci_project_id: '7b4a1f5e-0000-4000-8000-000000000001' }) },
  });
  const report = await verifyPypiRelease({ name, version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  expect(report.status).toBe('unsupported');
  return { ...report, version };
}

/** A release PyPI lists without provenance (the Integrity API answers 404), built from the real sdist. */
export async function absentRelease(version = '0.0.20'): Promise<ReleaseReport> {
  const name = 'pypi-attestations';
  const file = dist('pypi_attestations-0.0.19.tar.gz');
  const fake = fakePypi({ [jsonApiUrl(name, version)]: { status: 200, body: jsonApiRelease(name, version, [file]) } });
  const report = await verifyPypiRelease({ name, version }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  expect(report.status).toBe('absent');
  return report;
}

import { describe, expect, it } from 'vitest';
import type { RegistryClient } from '../../lib/net/registry-fetch';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { integrityUrl, jsonApiUrl, verifyPypiRelease } from '../../lib/registries/pypi';
import { ERRORS } from '../../lib/errors/vocabulary';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { FakeRegistry, advertise, attestationsResponse, packument } from './npm-fixtures';
import { dist, fakePypi, jsonApiRelease, readJSON } from './pypi-fixtures';

/**
 * Adapters never throw: an exception no step expected, anywhere inside an
 * adapter or its helpers, is an `error` report coded INTERNAL_ERROR with the
 * vocabulary's sentence and the exception in its detail, never a rejection.
 * The exception is raised by the network layer's answer (a response whose
 * every property throws), which no adapter code anticipates.
 */

const NOW = new Date('2026-11-22T12:00:00Z');

// Not a thenable (so the fetch itself resolves), but every property read throws.
const HOSTILE = new Proxy({} as Response, {
  get(_, key) {
    if (key === 'then') return undefined;
    throw new RangeError('response torn down');
  },
});

/** The client, except that `url` answers with HOSTILE. */
function breakingAt(client: RegistryClient, url: string): RegistryClient {
  return { ...client, fetchImpl: async (u, init) => (u === url ? HOSTILE : client.fetchImpl(u, init)) };
}

function expectInternalError(report: ReleaseReport | ReleaseReport['artifacts'][number]) {
  expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR', message: ERRORS.release.INTERNAL_ERROR.sentence });
  expect(report.detail).toContain('RangeError: response torn down');
}

describe('npm adapter', () => {
  const registry = () => new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0')).attestations('sigstore', '1.0.0', attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json'));

  it('the recorded release verifies through the same client (the control)', async () => {
    const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry().client(), trust: publicGoodTrust(), now: NOW });
    expect(report.status).toBe('verified');
  });

  it('an exception while fetching the attestations is a coded artifact and release report', async () => {
    const client = breakingAt(registry().client(), attestationsUrl('sigstore', '1.0.0'));
    const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client, trust: publicGoodTrust(), now: NOW });
    expect(releaseReportSchema.parse(report)).toEqual(report);
    expectInternalError(report.artifacts[0]!);
    expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR', version: '1.0.0' });
  });

  it('a request no type allows (a name that is not a string) is a coded report', async () => {
    const report = await verifyNpmRelease({ name: 42 } as never, { client: registry().client(), trust: publicGoodTrust(), now: NOW });
    expect(releaseReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ ecosystem: 'npm', package: '', status: 'error', code: 'INTERNAL_ERROR', message: ERRORS.release.INTERNAL_ERROR.sentence });
  });
});

describe('PyPI adapter', () => {
  const SDIST = 'pypi_attestations-0.0.19.tar.gz';
  const fake = () =>
    fakePypi({
      [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist(SDIST)]) },
      [integrityUrl('pypi-attestations', '0.0.19', SDIST)]: { status: 200, body: readJSON(`pypi-provenance/${SDIST}.provenance`) },
    });

  it('the recorded release verifies through the same client (the control)', async () => {
    const report = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake().client, trust: publicGoodTrust(), now: NOW });
    expect(report.status).toBe('verified');
  });

  it('an exception while fetching a file\u2019s provenance is a coded file and release report', async () => {
    const client = breakingAt(fake().client, integrityUrl('pypi-attestations', '0.0.19', SDIST));
    const report = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client, trust: publicGoodTrust(), now: NOW });
    expect(releaseReportSchema.parse(report)).toEqual(report);
    expectInternalError(report.artifacts[0]!);
    expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR', version: '0.0.19' });
  });

  it('an exception while fetching the release is a coded release report', async () => {
    const client = breakingAt(fake().client, jsonApiUrl('pypi-attestations', '0.0.19'));
    const report = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client, trust: publicGoodTrust(), now: NOW });
    expect(releaseReportSchema.parse(report)).toEqual(report);
    expectInternalError(report);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { integrityUrl, jsonApiUrl, verifyPypiRelease } from '../../lib/registries/pypi';
import { releaseReportSchema, releaseStatusSchema, artifactStatusSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import type { TrustContext } from '../../lib/verify/trust-root';
import { FakeRegistry, advertise, attestationsResponse, json, packument } from '../registries/npm-fixtures';
import { dist, fakePypi, jsonApiRelease, readJSON } from '../registries/pypi-fixtures';
import { simpleIndexUrl } from '../../lib/registries/pypi/simple-index';
import { applyMutations, mutationsArb, params, reportExcused, timed, toJsonText } from './support';
import { ERRORS } from '../../lib/errors/vocabulary';

/**
 * The registry adapters over mutated real registry responses (npm packument
 * and attestations, PyPI JSON API and Integrity API), served through a fake
 * fetch as tests/registries does: the adapter resolves (never rejects) to a
 * report that parses, whose status and every code are documented ones.
 * INTERNAL_ERROR, the adapters' name for a caught bug, counts as a crash.
 */

const DOCUMENTED_CODES = new Set<string>([
  ...Object.keys(ERRORS.verify),
  ...Object.keys(ERRORS.registry),
  ...Object.keys(ERRORS.release),
]);
DOCUMENTED_CODES.delete('INTERNAL_ERROR');
// The worker's live-trust step gives this one, never an adapter.
DOCUMENTED_CODES.delete('TRUST_REFRESH_FAILED');

const NOW = new Date('2026-11-22T12:00:00Z');

function checkReport(report: ReleaseReport): void {
  expect(releaseReportSchema.parse(report)).toEqual(report);
  expect(releaseStatusSchema.options).toContain(report.status);
  if (report.code !== undefined) expect(DOCUMENTED_CODES, `report code ${report.code}: ${report.detail}`).toContain(report.code);
  for (const a of report.artifacts) {
    expect(artifactStatusSchema.options).toContain(a.status);
    if (a.code !== undefined) expect(DOCUMENTED_CODES, `artifact code ${a.code}: ${a.detail}`).toContain(a.code);
  }
}

describe('fuzz: registry responses', () => {
  let trust: TrustContext;
  beforeAll(() => {
    trust = publicGoodTrust();
  });
  afterAll(() => reportExcused('fuzz: registry responses'));

  describe('npm (sigstore@1.0.0: packument and attestations)', () => {
    const realPackument = advertise(packument('sigstore'), '1.0.0');
    const realAttestations = attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');
    const run = async (p: unknown, attestations: unknown) => {
      const registry = new FakeRegistry().route('https://registry.npmjs.org/sigstore', json(toJsonText(p))).attestations('sigstore', '1.0.0', toJsonText(attestations));
      return verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client(), trust, now: NOW });
    };

    beforeAll(async () => {
      expect((await run(realPackument, realAttestations)).status).toBe('verified');
    });

    it('a mutated version entry, packument or attestations response gives a documented report', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('version', 'packument', 'attestations'), mutationsArb(3), async (target, mutations) => {
          let p: any = realPackument;
          let a: unknown = realAttestations;
          if (target === 'version') p = { ...realPackument, versions: { ...realPackument.versions, '1.0.0': applyMutations(realPackument.versions['1.0.0'], mutations) } };
          else if (target === 'packument') p = applyMutations(realPackument, mutations);
          else a = applyMutations(realAttestations, mutations);
          checkReport(await timed(`verifyNpmRelease(${target})`, () => run(p, a), () => run(realPackument, realAttestations)));
        }),
        params(40),
      );
    });

    it('generated JSON in place of either response gives a documented report', async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.jsonValue({ maxDepth: 4 }), async (packumentSide, value) => {
          checkReport(await timed('verifyNpmRelease(generated)', () => (packumentSide ? run(value, realAttestations) : run(realPackument, value)), () => run(realPackument, realAttestations)));
        }),
        params(40),
      );
    });
  });

  describe('PyPI (pypi-attestations 0.0.19: JSON API and Integrity API)', () => {
    const SDIST = 'pypi_attestations-0.0.19.tar.gz';
    const realJson = jsonApiRelease('pypi-attestations', '0.0.19', [dist(SDIST)]);
    const realProvenance = readJSON(`pypi-provenance/${SDIST}.provenance`);
    const run = async (jsonBody: unknown, provenance: unknown) => {
      const fake = fakePypi({
        [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: toJsonText(jsonBody) },
        [integrityUrl('pypi-attestations', '0.0.19', SDIST)]: { status: 200, body: toJsonText(provenance) },
      });
      return verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust, now: NOW });
    };

    beforeAll(async () => {
      expect((await run(realJson, realProvenance)).status).toBe('verified');
    });

    it('a mutated JSON API or Integrity API response gives a documented report', async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), mutationsArb(3), async (jsonSide, mutations) => {
          const report = await timed(`verifyPypiRelease(${jsonSide ? 'json' : 'provenance'})`, () =>
            jsonSide ? run(applyMutations(realJson, mutations), realProvenance) : run(realJson, applyMutations(realProvenance, mutations)),
            () => run(realJson, realProvenance),
          );
          checkReport(report);
        }),
        params(40),
      );
    });

    // The JSON simple index (tests/fixtures/pypi-simple, shaped from the same recordings) may only spare requests:
    // whatever it says, the report is the one without it, or the file is absent because the index lists it without provenance.
    it('a mutated or generated simple index gives the report without it, or the file absent', async () => {
      const realIndex = readJSON('pypi-simple/pypi-attestations.json');
      const withIndex = (index: unknown) => {
        const fake = fakePypi({
          [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: toJsonText(realJson) },
          [integrityUrl('pypi-attestations', '0.0.19', SDIST)]: { status: 200, body: toJsonText(realProvenance) },
          [simpleIndexUrl('pypi-attestations')]: { status: 200, body: toJsonText(index) },
        });
        return verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust, now: NOW });
      };
      const without = await run(realJson, realProvenance);
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutationsArb(3).map((m) => applyMutations(realIndex, m)), fc.jsonValue({ maxDepth: 4 })), async (index) => {
          const report = await timed('verifyPypiRelease(simple index)', () => withIndex(index), () => withIndex(realIndex));
          checkReport(report);
          if (report.status !== 'absent') expect(report).toEqual(without);
          else expect(report.artifacts.map((a) => a.status)).toEqual(['absent']);
        }),
        params(40),
      );
    });

    it('generated JSON in place of either response gives a documented report', async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.jsonValue({ maxDepth: 4 }), async (jsonSide, value) => {
          checkReport(await timed('verifyPypiRelease(generated)', () => (jsonSide ? run(value, realProvenance) : run(realJson, value)), () => run(realJson, realProvenance)));
        }),
        params(40),
      );
    });
  });
});

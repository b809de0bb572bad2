/**
 * A PyPI history over real recorded attestations: pypi-attestations 0.0.16
 * and 0.0.19, both really published by trailofbits/pypi-attestations'
 * release.yml, each bound to its real sdist digest (0.0.19's file is
 * recorded; 0.0.16's digest is its attestation's subject). pypi.org's JSON
 * API cannot be recorded from here, so the project listing is assembled
 * (warehouse's shape), with a 0.0.20 that PyPI lists without provenance —
 * the ultralytics pattern.
 */
import { describe, expect, it } from 'vitest';
import { VerdictService, type ReportCacheEntry } from '../../lib/background/verdict-service';
import { buildHistory } from '../../lib/history/history-service';
import { earlierVersions } from '../../lib/history/version-lists';
import type { PackagePage } from '../../lib/pages/package-page';
import { verifyPypiRelease } from '../../lib/registries/pypi';
import { integrityUrl, jsonApiUrl } from '../../lib/registries/pypi/names';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { dist, fakePypi, jsonApiRelease, PUBLISHERS, provenanceOf, readJSON } from '../registries/pypi-fixtures';

const NAME = 'pypi-attestations';

function registry(options: { yanked020?: boolean; fillers?: number } = {}) {
  const v16 = { filename: 'pypi_attestations-0.0.16.tar.gz', sha256: subjectDigest('pypi_attestations-0.0.16.tar.gz.attestation') };
  const v19 = dist('pypi_attestations-0.0.19.tar.gz');
  // Assembled: listed by PyPI, no provenance (the Integrity API answers 404).
  const v20 = { filename: 'pypi_attestations-0.0.20.tar.gz', sha256: 'ab'.repeat(32) };
  const releases: Record<string, { file: typeof v19; at: string; yanked?: boolean }> = {
    '0.0.16': { file: v16, at: '2024-11-05T10:00:00Z' },
    '0.0.19': { file: v19, at: '2024-12-20T10:00:00Z' },
    '0.0.20': { file: v20, at: '2025-01-10T10:00:00Z', yanked: options.yanked020 },
  };
  // Assembled fillers (the filler-release attack): listed without provenance, uploaded after 0.0.19 and before 0.0.20.
  for (let i = 0; i < (options.fillers ?? 0); i++) {
    releases[`0.0.19.post${i + 1}`] = { file: { filename: `pypi_attestations-0.0.19.post${i + 1}.tar.gz`, sha256: 'cd'.repeat(32) }, at: `2024-12-${String(21 + i).padStart(2, '0')}T10:00:00Z` };
  }
  const listing = (v: string) => ({ ...jsonApiRelease(NAME, v, [releases[v]!.file]).urls[0], upload_time_iso_8601: releases[v]!.at, yanked: releases[v]!.yanked ?? false });
  const project = { ...jsonApiRelease(NAME, '0.0.20', [v20]), releases: Object.fromEntries(Object.keys(releases).map((v) => [v, [listing(v)]])) };
  const routes: Parameters<typeof fakePypi>[0] = { [jsonApiUrl(NAME)]: { status: 200, body: project } };
  for (const [v, r] of Object.entries(releases)) {
    routes[jsonApiUrl(NAME, v)] = { status: 200, body: { ...jsonApiRelease(NAME, v, [r.file]), urls: [listing(v)] } };
  }
  routes[integrityUrl(NAME, '0.0.16', v16.filename)] = { status: 200, body: provenanceOf('pypi_attestations-0.0.16.tar.gz.attestation', PUBLISHERS.pypiAttestations) };
  routes[integrityUrl(NAME, '0.0.19', v19.filename)] = { status: 200, body: provenanceOf('pypi_attestations-0.0.19.tar.gz.publish.attestation', PUBLISHERS.pypiAttestations) };
  return fakePypi(routes);
}

function subjectDigest(attestation: string): string {
  const statement = JSON.parse(Buffer.from(readJSON(`pypi-attestations/${attestation}`).envelope.statement, 'base64').toString('utf8'));
  return statement.subject[0].digest.sha256;
}

function historyOf(client: ReturnType<typeof fakePypi>['client']) {
  const reports = new Map<string, ReportCacheEntry>();
  const service = new VerdictService({
    verifyRelease: (page) => verifyPypiRelease({ name: page.package, version: page.version }, { client, trust: publicGoodTrust(), now: new Date('2026-11-29T12:00:00Z') }),
    store: { getReport: async (k) => reports.get(k), putReport: async (k, e) => void reports.set(k, e), getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  return async (version: string) => {
    const verdict = await service.verdict({ ecosystem: 'pypi', package: NAME, version } satisfies PackagePage);
    const history = await buildHistory(verdict.report, verdict.pin, {
      earlierVersions: (p, v, limit) => earlierVersions(client, p, v, limit),
      report: async (p) => (await service.verdict(p)).report,
    });
    return { verdict, history };
  };
}

describe('PyPI history on real pypi-attestations releases', () => {
  it('0.0.19: verified, and 0.0.16 before it was verified as the same publisher: no alert', async () => {
    const { verdict, history } = await historyOf(registry().client)('0.0.19');
    expect(verdict.status).toBe('verified');
    expect(history.entries.map((e) => [e.version, e.status, e.identity?.repositoryUrl])).toEqual([['0.0.16', 'verified', 'https://github.com/trailofbits/pypi-attestations']]);
    expect(history.alerts).toEqual([]);
  });

  it('0.0.20 listed without provenance after verified 0.0.19: provenance-lost, naming both, and the walk stops there', async () => {
    const { verdict, history } = await historyOf(registry().client)('0.0.20');
    expect(verdict.status).toBe('absent');
    expect(history.entries.map((e) => [e.version, e.status])).toEqual([['0.0.19', 'verified'], ['0.0.16', 'unchecked']]);
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', version: '0.0.20', previousVersion: '0.0.19', comparedWith: 'version-line' }]);
    expect(history.alerts[0]!.message).toContain('trailofbits/pypi-attestations (release.yml)');
  });

  it('the same when 0.0.20 has been yanked (pip still installs a pinned yanked release)', async () => {
    const { history } = await historyOf(registry({ yanked020: true }).client)('0.0.20');
    expect(history.alerts.map((a) => a.kind)).toEqual(['provenance-lost']);
  });

  it('9 filler releases without provenance uploaded between 0.0.19 and 0.0.20: each costs a request (PyPI marks no provenance in its JSON API), and 0.0.19 is still reached', async () => {
    const { history } = await historyOf(registry({ fillers: 9 }).client)('0.0.20');
    expect(history.entries.map((e) => e.status)).toEqual([...Array(9).fill('absent'), 'verified', 'unchecked']);
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', previousVersion: '0.0.19', comparedWith: 'version-line' }]);
  });

  it('10 fillers use up the 10 verifications: the documented limit on PyPI', async () => {
    const { history } = await historyOf(registry({ fillers: 10 }).client)('0.0.20');
    expect(history.entries.map((e) => e.status)).toEqual([...Array(10).fill('absent'), 'unchecked', 'unchecked']);
    expect(history.alerts).toEqual([]);
  });
});

/**
 * The JSON simple index (PEP 691/700/740) as the PyPI adapter and the history
 * use it: fewer requests, the same verdicts. Attestations, provenance objects
 * and the sdist are real recordings; the indexes and JSON API responses are
 * shaped from them (tests/fixtures/SOURCES.md, pypi-simple/).
 */
import { describe, expect, it } from 'vitest';
import { VerdictService, type ReportCacheEntry } from '../../lib/background/verdict-service';
import { buildHistory } from '../../lib/history/history-service';
import { earlierVersions } from '../../lib/history/version-lists';
import { verifyPypiRelease } from '../../lib/registries/pypi';
import { integrityUrl, jsonApiUrl } from '../../lib/registries/pypi/names';
import { fetchSimpleIndex, simpleIndexFor, simpleIndexUrl } from '../../lib/registries/pypi/simple-index';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { PUBLISHERS, dist, fakePypi, jsonApiRelease, provenanceOf, readJSON, simpleIndexOf } from './pypi-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');
const NAME = 'pypi-attestations';
const SDIST = dist('pypi_attestations-0.0.19.tar.gz');
const PROVENANCE = () => readJSON(`pypi-provenance/${SDIST.filename}.provenance`);
// Wheels listed beside the real sdist without provenance (assembled names and digests: never verified).
const WHEELS = ['cp311-cp311-manylinux_2_17_x86_64', 'cp312-cp312-win_amd64', 'py3-none-any'].map((tag, i) => ({
  filename: `pypi_attestations-0.0.19-${tag}.whl`,
  sha256: String(i + 1).repeat(64),
}));
const AT = '2024-12-04T23:14:01.000000Z';

function registry(index: unknown) {
  const routes: Parameters<typeof fakePypi>[0] = {
    [jsonApiUrl(NAME, '0.0.19')]: { status: 200, body: jsonApiRelease(NAME, '0.0.19', [SDIST, ...WHEELS]) },
    [integrityUrl(NAME, '0.0.19', SDIST.filename)]: { status: 200, body: PROVENANCE() },
  };
  if (index !== undefined) routes[simpleIndexUrl(NAME)] = typeof index === 'object' && index && 'status' in index ? (index as never) : { status: 200, body: index };
  return fakePypi(routes);
}

const goodIndex = () => simpleIndexOf(NAME, [{ version: '0.0.19', files: [{ ...SDIST, at: AT, attested: true }, ...WHEELS.map((w) => ({ ...w, at: AT, attested: false }))] }]);

async function verify(fake: ReturnType<typeof fakePypi>) {
  const report = await verifyPypiRelease({ name: NAME, version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
  return { report, urls: fake.calls.map((c) => c.url) };
}

describe('the JSON simple index, read', () => {
  it('the recorded-shape index (tests/fixtures/pypi-simple): the real sdist, attested, with its sha256', async () => {
    const fake = fakePypi({ [simpleIndexUrl(NAME)]: { status: 200, body: readJSON('pypi-simple/pypi-attestations.json') } });
    const index = await fetchSimpleIndex(fake.client, 'PyPI_Attestations');
    expect([...index.files]).toEqual([[SDIST.filename, { sha256: SDIST.sha256, uploadedAt: AT, yanked: false, attested: true }]]);
    expect(fake.calls).toEqual([{ url: 'https://pypi.org/simple/pypi-attestations/', accept: 'application/vnd.pypi.simple.v1+json' }]);
  });

  it.each([
    ['an api-version before PEP 740 (1.1)', () => ({ ...goodIndex(), meta: { 'api-version': '1.1' } })],
    ['another project', () => ({ ...goodIndex(), name: 'sampleproject' })],
    ['a file without the provenance key', () => ({ ...goodIndex(), files: goodIndex().files.map(({ provenance: _, ...f }) => f) })],
    ['a file listed twice', () => ({ ...goodIndex(), files: [...goodIndex().files, goodIndex().files[0]] })],
    ['a sha256 that is not hex', () => ({ ...goodIndex(), files: [{ ...goodIndex().files[0]!, hashes: { sha256: 'z'.repeat(64) } }] })],
  ])('refused: %s', async (_, body) => {
    const fake = fakePypi({ [simpleIndexUrl(NAME)]: { status: 200, body: body() } });
    await expect(fetchSimpleIndex(fake.client, NAME)).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' });
  });

  it('one request per project for a page view; a failure is not kept', async () => {
    const ok = registry(goodIndex());
    await Promise.all([simpleIndexFor(ok.client, NAME), simpleIndexFor(ok.client, 'PyPI.Attestations')]);
    expect(await simpleIndexFor(ok.client, NAME)).toBeDefined();
    expect(ok.calls.filter((c) => c.url === simpleIndexUrl(NAME))).toHaveLength(1);
    const down = registry({ status: 404, body: { message: 'Not Found' } });
    expect(await simpleIndexFor(down.client, NAME)).toBeUndefined();
    expect(await simpleIndexFor(down.client, NAME)).toBeUndefined();
    expect(down.calls.filter((c) => c.url === simpleIndexUrl(NAME))).toHaveLength(2);
  });
});

describe('a release through the index', () => {
  it('files listed without provenance cost no request, and the report is the one the Integrity API path gives', async () => {
    const fast = await verify(registry(goodIndex()));
    const today = await verify(registry(undefined));
    expect(fast.report).toEqual(today.report);
    expect(fast.report.status).toBe('partial');
    expect(fast.urls.filter((u) => u.includes('/integrity/'))).toEqual([integrityUrl(NAME, '0.0.19', SDIST.filename)]);
    expect(fast.urls).toHaveLength(3);
    expect(today.urls.filter((u) => u.includes('/integrity/'))).toHaveLength(4);
  });

  it('a file the index lists with another sha256 is asked for as before', async () => {
    const index = goodIndex();
    index.files[1]!.hashes.sha256 = 'f'.repeat(64);
    const { urls } = await verify(registry(index));
    expect(urls).toContain(integrityUrl(NAME, '0.0.19', WHEELS[0]!.filename));
    expect(urls.filter((u) => u.includes('/integrity/'))).toHaveLength(2);
  });

  it.each([
    ['answers 500', { status: 500 }],
    ['is malformed', { ...goodIndex(), meta: { 'api-version': '1.0' } }],
    ['is too large', { status: 200, body: 'x', headers: { 'content-length': String(64 * 1024 * 1024) } }],
  ])('when the index %s: today\'s path, same report', async (_, index) => {
    const fallback = await verify(registry(index));
    const today = await verify(registry(undefined));
    expect(fallback.report).toEqual(today.report);
    expect(fallback.urls.filter((u) => u.includes('/integrity/'))).toHaveLength(4);
  });
});

describe('the history through the index', () => {
  // pypi-attestations 0.0.16 and 0.0.19 really published with provenance; 0.0.20 and the fillers assembled without.
  function project(fillers: number, withIndex = true) {
    const v16 = { filename: 'pypi_attestations-0.0.16.tar.gz', sha256: subjectDigest('pypi_attestations-0.0.16.tar.gz.attestation') };
    const v20 = { filename: 'pypi_attestations-0.0.20.tar.gz', sha256: 'ab'.repeat(32) };
    const releases = [
      { version: '0.0.16', files: [{ ...v16, at: '2024-11-07T22:43:26Z', attested: true }] },
      { version: '0.0.19', files: [{ ...SDIST, at: '2024-12-04T23:14:01Z', attested: true }] },
      ...Array.from({ length: fillers }, (_, i) => ({
        version: `0.0.19.post${i + 1}`,
        files: [{ filename: `pypi_attestations-0.0.19.post${i + 1}.tar.gz`, sha256: 'cd'.repeat(32), at: `2024-12-05T${String(i % 24).padStart(2, '0')}:00:00Z`, attested: false }],
      })),
      { version: '0.0.20', files: [{ ...v20, at: '2025-01-10T10:00:00Z', attested: false }] },
    ];
    const routes: Parameters<typeof fakePypi>[0] = {};
    if (withIndex) routes[simpleIndexUrl(NAME)] = { status: 200, body: simpleIndexOf(NAME, releases) };
    for (const r of releases) routes[jsonApiUrl(NAME, r.version)] = { status: 200, body: jsonApiRelease(NAME, r.version, r.files) };
    // The JSON API's project listing (warehouse's shape), read only without an index.
    const listing = (r: (typeof releases)[number]) => r.files.map((f) => ({ ...jsonApiRelease(NAME, r.version, [f]).urls[0], upload_time_iso_8601: f.at }));
    routes[jsonApiUrl(NAME)] = { status: 200, body: { ...jsonApiRelease(NAME, '0.0.20', [v20]), releases: Object.fromEntries(releases.map((r) => [r.version, listing(r)])) } };
    routes[integrityUrl(NAME, '0.0.16', v16.filename)] = { status: 200, body: provenanceOf('pypi_attestations-0.0.16.tar.gz.attestation', PUBLISHERS.pypiAttestations) };
    routes[integrityUrl(NAME, '0.0.19', SDIST.filename)] = { status: 200, body: PROVENANCE() };
    return fakePypi(routes);
  }

  async function history(fake: ReturnType<typeof fakePypi>, version: string) {
    const reports = new Map<string, ReportCacheEntry>();
    const service = new VerdictService({
      verifyRelease: (page) => verifyPypiRelease({ name: page.package, version: page.version }, { client: fake.client, trust: publicGoodTrust(), now: NOW }),
      store: { getReport: async (k) => reports.get(k), putReport: async (k, e) => void reports.set(k, e), getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
    });
    const verdict = await service.verdict({ ecosystem: 'pypi', package: NAME, version });
    fake.calls.length = 0;
    return buildHistory(verdict.report, verdict.pin, {
      earlierVersions: (p, v, limit) => earlierVersions(fake.client, p, v, limit),
      report: async (p) => (await service.verdict(p)).report,
    });
  }

  it('30 filler releases without provenance no longer hide 0.0.19 (10 did through the JSON API): provenance-lost', async () => {
    const h = await history(project(30), '0.0.20');
    expect(h.entries.slice(0, 30).every((e) => e.status === 'absent')).toBe(true);
    expect(h.entries[30]).toMatchObject({ version: '0.0.19', status: 'verified' });
    expect(h.alerts).toMatchObject([{ kind: 'provenance-lost', previousVersion: '0.0.19' }]);
  });

  it('the walk asks nothing for releases without provenance: the index came with the page\'s verdict, then 0.0.19\'s JSON and its one attested file', async () => {
    const fake = project(30);
    await history(fake, '0.0.20');
    expect(fake.calls.map((c) => c.url)).toEqual([jsonApiUrl(NAME, '0.0.19'), integrityUrl(NAME, '0.0.19', SDIST.filename)]);
  });

  it('without an index the history is the JSON API\'s, as before', async () => {
    const h = await history(project(3, false), '0.0.20');
    expect(h.entries.map((e) => [e.version, e.status])).toEqual([
      ['0.0.19.post3', 'absent'], ['0.0.19.post2', 'absent'], ['0.0.19.post1', 'absent'], ['0.0.19', 'verified'], ['0.0.16', 'unchecked'],
    ]);
  });
});

function subjectDigest(attestation: string): string {
  const statement = JSON.parse(Buffer.from(readJSON(`pypi-attestations/${attestation}`).envelope.statement, 'base64').toString('utf8'));
  return statement.subject[0].digest.sha256;
}

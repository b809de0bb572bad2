/**
 * The history window (docs/verdicts.md, "History window") over real recorded
 * data: the sigstore npm package's real attested releases 1.0.0 (publish.yml)
 * and 2.0.0 (release.yml), verified by the real adapter. The scenarios need
 * publish orders and versions the recording does not have, so the test's
 * packument is arranged, and says so where it is:
 * - its `time` map is written here (the recorded mirror's dates are not
 *   npm's), re-dating the versions into the order each scenario needs;
 * - versions the recording lacks (a 1.0.1 backport, filler releases) are
 *   added as copies of the real 2.3.1 entry under the new version number;
 *   like 2.3.1 they have no attestations (the endpoint answers 404);
 * - where a scenario says the registry marks attestations, the verified
 *   versions carry `dist.attestations` as registry.npmjs.org writes it (the
 *   mirror the packument was recorded from strips it).
 */
import { describe, expect, it } from 'vitest';
import { VerdictService, type ReportCacheEntry } from '../../lib/background/verdict-service';
import { buildHistory, HISTORY_LIMITS } from '../../lib/history/history-service';
import { earlierVersions } from '../../lib/history/version-lists';
import type { PackagePage } from '../../lib/pages/package-page';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { readFixtureJSON } from '../support/fixtures';
import { advertise, FakeRegistry, packument, SLSA_V02, SLSA_V1, type Json } from '../registries/npm-fixtures';

const DAY = 24 * 3600 * 1000;
const at = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * DAY).toISOString();

interface Scenario {
  /** Versions in publish order; versions the recording lacks are copies of 2.3.1. */
  published: string[];
  /** Which of the real attested releases the registry serves attestations for. */
  attested?: ('1.0.0' | '2.0.0')[];
  /** Whether the packument carries dist.attestations for them (registry.npmjs.org does). */
  marked?: boolean;
}

function arrange({ published, attested = ['1.0.0', '2.0.0'], marked = false }: Scenario) {
  const recorded = packument('sigstore');
  let p: Json = { ...recorded, versions: {}, time: {} };
  published.forEach((v, i) => {
    p.versions[v] = { ...structuredClone(recorded.versions[v] ?? recorded.versions['2.3.1']), version: v };
    p.time[v] = at(i);
  });
  if (marked) {
    if (attested.includes('1.0.0')) p = advertise(p, '1.0.0', SLSA_V02);
    if (attested.includes('2.0.0')) p = advertise(p, '2.0.0', SLSA_V1);
  }
  const registry = new FakeRegistry().packument(p);
  if (attested.includes('1.0.0')) registry.attestations('sigstore', '1.0.0', readFixtureJSON('npm-attestations/npm-cli/valid-sigstore-attestations.json'));
  if (attested.includes('2.0.0')) {
    const v2 = readFixtureJSON('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json');
    registry.attestations('sigstore', '2.0.0', { attestations: [{ predicateType: SLSA_V1, bundle: v2 }] });
  }
  return registry;
}

async function historyOf(registry: FakeRegistry, version: string) {
  const client = registry.client();
  const reports = new Map<string, ReportCacheEntry>();
  const service = new VerdictService({
    verifyRelease: (page) => verifyNpmRelease({ name: page.package, version: page.version }, { client, trust: publicGoodTrust() }),
    store: { getReport: async (k) => reports.get(k), putReport: async (k, e) => void reports.set(k, e), getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const verdict = await service.verdict({ ecosystem: 'npm', package: 'sigstore', version } satisfies PackagePage);
  const history = await buildHistory(verdict.report, verdict.pin, {
    earlierVersions: (p, v, limit) => earlierVersions(client, p, v, limit),
    report: async (p) => (await service.verdict(p)).report,
  });
  return { verdict, history };
}

/** The versions whose attestations were asked for, in order. */
function attestationRequests(registry: FakeRegistry): string[] {
  const prefix = attestationsUrl('sigstore', '1.0.0').slice(0, -'1.0.0'.length);
  return registry.urls.filter((u) => u.startsWith(prefix)).map((u) => u.slice(prefix.length));
}

const fillers = (from: number, count: number) => Array.from({ length: count }, (_, i) => `2.0.${from + i}`);

describe('history window: by publish time, version line first', () => {
  it('a backport 1.0.1 published after 2.0.0 without provenance: provenance-lost against 1.0.0, its own version line, named', async () => {
    const { verdict, history } = await historyOf(arrange({ published: ['1.0.0', '2.0.0', '1.0.1'] }), '1.0.1');
    expect(verdict.status).toBe('absent');
    // Newest first by publish time: 2.0.0 came out after 1.0.0.
    expect(history.entries.map((e) => [e.version, e.status])).toEqual([['2.0.0', 'verified'], ['1.0.0', 'verified']]);
    expect(history.alerts).toHaveLength(1);
    expect(history.alerts[0]).toMatchObject({ kind: 'provenance-lost', level: 'high', version: '1.0.1', previousVersion: '1.0.0', comparedWith: 'version-line', previousIdentity: { workflowPath: '.github/workflows/publish.yml' } });
    expect(history.alerts[0]!.message).toBe(
      '1.0.1 has no provenance, but 1.0.0, the newest verified 1.x release, was verified as built by sigstore/sigstore-js (publish.yml).',
    );
  });

  it('a backport whose line never had provenance is not reported against the newer line alone (pnpm #10622): no alert', async () => {
    // 1.0.0 is served without attestations here (as if published before npm provenance existed).
    const { history } = await historyOf(arrange({ published: ['1.0.0', '2.0.0', '1.0.1'], attested: ['2.0.0'] }), '1.0.1');
    expect(history.entries.map((e) => [e.version, e.status])).toEqual([['2.0.0', 'verified'], ['1.0.0', 'absent']]);
    // 2.0.0 is the newest verified release overall, but of a newer line: the 1.x line never had provenance to lose.
    expect(history.alerts).toEqual([]);
  });

  it('a release of a new line is still compared with an older line: 2.0.1 without provenance after 1.0.0 and an unattested 2.0.0', async () => {
    const { history } = await historyOf(arrange({ published: ['1.0.0', '2.0.0', '2.0.1'], attested: ['1.0.0'] }), '2.0.1');
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', version: '2.0.1', previousVersion: '1.0.0', comparedWith: 'overall' }]);
    expect(history.alerts[0]!.message).toBe(
      '2.0.1 has no provenance, but 1.0.0, the newest verified release overall (no earlier 2.x release was verified), was verified as built by sigstore/sigstore-js (publish.yml).',
    );
  });

  it('publisher-changed says which comparison it came from: 2.0.0 has no earlier 2.x release, so it is compared overall', async () => {
    const { history } = await historyOf(arrange({ published: ['1.0.0', '2.0.0'] }), '2.0.0');
    // Within the same repository 1.0.0 was released from a tag on a release event, 2.0.0 from a push to main: all medium.
    expect(history.alerts).toMatchObject([{ kind: 'publisher-changed', level: 'medium', version: '2.0.0', previousVersion: '1.0.0', comparedWith: 'overall', changed: ['workflowPath', 'trigger', 'refKind'] }]);
    expect(history.alerts[0]!.message).toContain('; 1.0.0 is the newest verified release overall (no earlier 2.x release was verified).');
  });

  it('the walk stops once the version line has its reference: a verified release of the line that is also the newest overall ends it', async () => {
    // Re-dated: 2.0.0 first, then 1.0.0, then 1.0.1.
    const registry = arrange({ published: ['2.0.0', '1.0.0', '1.0.1'] });
    const { history } = await historyOf(registry, '1.0.1');
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', previousVersion: '1.0.0', comparedWith: 'version-line' }]);
    expect(history.entries.map((e) => [e.version, e.status])).toEqual([['1.0.0', 'verified'], ['2.0.0', 'unchecked']]);
    expect(attestationRequests(registry)).toEqual(['1.0.1', '1.0.0']);
  });
});

describe('history window: filler releases do not push a verified release out', () => {
  const published = ['1.0.0', '2.0.0', ...fillers(1, 12), '2.0.13'];

  it('12 fillers without provenance between verified 2.0.0 and 2.0.13: provenance-lost against 2.0.0, no request for any filler', async () => {
    const registry = arrange({ published, marked: true });
    const { verdict, history } = await historyOf(registry, '2.0.13');
    expect(verdict.status).toBe('absent');
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', version: '2.0.13', previousVersion: '2.0.0', comparedWith: 'version-line' }]);
    // The fillers are listed as the registry marks them, the walk stops at 2.0.0 (1.0.0 is another line, not needed).
    expect(history.entries.map((e) => [e.version, e.status])).toEqual([...fillers(1, 12).reverse().map((v) => [v, 'absent']), ['2.0.0', 'verified'], ['1.0.0', 'unchecked']]);
    // Only the viewed release's own attestations and 2.0.0's were asked for.
    expect(attestationRequests(registry)).toEqual(['2.0.13', '2.0.0']);
  });

  it(`up to ${HISTORY_LIMITS.examined} releases are examined: 48 marked fillers still reach 2.0.0`, async () => {
    const many = ['1.0.0', '2.0.0', ...fillers(1, 48), '2.0.49'];
    const { history } = await historyOf(arrange({ published: many, marked: true }), '2.0.49');
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', previousVersion: '2.0.0' }]);
  });

  it(`where the registry does not mark attestations each filler costs a request, at most ${HISTORY_LIMITS.verifications} (the documented limit)`, async () => {
    const registry = arrange({ published });
    const { history } = await historyOf(registry, '2.0.13');
    expect(attestationRequests(registry)).toEqual(['2.0.13', ...fillers(3, 10).reverse()]);
    expect(history.entries.filter((e) => e.status === 'unchecked').map((e) => e.version)).toEqual(['2.0.2', '2.0.1', '2.0.0', '1.0.0']);
    expect(history.alerts).toEqual([]);
  });

  it('where it does not mark them and fewer fillers fit the window, the verified release is reached', async () => {
    const few = ['1.0.0', '2.0.0', ...fillers(1, 9), '2.0.10'];
    const { history } = await historyOf(arrange({ published: few }), '2.0.10');
    expect(history.alerts).toMatchObject([{ kind: 'provenance-lost', previousVersion: '2.0.0', comparedWith: 'version-line' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { cacheBytes, MAX_CACHE_BYTES, pruneReports, verifiedIdentitiesIn } from '../../lib/background/report-cache';
import { verifyPypiRelease } from '../../lib/registries/pypi';
import { integrityUrl, jsonApiUrl } from '../../lib/registries/pypi/names';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { dist, fakePypi, jsonApiRelease, readJSON } from '../registries/pypi-fixtures';
import type { ReleaseReport } from '../../lib/report/model';

const report: ReleaseReport = { ecosystem: 'npm', package: 'a', version: '1.0.0', status: 'absent', artifacts: [], checkedAt: '2026-01-01T00:00:00Z' };
const NOW = Date.parse('2026-01-01T12:00:00Z');
const entry = (storedAt: string, expiresAt = '2026-01-02T00:00:00Z') => ({ report, storedAt, expiresAt });

describe('pruneReports', () => {
  it('drops expired and unreadable entries', () => {
    const kept = pruneReports(
      { live: entry('2026-01-01T11:00:00Z'), expired: entry('2026-01-01T00:00:00Z', '2026-01-01T11:59:59Z'), junk: { report: 'x' } },
      NOW,
    );
    expect(Object.keys(kept)).toEqual(['live']);
  });

  it('keeps the newest entries up to the cap', () => {
    const all = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, entry(`2026-01-01T0${i}:00:00Z`)]));
    expect(Object.keys(pruneReports(all, NOW, 3)).sort()).toEqual(['k3', 'k4', 'k5']);
    expect(Object.keys(pruneReports(all, NOW)).length).toBe(6);
  });

  it('is bounded in bytes: 400 reports of 60-file releases stay under the budget, newest first (issue 11, finding 9)', async () => {
    // The real verified report of pypi_attestations 0.0.19, its one file standing for each of 60.
    const file = dist('pypi_attestations-0.0.19.tar.gz');
    const fake = fakePypi({
      [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [file]) },
      [integrityUrl('pypi-attestations', '0.0.19', file.filename)]: { status: 200, body: readJSON('pypi-provenance/pypi_attestations-0.0.19.tar.gz.provenance') },
    });
    const real = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: new Date(NOW) });
    expect(real.status).toBe('verified');
    const big = { ...real, artifacts: Array.from({ length: 60 }, (_, i) => ({ ...real.artifacts[0]!, name: `pypi_attestations-0.0.19-cp3${i}-none-any.whl` })) };
    const all = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`pypi:p${i}@1`, { report: big, storedAt: new Date(NOW - (400 - i) * 1000).toISOString(), expiresAt: '2026-01-02T00:00:00Z' }]),
    );
    expect(cacheBytes(all)).toBeGreaterThan(3 * MAX_CACHE_BYTES);
    const kept = pruneReports(all, NOW);
    expect(cacheBytes(kept)).toBeLessThanOrEqual(MAX_CACHE_BYTES);
    const keys = Object.keys(kept);
    expect(keys.length).toBeGreaterThan(10);
    // The newest ones stay.
    expect(keys[0]).toBe('pypi:p399@1');
    expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => `pypi:p${399 - i}@1`));
  });
});

describe('verifiedIdentitiesIn', () => {
  const id = (workflow: string) => ({ publisherKind: 'github' as const, repositoryUrl: 'https://github.com/o/r', repositoryId: '1', ownerId: '2', workflowPath: workflow });
  const cached = (r: Partial<ReleaseReport>) => ({ report: { ...report, ...r }, storedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-01T00:10:00Z' });

  it('offers the verified releases of that package only, newest check first', () => {
    const all = {
      a1: cached({ version: '1.0.0', status: 'verified', identity: id('old.yml'), checkedAt: '2026-01-01T00:00:00Z' }),
      a2: cached({ version: '2.0.0', status: 'partial', identity: id('new.yml'), checkedAt: '2026-02-01T00:00:00Z' }),
      failed: cached({ version: '3.0.0', status: 'failed', identity: id('evil.yml') }),
      noIdentity: cached({ version: '4.0.0', status: 'verified' }),
      other: cached({ package: 'b', status: 'verified', identity: id('b.yml') }),
      pypi: cached({ ecosystem: 'pypi', status: 'verified', identity: id('p.yml') }),
      junk: { report: 'x' },
    };
    expect(verifiedIdentitiesIn(all, 'npm', 'a').map((f) => [f.version, f.identity.workflowPath])).toEqual([
      ['2.0.0', 'new.yml'],
      ['1.0.0', 'old.yml'],
    ]);
    expect(verifiedIdentitiesIn(all, 'npm', 'nothing')).toEqual([]);
  });
});

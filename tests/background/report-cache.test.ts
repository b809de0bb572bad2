import { describe, expect, it } from 'vitest';
import { pruneReports, verifiedIdentitiesIn } from '../../lib/background/report-cache';
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

import { describe, expect, it } from 'vitest';
import { pruneReports } from '../../lib/background/report-cache';
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

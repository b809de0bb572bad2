import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CACHE_BYTES, MAX_ENTRY_BYTES, pruneReports, utf8Length, verifiedIdentitiesIn } from '../../lib/background/report-cache';
import { VerdictService, type VerdictStore } from '../../lib/background/verdict-service';
import { integrityUrl, jsonApiUrl, verifyPypiRelease } from '../../lib/registries/pypi';
import type { ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { dist, fakePypi, jsonApiRelease, readJSON } from '../registries/pypi-fixtures';

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
    expect(Object.keys(pruneReports(all, NOW, { maxEntries: 3 })).sort()).toEqual(['k3', 'k4', 'k5']);
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

/**
 * A real-sized report: the PyPI adapter verifies the recorded pypi-attestations
 * 0.0.19 sdist (real Integrity API response and attestation), and that file's
 * report is repeated under the names of a 60-file release (one wheel per
 * CPython version and platform, like numpy's or cryptography's releases).
 */
async function sixtyFileReport(): Promise<ReleaseReport> {
  const sdist = 'pypi_attestations-0.0.19.tar.gz';
  const fake = fakePypi({
    [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist(sdist)]) },
    [integrityUrl('pypi-attestations', '0.0.19', sdist)]: { status: 200, body: readJSON(`pypi-provenance/${sdist}.provenance`) },
  });
  const one = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: new Date('2026-11-22T12:00:00Z') });
  expect(one.status).toBe('verified');
  const artifact = one.artifacts[0]!;
  const platforms = ['manylinux_2_17_x86_64.manylinux2014_x86_64', 'manylinux_2_17_aarch64.manylinux2014_aarch64', 'musllinux_1_2_x86_64', 'musllinux_1_2_aarch64', 'macosx_11_0_arm64', 'macosx_10_13_x86_64', 'win_amd64', 'win32', 'win_arm64', 'manylinux_2_28_ppc64le'];
  const pythons = ['cp39', 'cp310', 'cp311', 'cp312', 'cp313', 'cp314'];
  const artifacts = pythons.flatMap((py) => platforms.map((platform, i) => ({
    ...artifact,
    name: `pypi_attestations-0.0.19-${py}-${py}-${platform}.whl`,
    digest: { algorithm: 'sha256' as const, hex: `${i}${py}`.padEnd(64, 'f').slice(0, 64) },
  })));
  expect(artifacts).toHaveLength(60);
  return { ...one, artifacts };
}

describe('the cache is bounded in bytes', () => {
  let big: ReleaseReport;
  beforeAll(async () => {
    big = await sixtyFileReport();
  });
  const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
  const entryOf = (r: ReleaseReport, minutes: number) => ({ report: r, storedAt: at(minutes), expiresAt: at(minutes + 24 * 60) });
  const sizeOf = (all: unknown) => utf8Length(JSON.stringify(all));

  it('a 60-file PyPI report is tens of kilobytes (83 KB: 400 of them would take 33 MB)', () => {
    const bytes = sizeOf(entryOf(big, 0));
    expect(bytes).toBeGreaterThan(40_000);
    expect(bytes).toBeLessThan(MAX_ENTRY_BYTES);
  });

  it('400 reports of 60-file releases stay within the budget, newest kept, oldest evicted', () => {
    let all: Record<string, unknown> = {};
    for (let i = 0; i < 400; i++) {
      const r = { ...big, version: `1.${i}.0` };
      all = pruneReports({ ...all, [`pypi:pypi-attestations@1.${i}.0`]: entryOf(r, i) }, NOW + i * 60_000);
      if (i % 50 === 49) expect(sizeOf(all)).toBeLessThanOrEqual(MAX_CACHE_BYTES);
    }
    expect(sizeOf(all)).toBeLessThanOrEqual(MAX_CACHE_BYTES);
    const keys = Object.keys(all);
    expect(keys).toContain('pypi:pypi-attestations@1.399.0');
    expect(keys).not.toContain('pypi:pypi-attestations@1.0.0');
    // Eviction is oldest first: what is kept is one unbroken run of the newest.
    const kept = keys.map((k) => Number(/@1\.(\d+)\.0$/.exec(k)![1])).sort((a, b) => a - b);
    expect(kept[kept.length - 1]! - kept[0]! + 1).toBe(kept.length);
    expect(kept.length).toBeGreaterThan(20);
    // 10 MiB of storage.local minus the cache leaves room for pins and settings.
    expect(sizeOf(all)).toBeLessThan(10 * 1024 * 1024 - 4 * 1024 * 1024);
  });

  it('a single entry over the per-entry limit is not cached, and nothing else is lost for it', () => {
    const small = { 'npm:a@1.0.0': entryOf(report, 0) };
    const huge = { ...big, artifacts: Array.from({ length: 16 }, () => big.artifacts).flat() };
    expect(sizeOf(entryOf(huge, 1))).toBeGreaterThan(MAX_ENTRY_BYTES);
    const after = pruneReports({ ...small, 'pypi:huge@1.0.0': entryOf(huge, 1) }, NOW);
    expect(Object.keys(after)).toEqual(['npm:a@1.0.0']);
  });

  it('counts non-ASCII text in UTF-8 bytes, as Chromium\u2019s quota does', () => {
    expect(utf8Length('a\u00e9\u2019\u{1F512}')).toBe(new TextEncoder().encode('a\u00e9\u2019\u{1F512}').length);
  });
});

describe('a verdict survives a failing cache write', () => {
  it('storage.local over its quota: the verified verdict still reaches the caller', async () => {
    const big = await sixtyFileReport();
    let writes = 0;
    const store: VerdictStore = {
      getReport: async () => undefined,
      putReport: async () => {
        writes++;
        // What Chromium's storage.local.set rejects with past QUOTA_BYTES.
        throw new Error('QUOTA_BYTES quota exceeded');
      },
      getPin: async () => undefined,
      addPin: async () => {},
      trustOnFirstUse: async () => false,
    };
    const service = new VerdictService({ store, verifyRelease: async () => big, now: () => new Date(NOW) });
    const verdict = await service.verdict({ ecosystem: 'pypi', package: 'pypi-attestations', version: '0.0.19' });
    expect(writes).toBe(1);
    expect(verdict.status).toBe('verified');
  });
});

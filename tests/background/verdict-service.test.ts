import { describe, expect, it } from 'vitest';
import { pageKey } from '../../lib/background/release-key';
import { VerdictService, type ReportCacheEntry, type VerdictStore } from '../../lib/background/verdict-service';
import type { PackagePage } from '../../lib/pages/package-page';
import { pinSchema, type Pin } from '../../lib/policy/pins';
import type { ReleaseReport } from '../../lib/report/model';

function memoryStore(tofu = false) {
  const reports = new Map<string, ReportCacheEntry>();
  const pins: Pin[] = [];
  const store: VerdictStore = {
    getReport: async (k) => reports.get(k),
    putReport: async (k, e) => void reports.set(k, e),
    getPin: async (eco, pkg) => pins.find((p) => p.ecosystem === eco && p.package === pkg),
    addPin: async (p) => void pins.push(p),
    trustOnFirstUse: async () => tofu,
  };
  return { store, reports, pins };
}

const identity = { publisherKind: 'github' as const, repositoryUrl: 'https://github.com/a/b', repositoryId: '1', workflowPath: '.github/workflows/r.yml', issuer: 'https://token.actions.githubusercontent.com' };

function reportFor(page: PackagePage, status: ReleaseReport['status'], version = page.version ?? '2.0.0'): ReleaseReport {
  return {
    ecosystem: page.ecosystem,
    package: page.package,
    version,
    status,
    artifacts: [],
    identity: status === 'verified' ? identity : undefined,
    checkedAt: new Date().toISOString(),
  };
}

describe('VerdictService', () => {
  const page: PackagePage = { ecosystem: 'npm', package: 'sigstore', version: '1.0.0' };

  it('returns the verdict when caching it fails, and treats an unreadable cache as a miss (issue 11, finding 9)', async () => {
    const { store } = memoryStore();
    let verifications = 0;
    const quotaFull: VerdictStore = {
      ...store,
      getReport: async () => Promise.reject(new Error('storage read failed')),
      putReport: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
    };
    const service = new VerdictService({ verifyRelease: async (p) => (verifications++, reportFor(p, 'verified')), store: quotaFull });
    await expect(service.verdict(page)).resolves.toMatchObject({ status: 'verified' });
    await expect(service.verdict({ ecosystem: 'npm', package: 'sigstore' })).resolves.toMatchObject({ status: 'verified' });
    expect(verifications).toBe(2);
  });

  it('shares one verification between concurrent requests', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { store } = memoryStore();
    const service = new VerdictService({ store, verifyRelease: async (p) => { calls++; await gate; return reportFor(p, 'verified'); } });
    const a = service.verdict(page);
    const b = service.verdict(page);
    await new Promise((r) => setTimeout(r, 0));
    expect(service.isPending(page)).toBe(true);
    release();
    expect((await a).status).toBe('verified');
    expect((await b).status).toBe('verified');
    expect(calls).toBe(1);
  });

  it('serves later requests from the cache, which a new service (restarted worker) still reads', async () => {
    let calls = 0;
    const { store } = memoryStore();
    const verifyRelease = async (p: PackagePage) => { calls++; return reportFor(p, 'verified'); };
    await new VerdictService({ store, verifyRelease }).verdict(page);
    const restarted = new VerdictService({ store, verifyRelease });
    expect((await restarted.cachedVerdict(page))?.status).toBe('verified');
    await restarted.verdict(page);
    expect(calls).toBe(1);
  });

  it('never caches errors, and force re-verifies', async () => {
    const statuses: ReleaseReport['status'][] = ['error', 'verified', 'failed'];
    const { store } = memoryStore();
    const service = new VerdictService({ store, verifyRelease: async (p) => reportFor(p, statuses.shift()!) });
    expect((await service.verdict(page)).status).toBe('error');
    expect((await service.verdict(page)).status).toBe('verified');
    expect((await service.verdict(page)).status).toBe('verified');
    expect((await service.verdict(page, { force: true })).status).toBe('failed');
  });

  it('expires absent reports after ten minutes, verified after a day', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    let calls = 0;
    const { store } = memoryStore();
    const service = new VerdictService({ store, now: () => now, verifyRelease: async (p) => { calls++; return reportFor(p, 'absent'); } });
    await service.verdict(page);
    now = new Date('2026-01-01T00:09:00Z');
    await service.verdict(page);
    expect(calls).toBe(1);
    now = new Date('2026-01-01T00:11:00Z');
    await service.verdict(page);
    expect(calls).toBe(2);
  });

  it('caches "latest" under the resolved version too', async () => {
    const { store, reports } = memoryStore();
    const service = new VerdictService({ store, verifyRelease: async (p) => reportFor(p, 'verified', '2.0.0') });
    await service.verdict({ ecosystem: 'npm', package: 'sigstore' });
    expect([...reports.keys()].sort()).toEqual(['npm:sigstore@#latest', 'npm:sigstore@2.0.0']);
  });

  it('never serves a release literally named "latest" as the project page\'s latest alias', async () => {
    const { store } = memoryStore();
    const legacy: PackagePage = { ecosystem: 'pypi', package: 'foo', version: 'latest' };
    const service = new VerdictService({ store, verifyRelease: async (p) => (p.version ? reportFor(p, 'verified') : reportFor(p, 'failed', '2.0')) });
    expect((await service.verdict(legacy)).status).toBe('verified');
    const project = await service.verdict({ ecosystem: 'pypi', package: 'foo' });
    expect(project.status).toBe('failed');
    expect(project.report.version).toBe('2.0');
  });

  it('rechecks a verified PyPI release after ten minutes (it can gain files), a verified npm version after a day', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const calls: Record<string, number> = { npm: 0, pypi: 0 };
    const { store } = memoryStore();
    const service = new VerdictService({ store, now: () => now, verifyRelease: async (p) => { calls[p.ecosystem] = (calls[p.ecosystem] ?? 0) + 1; return reportFor(p, 'verified'); } });
    const pypi: PackagePage = { ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0' };
    await service.verdict(page);
    await service.verdict(pypi);
    now = new Date('2026-01-01T00:11:00Z');
    await service.verdict(page);
    await service.verdict(pypi);
    expect(calls).toEqual({ npm: 1, pypi: 2 });
  });

  it('judges against the current pin on every read', async () => {
    const { store, pins } = memoryStore();
    const service = new VerdictService({ store, verifyRelease: async (p) => reportFor(p, 'verified') });
    expect((await service.verdict(page)).status).toBe('verified');
    pins.push(pinSchema.parse({ ecosystem: 'npm', package: 'sigstore', identities: [{ repositoryUrl: 'https://github.com/evil/b' }], createdAt: 'x' }));
    expect((await service.verdict(page)).status).toBe('mismatch');
  });

  it('trust on first use pins the first verified identity only when enabled', async () => {
    const off = memoryStore(false);
    await new VerdictService({ store: off.store, verifyRelease: async (p) => reportFor(p, 'verified') }).verdict(page);
    expect(off.pins).toHaveLength(0);
    const on = memoryStore(true);
    await new VerdictService({ store: on.store, verifyRelease: async (p) => reportFor(p, 'verified') }).verdict(page);
    expect(on.pins).toHaveLength(1);
    expect(on.pins[0]).toMatchObject({ source: 'first-use', identities: [{ repositoryUrl: 'https://github.com/a/b', repositoryId: '1' }] });
  });

  it('normalizes PyPI names for cache keys', async () => {
    const { store, reports } = memoryStore();
    const service = new VerdictService({ store, verifyRelease: async (p) => reportFor({ ...p, package: 'pypi-attestations' }, 'verified') });
    await service.verdict({ ecosystem: 'pypi', package: 'PyPI_Attestations', version: '0.0.19' });
    expect([...reports.keys()]).toEqual(['pypi:pypi-attestations@0.0.19']);
  });
});

describe('VerdictService: the latest version of a version-less page (issue 11, finding 7)', () => {
  const versionless: PackagePage = { ecosystem: 'npm', package: 'sigstore' };

  it('is resolved on every visit, so a new release is judged at once; each version is verified once', async () => {
    const { store } = memoryStore();
    let latest = '1.0.0';
    const verified: string[] = [];
    const service = new VerdictService({
      verifyRelease: async (p) => (verified.push(p.version ?? 'latest'), reportFor(p, p.version === '1.1.0' ? 'absent' : 'verified')),
      latestVersion: async () => latest,
      store,
    });
    expect((await service.verdict(versionless)).report.version).toBe('1.0.0');
    latest = '1.1.0'; // published a minute later
    const after = await service.verdict(versionless);
    expect(after.report.version).toBe('1.1.0');
    expect(after.status).toBe('absent');
    await service.verdict(versionless);
    expect(verified).toEqual(['1.0.0', '1.1.0']);
    // The popup's cached view of the page follows the latest visit.
    expect((await service.cachedVerdict(versionless))?.report.version).toBe('1.1.0');
  });

  it('rewrites the page\u2019s alias entry only when it names another report or half its lifetime has passed, never on every visit', async () => {
    const { store } = memoryStore();
    const writes: string[] = [];
    const counting: VerdictStore = { ...store, putReport: async (k, e) => (writes.push(k), store.putReport(k, e)) };
    let now = Date.parse('2026-12-06T12:00:00Z');
    let latest = '1.0.0';
    const service = new VerdictService({ verifyRelease: async (p) => reportFor(p, 'verified'), latestVersion: async () => latest, store: counting, now: () => new Date(now) });
    const alias = pageKey(versionless);
    await service.verdict(versionless);
    const first = writes.filter((k) => k === alias).length;
    expect(first).toBe(1);
    for (let i = 0; i < 5; i++) await service.verdict(versionless);
    expect(writes.filter((k) => k === alias).length).toBe(first);
    // The alias lives 10 minutes: after 6 it is refreshed once, then left alone again.
    now += 6 * 60_000;
    await service.verdict(versionless);
    await service.verdict(versionless);
    expect(writes.filter((k) => k === alias).length).toBe(first + 1);
    // A new latest version is written at once.
    latest = '1.1.0';
    await service.verdict(versionless);
    expect(writes.filter((k) => k === alias).length).toBe(first + 2);
    expect((await service.cachedVerdict(versionless))?.report.version).toBe('1.1.0');
  });

  it('falls back to the adapter\u2019s own resolution when the latest version cannot be asked', async () => {
    const { store } = memoryStore();
    const service = new VerdictService({
      verifyRelease: async (p) => reportFor(p, 'verified', p.version ?? '2.0.0'),
      latestVersion: async () => Promise.reject(new Error('offline')),
      store,
    });
    expect((await service.verdict(versionless)).report.version).toBe('2.0.0');
  });
});

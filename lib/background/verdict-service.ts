import type { PackagePage } from '../pages/package-page';
import { pinFromIdentity, type Pin } from '../policy/pins';
import { judge, type Verdict } from '../policy/verdict';
import { releaseReportSchema, type Ecosystem, type ReleaseReport } from '../report/model';
import { normalizePackageName, pageKey, releaseKey } from './release-key';

export interface ReportCacheEntry {
  report: ReleaseReport;
  storedAt: string;
  expiresAt: string;
}

/** Persistence the service needs; the background wires it to extension storage, tests to memory. */
export interface VerdictStore {
  getReport(key: string): Promise<ReportCacheEntry | undefined>;
  putReport(key: string, entry: ReportCacheEntry): Promise<void>;
  getPin(ecosystem: string, pkg: string): Promise<Pin | undefined>;
  addPin(pin: Pin): Promise<void>;
  trustOnFirstUse(): Promise<boolean>;
}

export interface VerdictServiceDeps {
  verifyRelease(page: PackagePage): Promise<ReleaseReport>;
  store: VerdictStore;
  now?: () => Date;
}

/**
 * How long a report stays valid. npm versions are immutable: one tarball,
 * attested or not at publish time. A PyPI release can gain files (with or
 * without provenance) after its first upload, so any PyPI verdict that a new
 * file could change (verified, unsupported, partial, absent) is rechecked after
 * the Integrity API's own 10-minute cache lifetime; a failed file stays failed.
 * Errors are never cached.
 */
const TTL_MS: Record<Ecosystem, Record<ReleaseReport['status'], number>> = {
  npm: { verified: 24 * 3600_000, failed: 24 * 3600_000, unsupported: 24 * 3600_000, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
  pypi: { verified: 10 * 60_000, failed: 24 * 3600_000, unsupported: 10 * 60_000, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
};
/** "Latest" is not immutable: its alias to a version is kept briefly. */
const LATEST_TTL_MS = 10 * 60_000;

export class VerdictService {
  private readonly inflight = new Map<string, Promise<ReleaseReport>>();
  private readonly now: () => Date;

  constructor(private readonly deps: VerdictServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** True while a verification for this page is running in this worker. */
  isPending(page: PackagePage): boolean {
    return this.inflight.has(pageKey(page));
  }

  /** The cached verdict for a page, judged against the current pin, without verifying. */
  async cachedVerdict(page: PackagePage): Promise<Verdict | undefined> {
    const report = await this.freshReport(pageKey(page));
    return report ? this.judgeWithPin(report) : undefined;
  }

  /**
   * The verdict for a page. Concurrent calls for the same release share one
   * verification; `force` skips the cache (user's "check again").
   */
  async verdict(page: PackagePage, options: { force?: boolean } = {}): Promise<Verdict> {
    const key = pageKey(page);
    if (!options.force) {
      const cached = await this.freshReport(key);
      if (cached) return this.judgeWithPin(cached);
    }
    let running = this.inflight.get(key);
    if (!running) {
      running = this.verifyAndStore(page, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, running);
    }
    return this.judgeWithPin(await running);
  }

  private async verifyAndStore(page: PackagePage, key: string): Promise<ReleaseReport> {
    const report = releaseReportSchema.parse(await this.deps.verifyRelease(page));
    // A failure the adapter marks retryable (e.g. attestations announced but not served) may be a registry hiccup.
    const base = TTL_MS[report.ecosystem][report.status];
    const ttl = report.retryable && report.status !== 'error' ? Math.min(base, 10 * 60_000) : base;
    if (ttl > 0) await this.cache(page, key, report, ttl);
    return report;
  }

  /**
   * Caching is an optimisation: when a write fails (storage.local over its
   * quota, storage unavailable) the verdict still reaches the caller, and the
   * next visit verifies again.
   */
  private async cache(page: PackagePage, key: string, report: ReleaseReport, ttl: number): Promise<void> {
    const storedAt = this.now();
    const entry = (ms: number) => ({ report, storedAt: storedAt.toISOString(), expiresAt: new Date(storedAt.getTime() + ms).toISOString() });
    try {
      await this.deps.store.putReport(releaseKey(report.ecosystem, report.package, report.version), entry(ttl));
      if (!page.version) await this.deps.store.putReport(key, entry(Math.min(ttl, LATEST_TTL_MS)));
    } catch (e) {
      console.warn('Provenant: verdict not cached', e);
    }
  }

  private async freshReport(key: string): Promise<ReleaseReport | undefined> {
    const entry = await this.deps.store.getReport(key);
    if (!entry || Date.parse(entry.expiresAt) <= this.now().getTime()) return undefined;
    return entry.report;
  }

  private async judgeWithPin(report: ReleaseReport): Promise<Verdict> {
    const pkg = normalizePackageName(report.ecosystem, report.package);
    let pin = await this.deps.store.getPin(report.ecosystem, pkg);
    if (!pin && report.status === 'verified' && report.identity && (await this.deps.store.trustOnFirstUse())) {
      pin = pinFromIdentity(report.ecosystem, pkg, report.identity, 'first-use', this.now());
      await this.deps.store.addPin(pin);
    }
    return judge(report, pin);
  }
}

import { packagePageSchema, type PackagePage } from '../pages/package-page';
import { pinFromIdentity, type Pin } from '../policy/pins';
import { verifiedAsOne } from '../policy/status';
import { judge, type Verdict } from '../policy/verdict';
import { releaseReportSchema, type ReleaseReport } from '../report/model';
import { registryFor } from '../registries/list';
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
  /**
   * The version a version-less page shows now (lib/background/latest-version.ts),
   * asked on every visit. Without it, or when it fails, the adapter resolves
   * "latest" itself and the answer is kept LATEST_TTL_MS.
   */
  latestVersion?(page: PackagePage): Promise<string>;
  store: VerdictStore;
  now?: () => Date;
}

/**
 * How long a report stays valid: each registry's `cacheLifetimes`
 * (lib/registries/<name>/registry.ts says why). Errors are never cached.
 */
const ttlMs = (report: Pick<ReleaseReport, 'ecosystem' | 'status'>): number => registryFor(report.ecosystem).cacheLifetimes[report.status];
/** "Latest" is not immutable: its alias to a version is kept briefly. */
const LATEST_TTL_MS = 10 * 60_000;

export class VerdictService {
  private readonly inflight = new Map<string, Promise<ReleaseReport>>();
  /** Version-less pages whose latest version is being resolved or verified. */
  private readonly resolving = new Map<string, number>();
  private readonly now: () => Date;

  constructor(private readonly deps: VerdictServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** True while a verification for this page is running in this worker. */
  isPending(page: PackagePage): boolean {
    return this.inflight.has(pageKey(page)) || this.resolving.has(pageKey(page));
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
    if (page.version === undefined && this.deps.latestVersion) {
      const resolved = await this.verdictOfLatest(page, options);
      if (resolved) return resolved;
    }
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

  /**
   * A version-less page: the latest version is resolved on every visit and
   * judged through the per-version cache, so a new release shows at once
   * (issue 11, finding 7). The page's alias entry is refreshed for the popup.
   * Undefined when the latest version cannot be resolved.
   */
  private async verdictOfLatest(page: PackagePage, options: { force?: boolean }): Promise<Verdict | undefined> {
    const key = pageKey(page);
    this.resolving.set(key, (this.resolving.get(key) ?? 0) + 1);
    try {
      const version = await this.deps.latestVersion!(page).catch(() => undefined);
      const versioned = version === undefined ? undefined : packagePageSchema.safeParse({ ...page, version });
      if (!versioned?.success) return undefined;
      const verdict = await this.verdict(versioned.data, options);
      const ttl = ttlMs(verdict.report);
      if (ttl > 0 && !(await this.aliasCurrent(key, verdict.report))) {
        const storedAt = this.now();
        const entry = { report: verdict.report, storedAt: storedAt.toISOString(), expiresAt: new Date(storedAt.getTime() + Math.min(ttl, LATEST_TTL_MS)).toISOString() };
        await this.deps.store.putReport(key, entry).catch(() => undefined);
      }
      return verdict;
    } finally {
      const left = (this.resolving.get(key) ?? 1) - 1;
      if (left > 0) this.resolving.set(key, left);
      else this.resolving.delete(key);
    }
  }

  /**
   * Whether the page's alias entry already holds this very report, with more
   * than half its lifetime left. Rewriting it on every visit rewrote the whole
   * stored cache (up to 4 MiB) in front of every cached badge of a
   * version-less page; it is refreshed once half of it has passed instead.
   */
  private async aliasCurrent(key: string, report: ReleaseReport): Promise<boolean> {
    const entry = await this.deps.store.getReport(key).catch(() => undefined);
    if (!entry || entry.report.version !== report.version || entry.report.checkedAt !== report.checkedAt) return false;
    const now = this.now().getTime();
    const stored = Date.parse(entry.storedAt);
    const expires = Date.parse(entry.expiresAt);
    return expires - now > (expires - stored) / 2;
  }

  private async verifyAndStore(page: PackagePage, key: string): Promise<ReleaseReport> {
    const report = releaseReportSchema.parse(await this.deps.verifyRelease(page));
    // A failure the adapter marks retryable (e.g. attestations announced but not served) may be a registry hiccup.
    const base = ttlMs(report);
    const ttl = report.retryable && report.status !== 'error' ? Math.min(base, 10 * 60_000) : base;
    if (ttl > 0) {
      const storedAt = this.now();
      const entry = (ms: number) => ({ report, storedAt: storedAt.toISOString(), expiresAt: new Date(storedAt.getTime() + ms).toISOString() });
      // A cache that cannot be written (storage quota, a storage fault) costs a
      // later re-verification, never this one's result (issue 11, finding 9).
      try {
        await this.deps.store.putReport(releaseKey(report.ecosystem, report.package, report.version), entry(ttl));
        if (!page.version) await this.deps.store.putReport(key, entry(Math.min(ttl, LATEST_TTL_MS)));
      } catch {
        // Nothing cached: the next visit verifies again.
      }
    }
    return report;
  }

  private async freshReport(key: string): Promise<ReleaseReport | undefined> {
    // An unreadable cache is a miss, not a failed verdict.
    const entry = await this.deps.store.getReport(key).catch(() => undefined);
    if (!entry || Date.parse(entry.expiresAt) <= this.now().getTime()) return undefined;
    return entry.report;
  }

  private async judgeWithPin(report: ReleaseReport): Promise<Verdict> {
    const pkg = normalizePackageName(report.ecosystem, report.package);
    const mayPinNow = verifiedAsOne(report);
    // Both storage reads at once: the setting is only used when nothing is pinned.
    const [stored, firstUse] = await Promise.all([this.deps.store.getPin(report.ecosystem, pkg), mayPinNow ? this.deps.store.trustOnFirstUse() : false]);
    let pin = stored;
    if (!pin && mayPinNow && report.identity && firstUse) {
      pin = pinFromIdentity(report.ecosystem, pkg, report.identity, 'first-use', this.now());
      await this.deps.store.addPin(pin);
    }
    return judge(report, pin);
  }
}

import type { PackagePage } from '../pages/package-page';
import type { Pin } from '../policy/pins';
import type { ReleaseReport } from '../report/model';
import { computeAlerts, type Alert, type HistoryEntry } from './alerts';
import type { EarlierVersion } from './version-lists';

export const HISTORY_WINDOW = 10;

export interface HistoryDeps {
  earlierVersions(page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]>;
  /** The (cached) report of one release; the same verification as the page's own. */
  report(page: PackagePage): Promise<ReleaseReport>;
}

export interface History {
  entries: HistoryEntry[];
  alerts: Alert[];
}

/**
 * Looks back from the current release, newest first, verifying earlier
 * versions one at a time until one is verified (that is what the alerts
 * compare with) and at most HISTORY_WINDOW of them. Versions not reached are
 * listed as `unchecked`. Runs after the current verdict, never before it.
 */
export async function buildHistory(current: ReleaseReport, pin: Pin | undefined, deps: HistoryDeps): Promise<History> {
  const page: PackagePage = { ecosystem: current.ecosystem, package: current.package };
  const earlier = await deps.earlierVersions(page, current.version, HISTORY_WINDOW);
  const entries: HistoryEntry[] = [];
  let foundVerified = false;
  for (const e of earlier) {
    if (foundVerified) {
      entries.push({ version: e.version, publishedAt: e.publishedAt, status: 'unchecked' });
      continue;
    }
    const report = await deps.report({ ...page, version: e.version });
    entries.push({ version: e.version, publishedAt: e.publishedAt, status: report.status, identity: report.identity });
    // A verified version whose files disagree on who built them cannot anchor a publisher comparison: look further.
    foundVerified = report.status === 'verified' && report.identity !== undefined;
  }
  const alerts = computeAlerts({
    current: {
      version: current.version,
      status: current.status,
      identity: current.identity,
      artifacts: current.artifacts.flatMap((a) => (a.status === 'verified' && a.identity ? [{ name: a.name, identity: a.identity }] : [])),
    },
    earlier: entries,
    pin,
  });
  return { entries, alerts };
}

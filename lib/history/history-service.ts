import type { PackagePage } from '../pages/package-page';
import type { Pin } from '../policy/pins';
import { verifiedAsOne, verifiedFiles } from '../policy/status';
import type { ReleaseReport } from '../report/model';
import { computeAlerts, type Alert, type HistoryEntry } from './alerts';
import type { EarlierVersion } from './version-lists';
import { newerLine, versionLine } from './version-line';
import { disagreementsOf } from './registry-claim';

/**
 * The bounds of the history window (docs/verdicts.md, "History window").
 * `verifications`: earlier releases verified per history, each one request
 * for its attestations on npm (PyPI: the release's JSON and one per file).
 * `examined`: earlier releases looked at in all, including those the
 * registry's listing already marks as unattested, which cost nothing.
 */
export const HISTORY_LIMITS = { verifications: 10, examined: 50 } as const;

export interface HistoryDeps {
  /** Earlier releases, newest first by publish time, at most `limit`. */
  earlierVersions(page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]>;
  /** The (cached) report of one release; the same verification as the page's own. */
  report(page: PackagePage): Promise<ReleaseReport>;
}

export interface History {
  entries: HistoryEntry[];
  alerts: Alert[];
}

/**
 * Walks back from the current release by publish time, newest first, until
 * it has the two releases the alerts compare with: the newest verified
 * release of the current one's version line and the newest verified release
 * overall. Releases the registry marks as unattested are passed over without
 * a request and do not use up the window, so filler releases without
 * provenance cannot push a verified one out of it; releases whose
 * attestations are unknown are verified, at most HISTORY_LIMITS.verifications
 * of them. Once the overall reference is found only releases of the line are
 * still verified. Releases not verified are listed as `unchecked` (or
 * `absent` when the registry said so). Runs after the current verdict, never
 * before it.
 */
export async function buildHistory(current: ReleaseReport, pin: Pin | undefined, deps: HistoryDeps): Promise<History> {
  const page: PackagePage = { ecosystem: current.ecosystem, package: current.package };
  const line = versionLine(current.ecosystem, current.version);
  const inLine = (version: string) => line !== undefined && versionLine(current.ecosystem, version) === line;
  const newer = (version: string) => line !== undefined && newerLine(versionLine(current.ecosystem, version), line);
  const earlier = await deps.earlierVersions(page, current.version, HISTORY_LIMITS.examined);
  const entries: HistoryEntry[] = [];
  let verifications = 0;
  let overallFound = false;
  let lineFound = false;
  for (const e of earlier.slice(0, HISTORY_LIMITS.examined)) {
    const base = { version: e.version, publishedAt: e.publishedAt };
    if (e.attested === false) {
      entries.push({ ...base, status: 'absent' });
      continue;
    }
    const needed = !overallFound || (!lineFound && inLine(e.version));
    if (!needed || verifications >= HISTORY_LIMITS.verifications) {
      entries.push({ ...base, status: 'unchecked' });
      continue;
    }
    verifications++;
    const report = await deps.report({ ...page, version: e.version });
    entries.push({ ...base, status: report.status, identity: report.identity, ...(report.stagedApprover ? { stagedApprover: report.stagedApprover } : {}) });
    // A verified version whose files disagree on who built them cannot anchor a publisher comparison: look further.
    if (verifiedAsOne(report)) {
      overallFound = true;
      if (inLine(e.version)) lineFound = true;
    }
  }
  const alerts = computeAlerts({
    current: {
      version: current.version,
      status: current.status,
      identity: current.identity,
      artifacts: verifiedFiles(current.artifacts).map((a) => ({ name: a.name, identity: a.identity })),
      disagreements: disagreementsOf(current.artifacts),
    },
    earlier: entries,
    pin,
    ...(line !== undefined ? { line: { label: line, contains: inLine, newer } } : {}),
  });
  return { entries, alerts };
}

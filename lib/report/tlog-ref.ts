import type { TlogEntrySummary } from '../verify/tlog-entry';
import type { TlogRef } from './model';

/** A verified transparency-log entry as reports carry it (only the authenticated fields the summary kept). */
export function tlogRef(e: TlogEntrySummary): TlogRef {
  return {
    ...(e.logIndex !== undefined ? { logIndex: e.logIndex } : {}),
    logId: e.logId,
    rekorVersion: e.rekorVersion,
    kind: `${e.kind}/${e.kindVersion}`,
    ...(e.integratedTime !== undefined ? { integratedTime: e.integratedTime } : {}),
    ...(e.searchUrl !== undefined ? { searchUrl: e.searchUrl } : {}),
  };
}

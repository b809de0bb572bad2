import { buildHistory, type HistoryDeps } from '../history/history-service';
import { isAcknowledged, type Acknowledgement } from '../history/alerts';
import type { HistoryView } from '../messages/protocol';
import type { PackagePage } from '../pages/package-page';
import { pageKey } from './release-key';
import type { VerdictService } from './verdict-service';

export interface HistoryCoordinatorDeps {
  service: VerdictService;
  earlierVersions: HistoryDeps['earlierVersions'];
  acks(): Promise<Acknowledgement[]>;
}

/**
 * History for a page, computed after (and from) the page's own verdict, with
 * earlier versions verified through the same cached service. Concurrent asks
 * for the same release share one walk.
 */
export function historyCoordinator(deps: HistoryCoordinatorDeps) {
  const inflight = new Map<string, Promise<HistoryView>>();

  async function compute(page: PackagePage): Promise<HistoryView> {
    const verdict = await deps.service.verdict(page);
    const { report } = verdict;
    if (report.status === 'error') return { version: report.version, entries: [], alerts: [], acknowledged: [] };
    const history = await buildHistory(report, verdict.pin, {
      earlierVersions: deps.earlierVersions,
      report: async (p) => (await deps.service.verdict(p)).report,
    });
    const acks = await deps.acks();
    const shown = history.alerts.filter((a) => !isAcknowledged(a, report.ecosystem, report.package, acks));
    const acknowledged = history.alerts.filter((a) => isAcknowledged(a, report.ecosystem, report.package, acks));
    return { version: report.version, entries: history.entries, alerts: shown, acknowledged };
  }

  return (page: PackagePage): Promise<HistoryView> => {
    const key = pageKey(page);
    let running = inflight.get(key);
    if (!running) {
      running = compute(page).finally(() => inflight.delete(key));
      inflight.set(key, running);
    }
    return running;
  };
}

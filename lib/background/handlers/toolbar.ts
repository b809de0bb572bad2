import type { AlertLevel } from '../../history/alerts';
import { samePage } from '../../pages/detect';
import type { PackagePage } from '../../pages/package-page';
import type { Verdict } from '../../policy/verdict';
import { createRateLimit, DETAILS_OPEN_LIMIT } from '../rate-limit';
import { RequestRejected } from '../request-rejected';
import type { HandlerDeps, HandlersFor } from './handler-map';
import type { TabRecords } from './tab-state';

/** The toolbar button of each tab, painted for the page the tab shows. */
export interface ToolbarPainter {
  /** Records the tab's page and paints it "pending": the tab's first paint for that page. */
  pending(tabId: number, page: PackagePage): Promise<void>;
  /**
   * The toolbar for a tab, unless the tab has moved on to another page while
   * this answer was computed: a slow verdict for the page before must not
   * paint over the verdict for the page shown now. Alerts given are recorded
   * on the tab; without them the tab keeps the alerts it has.
   */
  paint(tabId: number, page: PackagePage, verdict: Verdict | undefined, alerts?: string[], level?: AlertLevel): Promise<void>;
  /** After a pin or setting changes, every tab's toolbar is judged again (a new pin can make it `mismatch`). */
  afterChange<T>(change: Promise<T>): Promise<T>;
}

export function toolbarPainter(deps: Pick<HandlerDeps, 'service' | 'setToolbar' | 'refreshBadge'>, tabs: TabRecords): ToolbarPainter {
  const paintQueues = new Map<number, Promise<void>>();

  /**
   * One tab's toolbar paints run in the order they were asked for: each reads
   * the tab's record (its page, its alerts) and must not be overtaken by an
   * older one.
   */
  function inPaintOrder(tabId: number, run: () => Promise<void>): Promise<void> {
    const painted = (paintQueues.get(tabId) ?? Promise.resolve()).then(run, run);
    paintQueues.set(tabId, painted);
    const forget = () => {
      if (paintQueues.get(tabId) === painted) paintQueues.delete(tabId);
    };
    painted.then(forget, forget);
    return painted;
  }

  async function paintNow(tabId: number, page: PackagePage, verdict: Verdict | undefined, alerts?: string[], level?: AlertLevel): Promise<void> {
    const entry = await tabs.entry(tabId);
    if (!entry?.page || !samePage(entry.page, page)) return;
    if (alerts) await tabs.recordAlerts(tabId, page, alerts, level);
    await deps.setToolbar(tabId, verdict, false, alerts ?? entry.alerts ?? [], alerts ? level : entry.alertLevel);
  }

  const paint: ToolbarPainter['paint'] = (tabId, page, verdict, alerts, level) => inPaintOrder(tabId, () => paintNow(tabId, page, verdict, alerts, level));

  async function repaintAll(): Promise<void> {
    for (const { tabId, page } of await tabs.pages()) {
      const verdict = await deps.service.cachedVerdict(page);
      if (!verdict) continue;
      await paint(tabId, page, verdict);
      await deps.refreshBadge(tabId);
    }
  }

  return {
    pending: (tabId, page) => inPaintOrder(tabId, () => tabs.remember(tabId, page).then(() => deps.setToolbar(tabId, undefined, true))),
    paint,
    async afterChange(change) {
      const result = await change;
      await repaintAll();
      return result;
    },
  };
}

/** A click on a registry tab's badge: the toolbar popup over that tab, or the badge's own panel where the browser refuses. */
export function toolbarHandlers(deps: Pick<HandlerDeps, 'openPopup' | 'injectPanel' | 'now'>): HandlersFor<'details/open'> {
  const detailsLimit = createRateLimit({ ...DETAILS_OPEN_LIMIT, now: deps.now });
  return {
    async 'details/open'(_request, { sender, from }) {
      // Only the badge of the tab that shows this package asks; an extension page has no badge.
      const tabId = sender.tab?.id;
      if (from !== 'content-script' || tabId === undefined) throw new RequestRejected('NOT_A_TAB', 'Only a registry tab\u2019s badge opens its details.');
      // That the tab shows this package is checked for every content-script request (senderPageRefusal).
      if (!detailsLimit.take(String(tabId))) throw new RequestRejected('RATE_LIMITED', 'Details were opened a moment ago; try again in a second.');
      const outcome = await deps.openPopup(tabId);
      if (outcome === 'opened') return { opened: true };
      // Before answering: the badge opens its panel as soon as it reads the answer.
      await deps.injectPanel(tabId, sender.frameId ?? 0);
      return { opened: false, reason: outcome };
    },
  };
}

import { highestLevel } from '../../policy/status';
import type { HandlerDeps, HandlersFor } from './handler-map';
import type { TabRecords } from './tab-state';
import type { ToolbarPainter } from './toolbar';

/** A release's verdict and its history, for a badge or the popup; a badge's tab gets them on its toolbar too. */
export function verdictHandlers(
  deps: Pick<HandlerDeps, 'service' | 'history' | 'refreshBadge'>,
  tabs: TabRecords,
  toolbar: ToolbarPainter,
): HandlersFor<'verdict/get' | 'verdict/recheck' | 'history/get'> {
  return {
    async 'verdict/get'(request, { sender, answerEarly }) {
      const tabId = sender.tab?.id;
      // The tab's record and its "pending" toolbar go alongside the verdict, not
      // before it: a cached verdict is otherwise kept waiting on a handful of
      // storage and toolbar calls. They are the tab's first queued paint, so
      // the verdict's own paint still follows them.
      const pending = tabId === undefined ? undefined : toolbar.pending(tabId, request.page);
      // Its failure is this request's failure, reported below once the verdict is known.
      pending?.catch(() => undefined);
      const verdict = await deps.service.verdict(request.page, { force: request.retry === true });
      if (tabId === undefined) return verdict;
      // Queued before the badge hears the verdict, so a toolbar painted for
      // what the badge asks next (its history alerts) is painted after this one.
      const painted = toolbar.paint(tabId, request.page, verdict);
      answerEarly?.(verdict);
      await Promise.all([pending, painted]);
      return verdict;
    },
    async 'verdict/recheck'(request) {
      const state = await tabs.state(request.tabId);
      if (state.page) {
        const verdict = await deps.service.verdict(state.page, { force: true });
        await toolbar.paint(request.tabId, state.page, verdict);
        await deps.refreshBadge(request.tabId);
        return { ...state, verdict, pending: false };
      }
      return state;
    },
    async 'history/get'(request, { sender, from }) {
      const view = await deps.history(request.page);
      // Only a content script's tab shows that page; the popup opened as a tab does not.
      const tabId = from === 'content-script' ? sender.tab?.id : undefined;
      if (tabId !== undefined && view.alerts.length > 0) {
        await toolbar.paint(tabId, request.page, await deps.service.cachedVerdict(request.page), view.alerts.map((a) => a.kind), highestLevel(view.alerts.map((a) => a.level)));
      }
      return view;
    },
  };
}

import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isBadgeRefresh } from '../messages/badge-refresh';
import type { Request } from '../messages/protocol';
import { sameRelease } from '../pages/page-match';
import type { PackagePage } from '../pages/package-page';
import { isFinalStatus } from '../policy/status';
import { benchMark } from './bench-marks';
import { addAlerts, applyFailure, applyVerdict, initialView, retryDelay, type BadgeView } from './badge-state';
import { requestBadgeVerdict, requestHistoryAlerts, type HistoryAlerts } from './badge-verdict';
import { requestOpenPopup } from './panel-verdict';
import type { Site } from './sites';

/** Where the badge is drawn (components/badge/run-badge.tsx); this module decides what it shows. */
export interface BadgeSurface {
  /** Draws the badge for the view now: a new page, its verdict, its alerts. */
  draw(view: BadgeView): void;
  /** The badge is about to show another page, or none: whatever it had open for the old one closes. */
  leave(): void;
  /** The page shows no package any more: the badge leaves the page. */
  remove(): void;
}

/** What the surface may ask of the session that drives it. */
export interface BadgeSession {
  sendMessage(message: Request): Promise<unknown>;
  /**
   * The user activated the badge: asks the worker to open the toolbar popup.
   * True when the browser refused it and the badge, still on the same page,
   * should show its own details panel instead.
   */
  popupRefused(): Promise<boolean>;
}

/**
 * One badge per page: detects the release from the URL, asks the background
 * for its verdict (retrying what may pass), then for the history's alerts,
 * and, on npmjs.com, follows client-side navigation with the same badge.
 */
export async function followBadgePage(ctx: ContentScriptContext, site: Site, mount: (session: BadgeSession) => BadgeSurface): Promise<void> {
  let view: BadgeView | undefined;
  /** Bumped by every navigation: answers and retries of older ones are dropped. */
  let generation = 0;

  const sendMessage = (message: Request) => browser.runtime.sendMessage(message) as Promise<unknown>;

  const surface = mount({
    sendMessage,
    async popupRefused() {
      if (!view) return false;
      const gen = generation;
      const opened = await requestOpenPopup(sendMessage, view.page);
      return !opened && gen === generation && ctx.isValid;
    },
  });

  const ask = async (gen: number, retry: boolean) => {
    const current = view;
    if (!current) return;
    let next: BadgeView;
    try {
      benchMark('verdict-asked');
      const answer = await requestBadgeVerdict(sendMessage, current.page, retry);
      benchMark('verdict-answered');
      if (answer.registryOff) {
        // Turned off while this page was open: the badge goes, as it would on a page loaded now.
        if (gen === generation && ctx.isValid) hide();
        return;
      }
      next = applyVerdict(current, answer);
    } catch (e) {
      next = applyFailure(current, e instanceof Error ? e.message : String(e));
    }
    if (gen !== generation || !ctx.isValid) return;
    view = next;
    surface.draw(view);
    const delay = retryDelay(next);
    if (delay !== undefined) ctx.setTimeout(() => void (gen === generation && ask(gen, true)), delay);
    if (isFinalStatus(next.status) && current.status !== next.status) void askHistory(gen, next.page);
  };

  // Earlier versions can reveal what this one's signature cannot (provenance
  // lost, a new publisher); the worker walks them after the verdict.
  const askHistory = async (gen: number, page: PackagePage) => {
    let alerts: HistoryAlerts;
    try {
      alerts = await requestHistoryAlerts(sendMessage, page);
    } catch {
      return; // The verdict stands on its own; alerts are an addition.
    }
    if (gen !== generation || !ctx.isValid || !view) return;
    view = addAlerts(view, alerts.kinds, alerts.level);
    surface.draw(view);
  };

  const show = async (page: PackagePage) => {
    const gen = ++generation;
    surface.leave();
    view = initialView(page);
    // The question leaves before the first paint: drawing the "checking" badge
    // (shadow root, stylesheet, first render) is not on a cached verdict's path.
    const asking = ask(gen, false);
    surface.draw(view);
    await asking;
  };

  const hide = () => {
    generation++;
    surface.leave();
    view = undefined;
    surface.remove();
  };

  // Follows the URL this document has now, never the one a navigation is
  // heading for: a navigation may start and never commit here (a download,
  // a 204, Stop), and WXT's watcher reports navigations when they start.
  const follow = () => {
    const next = site.detect(location);
    if (sameRelease(next, view?.page ?? null, site.normalizeName)) return;
    if (next) void show(next);
    else hide();
  };
  if (site.clientSideNavigation) {
    // The Navigation API reports each committed same-document navigation; without it, WXT's watcher and a look after it.
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (navigation) navigation.addEventListener('currententrychange', follow, { signal: ctx.signal });
    else ctx.addEventListener(window, 'wxt:locationchange', () => ctx.setTimeout(follow, 0));
  }

  // A pin saved, a setting changed or "Check again" is a user action: the
  // badge asks again, and may then move from one final status to another.
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !isBadgeRefresh(message) || !view) return;
    void show(view.page);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  benchMark('script-start');
  const first = site.detect(location);
  if (first) await show(first);
}

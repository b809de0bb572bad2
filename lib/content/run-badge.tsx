import { Component, render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import badgeCss from '../../components/badge/badge.css?inline';
import { ProvenantBadge, type BadgePlacement } from '../../components/badge/ProvenantBadge';
import type { Request } from '../messages/protocol';
import type { PackagePage } from '../pages/package-page';
import { sameRelease } from '../pages/page-match';
import type { RegistryPage } from '../registries/descriptor';
import type { Ecosystem } from '../report/model';
import { isFinalStatus } from '../ui/status-text';
import { addAlerts, applyFailure, applyVerdict, hostAttributes, initialView, retryDelay, type BadgeView } from './badge-state';
import { isBadgeRefresh } from '../messages/badge-refresh';
import { requestBadgeVerdict, requestHistoryAlerts, type HistoryAlerts } from './badge-verdict';
import { detailsPanelApi } from './details-panel-api';
import { requestOpenPopup } from './panel-verdict';
import { createShadowHost, type ShadowHost } from './shadow-host';

/**
 * The registry a content script runs for: its page part alone
 * (lib/registries/<name>/page.ts), so the script bundles no other registry.
 */
export type Site = RegistryPage<Ecosystem>;

/**
 * Where the details panel's code renders (with its own Preact): this tree
 * never re-renders inside it.
 */
class PanelSlot extends Component {
  override shouldComponentUpdate(): boolean {
    return false;
  }
  override render() {
    return <div class="pv-panel-slot" />;
  }
}

/** The shadow host's tag, part of the automation contract. */
export const BADGE_TAG = 'provenant-badge';

/**
 * Puts the host right after the title, or at the end of <body> (the badge then
 * draws itself in a fixed corner). Moves the one existing host; never copies.
 */
export function placeHost(host: Element, doc: Document, titleSelector: string): BadgePlacement {
  const title = doc.querySelector(titleSelector);
  if (title?.parentElement) {
    if (title.nextElementSibling !== host) title.after(host);
    return 'inline';
  }
  if (host.parentElement !== doc.body) doc.body.append(host);
  return 'corner';
}

/**
 * One badge per page: detects the release from the URL, asks the background
 * for its verdict, keeps the badge next to the title while the page re-renders
 * and, on npmjs.com, follows client-side navigation with the same badge.
 */
export async function runBadge(ctx: ContentScriptContext, site: Site): Promise<void> {
  let view: BadgeView | undefined;
  let placement: BadgePlacement = 'corner';
  /** Bumped by every navigation: answers and retries of older ones are dropped. */
  let generation = 0;
  let ui: ShadowHost | undefined;
  /** Whether the badge's own details panel is open (the popup could not be opened). */
  let panelOpen = false;

  const paint = () => {
    if (!view) return;
    ui ??= createShadowHost(document, BADGE_TAG, badgeCss);
    for (const [name, value] of Object.entries(hostAttributes(view, site.normalizeName))) ui.host.setAttribute(name, value);
    if (!ui.host.isConnected) placement = placeHost(ui.host, document, site.titleSelector);
    render(
      <span class={`pv-root pv-root-${placement}`} onKeyDown={onKeyDown}>
        <ProvenantBadge view={view} placement={placement} expanded={panelOpen} onActivate={onActivate} />
        {panelOpen ? <PanelSlot /> : null}
      </span>,
      ui.container,
    );
  };

  const badgeButton = () => ui?.container.querySelector<HTMLElement>('.pv-badge');
  const panelSlot = () => ui?.container.querySelector<HTMLElement>('.pv-panel-slot') ?? undefined;

  /** Closes the panel; `refocus` gives the keyboard back to the badge (not on a navigation). */
  const closePanel = (refocus = true) => {
    if (!panelOpen) return;
    const slot = panelSlot();
    if (slot) detailsPanelApi()?.close(slot);
    panelOpen = false;
    paint();
    if (refocus) badgeButton()?.focus();
  };

  const openPanel = () => {
    const api = detailsPanelApi();
    if (!api || !view || panelOpen) return;
    panelOpen = true;
    paint();
    const slot = panelSlot();
    if (!slot) return;
    api.open(slot, {
      page: view.page,
      status: view.status,
      packageLabel: `${site.normalizeName(view.page.package)} ${view.version}`.trim(),
      sendMessage,
      onClose: () => closePanel(),
    });
  };

  // A click (Enter and Space on a button are clicks too): the toolbar popup if
  // the browser opens it, else the panel, whose code the worker injects when
  // it refuses. Clicks the page makes itself (the shadow root is open) are
  // not the user's and open nothing.
  const onActivate = (event: MouseEvent) => {
    if (!event.isTrusted || !view) return;
    if (panelOpen) {
      closePanel();
      return;
    }
    const gen = generation;
    void requestOpenPopup(sendMessage, view.page).then((opened) => {
      if (opened || gen !== generation || !ctx.isValid) return;
      openPanel();
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !panelOpen) return;
    event.stopPropagation();
    closePanel();
  };

  const unmount = () => {
    if (!ui) return;
    // Unmounting lets Preact drop its listeners before the host leaves the page.
    render(null, ui.container);
    ui.host.remove();
  };
  ctx.onInvalidated(unmount);

  const sendMessage = (message: Request) => browser.runtime.sendMessage(message) as Promise<unknown>;

  const ask = async (gen: number, retry: boolean) => {
    const current = view;
    if (!current) return;
    let next: BadgeView;
    try {
      next = applyVerdict(current, await requestBadgeVerdict(sendMessage, current.page, retry));
    } catch (e) {
      next = applyFailure(current, e instanceof Error ? e.message : String(e));
    }
    if (gen !== generation || !ctx.isValid) return;
    view = next;
    paint();
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
    paint();
  };

  const show = async (page: PackagePage) => {
    const gen = ++generation;
    closePanel(false);
    view = initialView(page);
    paint();
    await ask(gen, false);
  };

  const hide = () => {
    generation++;
    closePanel(false);
    view = undefined;
    unmount();
  };

  // Keep the host next to the title: npmjs.com renders (and re-renders) the
  // header after the script starts, and may drop foreign nodes while doing so.
  let scheduled = false;
  const replace = () => {
    scheduled = false;
    if (!ui || !view) return;
    const before = placement;
    placement = placeHost(ui.host, document, site.titleSelector);
    if (placement !== before) paint();
  };
  const observer = new MutationObserver(() => {
    if (scheduled || !ui || !view) return;
    scheduled = true;
    ctx.requestAnimationFrame(replace);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());

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

  const first = site.detect(location);
  if (first) await show(first);
}

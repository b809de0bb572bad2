import { Component, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { followBadgePage, type BadgeSession, type BadgeSurface } from '../../lib/content/badge-session';
import { hostAttributes, type BadgeView } from '../../lib/content/badge-state';
import { detailsPanelApi } from '../../lib/content/details-panel-api';
import { placeHost, type BadgePlacement } from '../../lib/content/place-host';
import { createShadowHost, type ShadowHost } from '../../lib/content/shadow-host';
import type { Site } from '../../lib/content/sites';
import badgeCss from './badge.css?inline';
import { ProvenantBadge } from './ProvenantBadge';

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

/** The badge of a registry's content script: lib/content/badge-session.ts decides what it shows, this draws it. */
export function runBadge(ctx: ContentScriptContext, site: Site): Promise<void> {
  return followBadgePage(ctx, site, (session) => mountBadge(ctx, site, session));
}

/**
 * The badge in its shadow root, kept next to the title while the page
 * re-renders, and the details panel it opens where the popup was refused.
 */
function mountBadge(ctx: ContentScriptContext, site: Site, session: BadgeSession): BadgeSurface {
  let view: BadgeView | undefined;
  let placement: BadgePlacement = 'corner';
  let ui: ShadowHost | undefined;
  /** Whether the badge's own details panel is open (the popup could not be opened). */
  let panelOpen = false;

  // Should the script start before the page is parsed (lib/content/run-at.ts
  // says why it does not), the badge only keeps its latest view until
  // DOMContentLoaded and draws it then.
  const paint = () => {
    if (!view || document.readyState === 'loading') return;
    if (!ui) {
      ui = createShadowHost(document, BADGE_TAG, badgeCss);
      // Only once there is a badge to keep in place: observing the document
      // while it is parsed would record every node the parser inserts.
      observer.observe(document.documentElement, { childList: true, subtree: true });
    }
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
      sendMessage: session.sendMessage,
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
    void session.popupRefused().then((refused) => {
      if (refused) openPanel();
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
  if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', paint);
  ctx.onInvalidated(() => observer.disconnect());

  return {
    draw(next) {
      view = next;
      paint();
    },
    leave: () => closePanel(false),
    remove() {
      view = undefined;
      unmount();
    },
  };
}

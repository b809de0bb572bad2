import type { AlertLevel } from '../history/alerts';
import { highestLevel } from '../history/alert-level';
import type { Browser } from 'wxt/browser';
import { requestSchema, CONTENT_SCRIPT_REQUESTS, type Envelope, type HistoryView, type Request, type TabState, type VerifiedIdentity } from '../messages/protocol';
import type { Ecosystem } from '../report/model';
import { detectPackagePage, samePage } from '../pages/detect';
import { packagePageSchema, type PackagePage } from '../pages/package-page';
import { isRegistryPageUrl } from '../registries/sites';
import { pinFromIdentity, pinKey } from '../policy/pins';
import type { Verdict } from '../policy/verdict';
import { changeAcks, changePins, readAcks, readPins, readQuarantine, readSettings, tabsItem, tabEntrySchema, updateItem, writeSettings } from '../storage/items';
import { describeWeakenings, exportPins, importWeakenings, mergeImported, parsePinFile, PinImportError, removePin, upsertPin } from './pin-book';
import { normalizePackageName } from './release-key';
import { createRateLimit, DETAILS_OPEN_LIMIT } from './rate-limit';
import { TOOLBAR } from './toolbar';
import type { VerdictService } from './verdict-service';
import type { RefreshResult, TrustStatus } from '../trust/trust-status';

type Sender = Browser.runtime.MessageSender;

export class RequestRejected extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface RouterDeps {
  service: VerdictService;
  extensionOrigin: string;
  extensionId: string;
  setToolbar(tabId: number, verdict: Verdict | undefined, pending: boolean, alerts?: readonly string[], level?: AlertLevel): Promise<void>;
  history(page: PackagePage): Promise<HistoryView>;
  /** The tab's current URL, when the browser lets the extension see it (registry sites only). */
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Asks the tab's badge to ask again (its verdict may have changed by a user action). */
  refreshBadge(tabId: number): Promise<void>;
  /**
   * Opens the toolbar popup over the tab's window. Browsers open it only for
   * a focused window; anything else is an answer, never a throw.
   */
  openPopup(tabId: number): Promise<'opened' | 'NO_FOCUSED_WINDOW' | 'POPUP_REFUSED'>;
  /** Injects the details panel's code into the badge's frame, for when the popup was refused. */
  injectPanel(tabId: number, frameId: number): Promise<void>;
  /** Identities the report cache holds as verified for a package, newest check first. */
  verifiedIdentities(ecosystem: Ecosystem, pkg: string): Promise<VerifiedIdentity[]>;
  /** Clock for the rate limit (tests). */
  now?: () => number;
  /** The live Sigstore trust material (lib/trust/trust-service.ts). */
  trust?: { status(): Promise<TrustStatus>; refreshForUser(): Promise<RefreshResult> };
}

/** The package page a tab shows now, from its URL; null when it shows none or the URL is hidden. */
export function pageAt(url: string | undefined): PackagePage | null {
  if (!url) return null;
  try {
    return detectPackagePage(new URL(url));
  } catch {
    return null;
  }
}

/**
 * Who is asking: the extension's own pages may do everything; a content
 * script (a tab on a registry page) may only ask for verdicts.
 */
export function senderKind(sender: Sender, deps: Pick<RouterDeps, 'extensionOrigin' | 'extensionId'>): 'extension-page' | 'content-script' | 'unknown' {
  if (sender.id !== deps.extensionId) return 'unknown';
  if (sender.url?.startsWith(deps.extensionOrigin) && !sender.tab?.url?.startsWith('http')) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.url && isRegistryPageUrl(sender.url)) return 'content-script';
  return 'unknown';
}

/**
 * A content script may ask only about the page its tab shows (issue 11,
 * finding 4): the worker records and paints the tab's toolbar for what it
 * is asked, so a compromised registry renderer naming another package could
 * make the browser's own toolbar vouch for it. The page is derived with the
 * detection the content scripts use from the tab's URL — what the address
 * bar shows, updated by npmjs.com's in-page navigation, where Chromium's
 * `sender.url` stays the URL the document was loaded with — and from
 * `sender.url` only when the tab's URL is hidden. A request refused while
 * the tab's URL lags behind is an `error` the badge retries. Every
 * content-script request goes through here, so a new one must name its page.
 */
export function senderPageRefusal(request: Request, sender: Sender): RequestRejected | undefined {
  const shown = pageAt(sender.tab?.url ?? sender.url);
  const asked = 'page' in request ? request.page : undefined;
  if (!asked) return new RequestRejected('NOT_SENDER_PAGE', `${request.type} must name the page it is sent from`);
  if (!shown || !samePage(shown, asked)) {
    return new RequestRejected('NOT_SENDER_PAGE', `${request.type} may only ask about the package page its tab shows`);
  }
  return undefined;
}

function sameAck(a: { ecosystem: string; package: string; version?: string | undefined; kind: string }, b: typeof a): boolean {
  return a.ecosystem === b.ecosystem && a.package === b.package && a.version === b.version && a.kind === b.kind;
}

export function createRouter(deps: RouterDeps) {
  const detailsLimit = createRateLimit({ ...DETAILS_OPEN_LIMIT, now: deps.now });
  const paintQueues = new Map<number, Promise<void>>();

  async function tabState(tabId: number): Promise<TabState> {
    const page = (await tabEntry(tabId))?.page;
    // What the content script last reported is stale once the tab has left that
    // page (another site, a registry page that is no package, site access revoked):
    // its verdict must not be shown for whatever the tab shows now.
    if (!page || !samePage(pageAt(await deps.tabUrl(tabId)), page)) return { tabId, pending: false };
    const verdict = await deps.service.cachedVerdict(page);
    return { tabId, page, verdict, pending: !verdict && deps.service.isPending(page) };
  }

  async function rememberTab(tabId: number, page: PackagePage): Promise<void> {
    await updateItem(tabsItem, (tabs) => ({ ...tabs, [String(tabId)]: { page } }));
  }

  async function tabEntry(tabId: number) {
    const entry = tabEntrySchema.safeParse((await tabsItem.getValue())[String(tabId)]);
    return entry.success ? entry.data : undefined;
  }

  /**
   * The toolbar for a tab, unless the tab has moved on to another page while
   * this answer was computed: a slow verdict for the page before must not
   * paint over the verdict for the page shown now.
   */
  function paintToolbar(tabId: number, page: PackagePage, verdict: Verdict | undefined, alerts?: string[], level?: AlertLevel): Promise<void> {
    return inPaintOrder(tabId, () => paintToolbarNow(tabId, page, verdict, alerts, level));
  }

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

  async function paintToolbarNow(tabId: number, page: PackagePage, verdict: Verdict | undefined, alerts?: string[], level?: AlertLevel): Promise<void> {
    const entry = await tabEntry(tabId);
    if (!entry?.page || !samePage(entry.page, page)) return;
    if (alerts) {
      await updateItem(tabsItem, (tabs) => {
        const now = tabEntrySchema.safeParse(tabs[String(tabId)]);
        if (now.success && now.data.page && samePage(now.data.page, page)) tabs[String(tabId)] = { ...now.data, alerts, ...(level ? { alertLevel: level } : {}) };
        return tabs;
      });
    }
    await deps.setToolbar(tabId, verdict, false, alerts ?? entry.alerts ?? [], alerts ? level : entry.alertLevel);
  }

  /** After a pin or setting changes, every tab's toolbar is judged again (a new pin can make it `mismatch`). */
  async function repaintToolbars(): Promise<void> {
    for (const [id, raw] of Object.entries(await tabsItem.getValue())) {
      const entry = tabEntrySchema.safeParse(raw);
      if (!entry.success || !entry.data.page) continue;
      const verdict = await deps.service.cachedVerdict(entry.data.page);
      if (!verdict) continue;
      await paintToolbar(Number(id), entry.data.page, verdict);
      await deps.refreshBadge(Number(id));
    }
  }

  async function thenRepaint<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    await repaintToolbars();
    return result;
  }

  async function handle(request: Request, sender: Sender, answerEarly?: (value: unknown) => void): Promise<unknown> {
    switch (request.type) {
      case 'verdict/get': {
        const tabId = sender.tab?.id;
        // The tab's record and its "pending" toolbar go alongside the verdict, not
        // before it: a cached verdict is otherwise kept waiting on a handful of
        // storage and toolbar calls. They are the tab's first queued paint, so
        // the verdict's own paint still follows them.
        const pending = tabId === undefined ? undefined : inPaintOrder(tabId, () => rememberTab(tabId, request.page).then(() => deps.setToolbar(tabId, undefined, true)));
        // Its failure is this request's failure, reported below once the verdict is known.
        pending?.catch(() => undefined);
        const verdict = await deps.service.verdict(request.page, { force: request.retry === true });
        if (tabId === undefined) return verdict;
        // Queued before the badge hears the verdict, so a toolbar painted for
        // what the badge asks next (its history alerts) is painted after this one.
        const painted = paintToolbar(tabId, request.page, verdict);
        answerEarly?.(verdict);
        await Promise.all([pending, painted]);
        return verdict;
      }
      case 'tab/get':
        return tabState(request.tabId);
      case 'verdict/recheck': {
        const state = await tabState(request.tabId);
        if (state.page) {
          const verdict = await deps.service.verdict(state.page, { force: true });
          await paintToolbar(request.tabId, state.page, verdict);
          await deps.refreshBadge(request.tabId);
          return { ...state, verdict, pending: false };
        }
        return state;
      }
      case 'pins/list':
        return readPins();
      case 'pins/save': {
        return thenRepaint(changePins((pins) => upsertPin(pins, request.pin, request.replace)));
      }
      case 'pins/remove': {
        const name = normalizePackageName(request.ecosystem, request.package);
        return thenRepaint(changePins((pins) => removePin(pins, request.ecosystem, name)));
      }
      case 'pins/pin-current': {
        const state = await tabState(request.tabId);
        const report = state.verdict?.report;
        const identity = state.verdict?.actualIdentity;
        if (!report || !identity || (report.status !== 'verified' && report.status !== 'partial')) {
          throw new RequestRejected('NOTHING_TO_PIN', 'Only a verified identity can be pinned.');
        }
        if (!samePage(state.page ?? null, request.page) || report.version !== request.version) {
          throw new RequestRejected('TAB_CHANGED', 'The tab shows another release now; open the popup again to pin it.');
        }
        const name = normalizePackageName(report.ecosystem, report.package);
        const pin = pinFromIdentity(report.ecosystem, name, identity, 'popup');
        return thenRepaint(
          changePins((pins) => {
            // The popup offers this only while nothing is pinned; a pin made meanwhile (options page, first use) is kept.
            if (pins.some((p) => pinKey(p.ecosystem, p.package) === pinKey(pin.ecosystem, name))) {
              throw new RequestRejected('PIN_EXISTS', 'This package is already pinned; edit its pin in the options page.');
            }
            return upsertPin(pins, pin);
          }),
        );
      }
      case 'pins/import': {
        const imported = parsePinFile(request.text);
        return thenRepaint(
          changePins((pins) => {
            const weaker = importWeakenings(pins, imported);
            if (weaker.length > 0 && request.allowWeaker !== true) throw new RequestRejected('IMPORT_WEAKENS', describeWeakenings(weaker));
            return mergeImported(pins, imported);
          }),
        );
      }
      case 'pins/export':
        return exportPins(await readPins());
      case 'history/get': {
        const view = await deps.history(request.page);
        // Only a content script's tab shows that page; the popup opened as a tab does not.
        const tabId = senderKind(sender, deps) === 'content-script' ? sender.tab?.id : undefined;
        if (tabId !== undefined && view.alerts.length > 0) {
          await paintToolbar(tabId, request.page, await deps.service.cachedVerdict(request.page), view.alerts.map((a) => a.kind), highestLevel(view.alerts.map((a) => a.level)));
        }
        return view;
      }
      case 'acks/list':
        return readAcks();
      case 'acks/add': {
        const ack = { ...request.ack, package: normalizePackageName(request.ack.ecosystem, request.ack.package) };
        return changeAcks((acks) => [...acks.filter((a) => !sameAck(a, ack)), { ...ack, at: new Date().toISOString() }]);
      }
      case 'acks/remove': {
        const ack = { ...request.ack, package: normalizePackageName(request.ack.ecosystem, request.ack.package) };
        return changeAcks((acks) => acks.filter((a) => !sameAck(a, ack)));
      }
      case 'settings/get':
        return readSettings();
      case 'settings/save':
        await writeSettings(request.settings);
        return thenRepaint(readSettings());
      case 'details/open': {
        // Only the badge of the tab that shows this package asks; an extension page has no badge.
        const tabId = sender.tab?.id;
        if (senderKind(sender, deps) !== 'content-script' || tabId === undefined) throw new RequestRejected('NOT_A_TAB', 'Only a registry tab\u2019s badge opens its details.');
        // That the tab shows this package is checked for every content-script request (senderPageRefusal).
        if (!detailsLimit.take(String(tabId))) throw new RequestRejected('RATE_LIMITED', 'Details were opened a moment ago; try again in a second.');
        const outcome = await deps.openPopup(tabId);
        if (outcome === 'opened') return { opened: true };
        // Before answering: the badge opens its panel as soon as it reads the answer.
        await deps.injectPanel(tabId, sender.frameId ?? 0);
        return { opened: false, reason: outcome };
      }
      case 'identities/list':
        return deps.verifiedIdentities(request.ecosystem, normalizePackageName(request.ecosystem, request.package));
      case 'quarantine/list':
        return readQuarantine();
      case 'trust/status':
        if (!deps.trust) throw new RequestRejected('UNAVAILABLE', 'No live trust material in this build.');
        return deps.trust.status();
      case 'trust/refresh':
        if (!deps.trust) throw new RequestRejected('UNAVAILABLE', 'No live trust material in this build.');
        return deps.trust.refreshForUser();
    }
  }

  /**
   * The onMessage listener body: validate, check the sender, answer in an
   * envelope. With `answerEarly`, a content script's verdict is handed to it
   * as soon as it is known, before the toolbar is painted (which the returned
   * promise still waits for): the badge need not wait on the toolbar.
   */
  return async function route(message: unknown, sender: Sender, answerEarly?: (envelope: Envelope) => void): Promise<Envelope> {
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues[0]?.message ?? 'invalid request' } };
    const kind = senderKind(sender, deps);
    if (kind === 'unknown' || (kind === 'content-script' && !CONTENT_SCRIPT_REQUESTS.has(parsed.data.type))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `${parsed.data.type} is not allowed from this sender` } };
    }
    const refused = kind === 'content-script' ? senderPageRefusal(parsed.data, sender) : undefined;
    if (refused) return { ok: false, error: { code: refused.code, message: refused.message } };
    try {
      return { ok: true, value: await handle(parsed.data, sender, answerEarly && ((value) => answerEarly({ ok: true, value }))) };
    } catch (e) {
      if (e instanceof PinImportError) return { ok: false, error: { code: 'IMPORT_INVALID', message: e.message } };
      if (e instanceof RequestRejected) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
    }
  };
}

export { TOOLBAR, packagePageSchema };

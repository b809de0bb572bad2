import type { Browser } from 'wxt/browser';
import type { AlertLevel } from '../../history/alerts';
import type { HistoryView, Request, RequestType, ResponseOf, VerifiedIdentity } from '../../messages/protocol';
import type { PackagePage } from '../../pages/package-page';
import type { Verdict } from '../../policy/verdict';
import type { Ecosystem } from '../../report/model';
import type { RefreshResult, TrustStatus } from '../../trust/trust-status';
import type { OptionalRegistries } from '../optional-registries';
import type { VerdictService } from '../verdict-service';

export type Sender = Browser.runtime.MessageSender;

/** The request of one kind, as `requestSchema` parses it. */
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export interface HandlerContext<T extends RequestType> {
  sender: Sender;
  /** Who asks, as the router classified the sender; an unknown sender never reaches a handler. */
  from: 'extension-page' | 'content-script';
  /** Hands the answer to the sender now; the handler's promise may still wait on work after it (the toolbar). */
  answerEarly?: (value: ResponseOf<T>) => void;
}

export type Handler<T extends RequestType> = (request: RequestOf<T>, context: HandlerContext<T>) => Promise<ResponseOf<T>>;

/**
 * One handler per request kind, each answering what `responseSchemas` in
 * lib/messages/protocol.ts says that kind answers: a missing kind, or a
 * handler answering another shape, does not compile
 * (tests/background/handler-map.test.ts).
 */
export type HandlerMap = { [T in RequestType]: Handler<T> };

/** The handlers of one concern. */
export type HandlersFor<K extends RequestType> = Pick<HandlerMap, K>;

/** A TrustService as the options page's trust section uses it. */
export interface LiveTrustMaterial {
  status(): Promise<TrustStatus>;
  refreshForUser(): Promise<RefreshResult>;
}

/** What the handlers need from the browser and the worker's services (lib/background/main.ts wires them). */
export interface HandlerDeps {
  service: VerdictService;
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
  trust?: LiveTrustMaterial;
  /** GitHub's own Sigstore instance's (lib/trust/github-trust.ts); shown only while a registry attested on GitHub is on. */
  githubTrust?: LiveTrustMaterial;
  /** Registries the user turns on (lib/background/optional-registries.ts); absent: none can be. */
  optionalRegistries?: Pick<OptionalRegistries, 'states' | 'set' | 'refusal'>;
}

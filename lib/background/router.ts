import type { Browser } from 'wxt/browser';
import { requestSchema, CONTENT_SCRIPT_REQUESTS, type Envelope, type Request, type RequestType, type ResponseOf } from '../messages/protocol';
import { samePage } from '../pages/detect';
import { isRegistryPageUrl } from '../registries/sites';
import { createHandlers } from './handlers';
import type { Handler, HandlerContext, HandlerDeps, HandlerMap, RequestOf } from './handlers/handler-map';
import { PinImportError } from './pin-book';
import { RequestRejected } from './request-rejected';
import { pageAt } from './tab-page';

type Sender = Browser.runtime.MessageSender;

export { pageAt, RequestRejected };

export interface RouterDeps extends HandlerDeps {
  extensionOrigin: string;
  extensionId: string;
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

/** The one place the request's kind picks its handler (TypeScript cannot tie a union's member to its map entry by itself). */
function dispatch<T extends RequestType>(handlers: HandlerMap, request: RequestOf<T>, context: HandlerContext<T>): Promise<ResponseOf<T>> {
  const handler: Handler<T> = handlers[request.type as T];
  return handler(request, context);
}

export type Router = ReturnType<typeof createRouter>;

export function createRouter(deps: RouterDeps) {
  const handlers = createHandlers(deps);

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
      return { ok: true, value: await dispatch(handlers, parsed.data, { sender, from: kind, answerEarly: answerEarly && ((value) => answerEarly({ ok: true, value })) }) };
    } catch (e) {
      if (e instanceof PinImportError) return { ok: false, error: { code: 'IMPORT_INVALID', message: e.message } };
      if (e instanceof RequestRejected) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
    }
  };
}

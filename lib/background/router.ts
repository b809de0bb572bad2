import type { Browser } from 'wxt/browser';
import { requestSchema, CONTENT_SCRIPT_REQUESTS, type Envelope, type HistoryView, type Request, type TabState } from '../messages/protocol';
import { packagePageSchema, type PackagePage } from '../pages/package-page';
import { pinFromIdentity } from '../policy/pins';
import type { Verdict } from '../policy/verdict';
import { changeAcks, changePins, readAcks, readPins, readSettings, tabsItem, tabEntrySchema, updateItem, writeSettings } from '../storage/items';
import { exportPins, mergeImported, parsePinFile, PinImportError, removePin, upsertPin } from './pin-book';
import { normalizePackageName } from './release-key';
import { TOOLBAR } from './toolbar';
import type { VerdictService } from './verdict-service';

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
  setToolbar(tabId: number, verdict: Verdict | undefined, pending: boolean, alerts?: readonly string[]): Promise<void>;
  history(page: PackagePage): Promise<HistoryView>;
}

/**
 * Who is asking: the extension's own pages may do everything; a content
 * script (a tab on a registry page) may only ask for verdicts.
 */
export function senderKind(sender: Sender, deps: Pick<RouterDeps, 'extensionOrigin' | 'extensionId'>): 'extension-page' | 'content-script' | 'unknown' {
  if (sender.id !== deps.extensionId) return 'unknown';
  if (sender.url?.startsWith(deps.extensionOrigin) && !sender.tab?.url?.startsWith('http')) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.url && /^https:\/\/(pypi\.org|www\.npmjs\.com)\//.test(sender.url)) return 'content-script';
  return 'unknown';
}

function sameAck(a: { ecosystem: string; package: string; version?: string | undefined; kind: string }, b: typeof a): boolean {
  return a.ecosystem === b.ecosystem && a.package === b.package && a.version === b.version && a.kind === b.kind;
}

export function createRouter(deps: RouterDeps) {
  async function tabState(tabId: number): Promise<TabState> {
    const tabs = await tabsItem.getValue();
    const entry = tabEntrySchema.safeParse(tabs[String(tabId)]);
    const page = entry.success ? entry.data.page : undefined;
    if (!page) return { tabId, pending: false };
    const verdict = await deps.service.cachedVerdict(page);
    return { tabId, page, verdict, pending: !verdict && deps.service.isPending(page) };
  }

  async function rememberTab(tabId: number, page: PackagePage): Promise<void> {
    await updateItem(tabsItem, (tabs) => ({ ...tabs, [String(tabId)]: { page } }));
  }

  async function handle(request: Request, sender: Sender): Promise<unknown> {
    switch (request.type) {
      case 'verdict/get': {
        const tabId = sender.tab?.id;
        if (tabId !== undefined) {
          await rememberTab(tabId, request.page);
          await deps.setToolbar(tabId, undefined, true);
        }
        const verdict = await deps.service.verdict(request.page, { force: request.retry === true });
        if (tabId !== undefined) await deps.setToolbar(tabId, verdict, false);
        return verdict;
      }
      case 'tab/get':
        return tabState(request.tabId);
      case 'verdict/recheck': {
        const state = await tabState(request.tabId);
        if (state.page) {
          const verdict = await deps.service.verdict(state.page, { force: true });
          await deps.setToolbar(request.tabId, verdict, false);
          return { ...state, verdict, pending: false };
        }
        return state;
      }
      case 'pins/list':
        return readPins();
      case 'pins/save': {
        return changePins((pins) => upsertPin(pins, request.pin, request.replace));
      }
      case 'pins/remove': {
        const name = normalizePackageName(request.ecosystem, request.package);
        return changePins((pins) => removePin(pins, request.ecosystem, name));
      }
      case 'pins/pin-current': {
        const state = await tabState(request.tabId);
        const report = state.verdict?.report;
        const identity = state.verdict?.actualIdentity;
        if (!report || !identity || (report.status !== 'verified' && report.status !== 'partial')) {
          throw new RequestRejected('NOTHING_TO_PIN', 'Only a verified identity can be pinned.');
        }
        const pin = pinFromIdentity(report.ecosystem, normalizePackageName(report.ecosystem, report.package), identity, 'popup');
        return changePins((pins) => upsertPin(pins, pin));
      }
      case 'pins/import': {
        const imported = parsePinFile(request.text);
        return changePins((pins) => mergeImported(pins, imported));
      }
      case 'pins/export':
        return exportPins(await readPins());
      case 'history/get': {
        const view = await deps.history(request.page);
        // Only a content script's tab shows that page; the popup opened as a tab does not.
        const tabId = senderKind(sender, deps) === 'content-script' ? sender.tab?.id : undefined;
        if (tabId !== undefined && view.alerts.length > 0) {
          await deps.setToolbar(tabId, await deps.service.cachedVerdict(request.page), false, view.alerts.map((a) => a.kind));
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
        return readSettings();
    }
  }

  /** The onMessage listener body: validate, check the sender, answer in an envelope. */
  return async function route(message: unknown, sender: Sender): Promise<Envelope> {
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues[0]?.message ?? 'invalid request' } };
    const kind = senderKind(sender, deps);
    if (kind === 'unknown' || (kind === 'content-script' && !CONTENT_SCRIPT_REQUESTS.has(parsed.data.type))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `${parsed.data.type} is not allowed from this sender` } };
    }
    try {
      return { ok: true, value: await handle(parsed.data, sender) };
    } catch (e) {
      if (e instanceof PinImportError) return { ok: false, error: { code: 'IMPORT_INVALID', message: e.message } };
      if (e instanceof RequestRejected) return { ok: false, error: { code: e.code, message: e.message } };
      return { ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
    }
  };
}

export { TOOLBAR, packagePageSchema };

import { samePage } from '../../pages/detect';
import { pinFromIdentity, pinKey } from '../../policy/pins';
import { hasVerifiedProvenance } from '../../policy/status';
import { changePins, readPins } from '../../storage/items';
import { describeWeakenings, exportPins, importWeakenings, mergeImported, parsePinFile, removePin, upsertPin } from '../pin-book';
import type { Pin } from '../../policy/pins';
import { normalizePackageName } from '../release-key';
import { RequestRejected } from '../request-rejected';
import type { HandlerDeps, HandlersFor } from './handler-map';
import type { TabRecords } from './tab-state';
import type { ToolbarPainter } from './toolbar';

/** Pins and what fills them (extension pages only); every change repaints the toolbars it may contradict. */
export function pinHandlers(
  deps: Pick<HandlerDeps, 'verifiedIdentities'>,
  tabs: TabRecords,
  toolbar: ToolbarPainter,
): HandlersFor<'pins/list' | 'pins/save' | 'pins/remove' | 'pins/pin-current' | 'pins/import' | 'pins/merge' | 'pins/export' | 'identities/list'> {
  /** All or nothing: refused whole when it would weaken a pin the user did not confirm. */
  const importAll = (imported: Pin[], allowWeaker: boolean | undefined) =>
    toolbar.afterChange(
      changePins((pins) => {
        const weaker = importWeakenings(pins, imported);
        if (weaker.length > 0 && allowWeaker !== true) throw new RequestRejected('IMPORT_WEAKENS', describeWeakenings(weaker));
        return mergeImported(pins, imported);
      }),
    );
  return {
    'pins/list': () => readPins(),
    'pins/save': (request) => toolbar.afterChange(changePins((pins) => upsertPin(pins, request.pin, request.replace))),
    async 'pins/remove'(request) {
      const name = normalizePackageName(request.ecosystem, request.package);
      return toolbar.afterChange(changePins((pins) => removePin(pins, request.ecosystem, name)));
    },
    async 'pins/pin-current'(request) {
      const state = await tabs.state(request.tabId);
      const report = state.verdict?.report;
      const identity = state.verdict?.actualIdentity;
      if (!report || !identity || !hasVerifiedProvenance(report.status)) {
        throw new RequestRejected('NOTHING_TO_PIN', 'Only a verified identity can be pinned.');
      }
      if (!samePage(state.page ?? null, request.page) || report.version !== request.version) {
        throw new RequestRejected('TAB_CHANGED', 'The tab shows another release now; open the popup again to pin it.');
      }
      const name = normalizePackageName(report.ecosystem, report.package);
      const pin = pinFromIdentity(report.ecosystem, name, identity, 'popup');
      return toolbar.afterChange(
        changePins((pins) => {
          // The popup offers this only while nothing is pinned; a pin made meanwhile (options page, first use) is kept.
          if (pins.some((p) => pinKey(p.ecosystem, p.package) === pinKey(pin.ecosystem, name))) {
            throw new RequestRejected('PIN_EXISTS', 'This package is already pinned; edit its pin in the options page.');
          }
          return upsertPin(pins, pin);
        }),
      );
    },
    'pins/import': async (request) => importAll(parsePinFile(request.text), request.allowWeaker),
    // Validated by pinSchema already (protocol.ts); whatever the page said, they are imported pins.
    'pins/merge': async (request) => importAll(request.pins.map((pin) => ({ ...pin, source: 'import' as const })), request.allowWeaker),
    'pins/export': async () => exportPins(await readPins()),
    'identities/list': (request) => deps.verifiedIdentities(request.ecosystem, normalizePackageName(request.ecosystem, request.package)),
  };
}

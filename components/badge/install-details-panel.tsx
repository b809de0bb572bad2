import { render } from 'preact';
import { PANEL_GLOBAL, PANEL_ID, type DetailsPanelApi, type PanelOptions } from '../../lib/content/details-panel-api';
import { requestPanelDetails } from '../../lib/content/panel-verdict';
import { DetailsPanel, type PanelLoad } from './DetailsPanel';
import panelCss from './panel.css?inline';

/** Bumped per open, so a slow answer for a panel closed (or reopened) meanwhile is dropped. */
const opens = new WeakMap<HTMLElement, number>();

function open(slot: HTMLElement, options: PanelOptions): void {
  const token = (opens.get(slot) ?? 0) + 1;
  opens.set(slot, token);
  const draw = (load: PanelLoad) =>
    render(
      <>
        <style>{panelCss}</style>
        <DetailsPanel load={load} status={options.status} packageLabel={options.packageLabel} onClose={options.onClose} />
      </>,
      slot,
    );
  draw({ kind: 'loading' });
  slot.querySelector<HTMLElement>(`#${PANEL_ID}`)?.focus();
  requestPanelDetails(options.sendMessage, options.page).then(
    (details) => opens.get(slot) === token && draw({ kind: 'ready', details }),
    (e: unknown) => opens.get(slot) === token && draw({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
}

function close(slot: HTMLElement): void {
  opens.set(slot, (opens.get(slot) ?? 0) + 1);
  render(null, slot);
}

/** Makes the panel available to the badge in this world; a second injection changes nothing. */
export function installDetailsPanel(scope: object = globalThis): void {
  const api: DetailsPanelApi = { open, close };
  const bag = scope as Record<string, unknown>;
  if (!bag[PANEL_GLOBAL]) Object.defineProperty(bag, PANEL_GLOBAL, { value: Object.freeze(api), configurable: false, writable: false });
}

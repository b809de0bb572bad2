import type { Request } from '../messages/protocol';
import type { PackagePage } from '../pages/package-page';
import type { BadgeStatus } from '../policy/verdict';

/**
 * The seam between the badge's content script and the details panel's code.
 * The panel (Preact components from the popup, their sentences and styles)
 * is as big as the badge itself, and most pages never open it: the worker
 * injects it into the content scripts' isolated world (scripting API, no
 * web-accessible resource a page could probe for) only when the toolbar
 * popup was refused. The two share nothing but this global and a slot
 * element in the badge's shadow root, which the panel renders into with
 * its own copy of Preact.
 */
export const PANEL_GLOBAL = '__provenantDetailsPanel';

/** The panel element's id, which the badge button names in aria-controls. */
export const PANEL_ID = 'pv-details';

export interface PanelOptions {
  page: PackagePage;
  /** The badge's status now, shown until the panel's own verdict arrives. */
  status: BadgeStatus;
  /** `sigstore 1.0.0`: the dialog's name. */
  packageLabel: string;
  sendMessage(message: Request): Promise<unknown>;
  onClose(): void;
}

export interface DetailsPanelApi {
  open(slot: HTMLElement, options: PanelOptions): void;
  close(slot: HTMLElement): void;
}

/** The panel's code, if the worker has injected it into this world. */
export function detailsPanelApi(scope: object = globalThis): DetailsPanelApi | undefined {
  const api = (scope as Record<string, unknown>)[PANEL_GLOBAL] as Partial<DetailsPanelApi> | undefined;
  return api && typeof api.open === 'function' && typeof api.close === 'function' ? (api as DetailsPanelApi) : undefined;
}

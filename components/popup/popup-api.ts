import { browser } from 'wxt/browser';
import type { Acknowledgement } from '../../lib/history/alerts';
import { send } from '../../lib/messages/client';
import { missingSiteAccess } from '../../lib/net/site-access';
import type { HistoryView, TabState } from '../../lib/messages/protocol';
import type { PackagePage } from '../../lib/pages/package-page';
import type { Pin } from '../../lib/policy/pins';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import type { Ecosystem } from '../../lib/registries/sites';
import { registrySettingsFragment } from '../../lib/ui/registry-settings';

/** What the popup asks of the background; tests pass a fake. */
export interface PopupApi {
  tabGet(tabId: number): Promise<TabState>;
  recheck(tabId: number): Promise<TabState>;
  /** Pins the verified identity of `version`, the release the popup shows for `page`. */
  pinCurrent(tabId: number, page: PackagePage, version: string): Promise<Pin[]>;
  /** Earlier versions and the alerts still to show (asked after the verdict). */
  historyGet(page: PackagePage): Promise<HistoryView>;
  acknowledge(ack: Omit<Acknowledgement, 'at'>): Promise<Acknowledgement[]>;
  /** Registry host patterns whose site access the user has turned off. */
  missingSiteAccess(): Promise<string[]>;
  /** Must be the first thing a click handler awaits: browsers only grant from a user gesture. */
  requestSiteAccess(origins: string[]): Promise<boolean>;
  optionsUrl: string;
  /** The registries the user turns on, and which are on (`registries/list`); absent in fakes that do not exercise them. */
  listRegistries?(): Promise<OptionalRegistryState[]>;
  /** Opens the options page at the registry switches, or at one registry's switch. */
  openRegistrySettings?(ecosystem?: Ecosystem): Promise<void>;
}

export function extensionPopupApi(): PopupApi {
  return {
    tabGet: (tabId) => send({ type: 'tab/get', tabId }),
    recheck: (tabId) => send({ type: 'verdict/recheck', tabId }),
    pinCurrent: (tabId, page, version) => send({ type: 'pins/pin-current', tabId, page, version }),
    historyGet: (page) => send({ type: 'history/get', page }),
    acknowledge: (ack) => send({ type: 'acks/add', ack }),
    missingSiteAccess: () => missingSiteAccess((origins) => browser.permissions.contains({ origins })),
    requestSiteAccess: (origins) => browser.permissions.request({ origins }),
    optionsUrl: browser.runtime.getURL('/options.html'),
    listRegistries: () => send({ type: 'registries/list' }),
    // A tab of its own at the switch: runtime.openOptionsPage() cannot carry the fragment. tabs.create needs no permission.
    openRegistrySettings: async (ecosystem) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${registrySettingsFragment(ecosystem)}` });
    },
  };
}

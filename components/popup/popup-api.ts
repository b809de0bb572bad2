import { browser } from 'wxt/browser';
import { send } from '../../lib/messages/client';
import type { TabState } from '../../lib/messages/protocol';
import type { Pin } from '../../lib/policy/pins';

/** What the popup asks of the background; tests pass a fake. */
export interface PopupApi {
  tabGet(tabId: number): Promise<TabState>;
  recheck(tabId: number): Promise<TabState>;
  pinCurrent(tabId: number): Promise<Pin[]>;
  optionsUrl: string;
}

export function extensionPopupApi(): PopupApi {
  return {
    tabGet: (tabId) => send({ type: 'tab/get', tabId }),
    recheck: (tabId) => send({ type: 'verdict/recheck', tabId }),
    pinCurrent: (tabId) => send({ type: 'pins/pin-current', tabId }),
    optionsUrl: browser.runtime.getURL('/options.html'),
  };
}

import { browser } from 'wxt/browser';

/**
 * The toolbar popup over the tab's window, for a click on the badge. Both
 * browsers open it only over a focused window (Firefox also wants a user
 * gesture, which a message from a content script does not carry): the badge
 * shows its own panel whenever this says no.
 */
export async function openPopup(tabId: number): Promise<'opened' | 'NO_FOCUSED_WINDOW' | 'POPUP_REFUSED'> {
  const action = browser.action as { openPopup?: (options?: { windowId?: number }) => Promise<void> };
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab || tab.windowId === undefined || !action.openPopup) return 'POPUP_REFUSED';
  const win = await browser.windows.get(tab.windowId).catch(() => undefined);
  if (!win?.focused) return 'NO_FOCUSED_WINDOW';
  // The popup describes its window's active tab: it must be the tab whose badge was clicked.
  if (!tab.active) return 'POPUP_REFUSED';
  try {
    await action.openPopup({ windowId: tab.windowId });
    return 'opened';
  } catch {
    return 'POPUP_REFUSED';
  }
}

/** The details panel's code (entrypoints/details-panel.ts), into the content scripts' world of that frame. */
export async function injectPanel(tabId: number, frameId: number): Promise<void> {
  // Without it the badge simply opens nothing; the verdict stays on the page and in the toolbar.
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/details-panel.js'] }).catch(() => undefined);
}

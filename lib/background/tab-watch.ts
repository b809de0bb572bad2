import { browser } from 'wxt/browser';
import { tabsItem, updateItem } from '../storage/items';
import { pageAt } from './tab-page';
import { clearToolbar } from './tab-toolbar';

async function forgetTab(tabId: number): Promise<void> {
  await updateItem(tabsItem, (tabs) => {
    delete tabs[String(tabId)];
    return tabs;
  });
}

/**
 * A closed tab's record goes. A tab that leaves a package page (for another
 * site, or a registry page that is no package) must not keep showing that
 * page's verdict in the toolbar. Package pages are left alone: their content
 * script reports the new page itself.
 */
export function watchTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    if (pageAt(tab.url)) return;
    void forgetTab(tabId);
    void clearToolbar(tabId);
  });
}

import '../../components/ui.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { extensionPopupApi } from '../../components/popup/popup-api';
import { PopupApp } from '../../components/popup/PopupApp';
import { resolveTabId } from '../../lib/ui/popup-tab';

const root = document.getElementById('app')!;
void resolveTabId(location.search, (q) => browser.tabs.query(q)).then(
  (tabId) => render(<PopupApp tabId={tabId} api={extensionPopupApi()} />, root),
  () => render(<PopupApp tabId={undefined} api={extensionPopupApi()} />, root),
);

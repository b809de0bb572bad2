import { browser } from 'wxt/browser';
import { missingSiteAccess, siteAccessToolbar } from '../net/site-access';

/**
 * Keeps the toolbar's default badge and title saying when the user has taken
 * site access away, since the pages then show nothing at all. Per-tab verdict
 * badges are set with a tab id and still take precedence.
 */
export function watchSiteAccess(): void {
  const show = async () => {
    const look = siteAccessToolbar(await missingSiteAccess((origins) => browser.permissions.contains({ origins })));
    try {
      await browser.action.setBadgeText({ text: look.text });
      await browser.action.setBadgeBackgroundColor({ color: look.color });
      await browser.action.setTitle({ title: look.title });
    } catch {
      // The action API can be unavailable while the browser shuts down.
    }
  };
  browser.permissions.onAdded.addListener(() => void show());
  browser.permissions.onRemoved.addListener(() => void show());
  void show();
}

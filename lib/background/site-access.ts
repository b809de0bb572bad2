import { browser } from 'wxt/browser';
import { missingSiteAccess, siteAccessToolbar } from '../net/site-access';
import type { ToolbarLook } from './toolbar';
import { toolbarIconPaths } from './toolbar-icons';

/** The toolbar's look where no verdict is shown: the plain mark, or OFF while site access is withheld. */
export async function defaultToolbarLook(): Promise<ToolbarLook> {
  return siteAccessToolbar(await missingSiteAccess((origins) => browser.permissions.contains({ origins })));
}

/**
 * Paints a look on one tab, or as the default every tab without its own falls
 * back to. With `defaultText`, the tab's own badge text is cleared instead, so
 * it follows the default's (both browsers reset text that way; title, colour
 * and icon have no such reset in Chromium, so the tab is given the look's).
 */
export async function showToolbarLook(look: ToolbarLook, tabId?: number, options: { defaultText?: boolean } = {}): Promise<void> {
  const where = tabId === undefined ? {} : { tabId };
  // Independent settings of one action: sent together rather than one round trip each.
  await Promise.all([
    browser.action.setBadgeText(options.defaultText ? where : { ...where, text: look.text }),
    browser.action.setBadgeBackgroundColor({ ...where, color: look.color }),
    browser.action.setTitle({ ...where, title: look.title }),
    browser.action.setIcon({ ...where, path: toolbarIconPaths(look.icon) }),
  ]);
}

/**
 * Keeps the toolbar's default badge, title and icon saying when the user has
 * taken site access away, since the pages then show nothing at all. Per-tab
 * verdict looks are set with a tab id and still take precedence.
 */
export function watchSiteAccess(): void {
  const show = async () => {
    try {
      await showToolbarLook(await defaultToolbarLook());
    } catch {
      // The action API can be unavailable while the browser shuts down.
    }
  };
  browser.permissions.onAdded.addListener(() => void show());
  browser.permissions.onRemoved.addListener(() => void show());
  void show();
}

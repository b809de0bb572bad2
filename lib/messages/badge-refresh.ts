/**
 * The one message the background sends to content scripts: a user action
 * elsewhere (a pin saved or removed, a setting changed, "Check again") may
 * have changed this page's verdict. Checked by hand: the content script
 * carries no zod (see lib/content/badge-verdict.ts).
 */
export const BADGE_REFRESH = 'badge/refresh';

export function isBadgeRefresh(message: unknown): boolean {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && Object.keys(message).length === 1 && (message as { type?: unknown }).type === BADGE_REFRESH;
}

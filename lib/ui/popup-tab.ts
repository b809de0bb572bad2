/**
 * Which tab the popup describes: `?tabId=N` (tests and deep links open the
 * popup as a page of its own, where "the active tab" would be the popup
 * itself), else the active tab of the current window. Nothing here depends
 * on focus, so the popup fills in when opened in the background too.
 */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}

export async function resolveTabId(
  search: string,
  queryTabs: (query: { active: true; currentWindow: true }) => Promise<{ id?: number }[]>,
): Promise<number | undefined> {
  const fromQuery = tabIdFromSearch(search);
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await queryTabs({ active: true, currentWindow: true });
  return tab?.id;
}

/** Polling while the background is still verifying: every 400 ms, for at most 45 s. */
export const POLL_INTERVAL_MS = 400;
export const POLL_LIMIT_MS = 45_000;

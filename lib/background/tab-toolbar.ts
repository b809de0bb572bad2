import type { AlertLevel } from '../history/alerts';
import type { Verdict } from '../policy/verdict';
import { isRegistryOffReport } from './optional-registries';
import { defaultToolbarLook, showToolbarLook } from './site-access';
import { toolbarLook } from './toolbar';

/** One tab's toolbar button for its verdict (or "pending") and the history alerts it shows. */
export async function setToolbar(tabId: number, verdict: Verdict | undefined, pending: boolean, alerts: readonly string[] = [], level?: AlertLevel): Promise<void> {
  // A registry that is off has no verdict, not an error that will be retried: the tab shows the default look.
  if (!pending && verdict && isRegistryOffReport(verdict.report)) return clearToolbar(tabId);
  const status = pending ? 'pending' : verdict?.status;
  if (!status) return;
  try {
    await showToolbarLook(toolbarLook(status, alerts, level), tabId);
  } catch {
    // The tab may have closed while verifying.
  }
}

/** Back to the toolbar's default look (which may be the site-access warning). */
export async function clearToolbar(tabId: number): Promise<void> {
  try {
    await showToolbarLook(await defaultToolbarLook(), tabId, { defaultText: true });
  } catch {
    // The tab may have closed meanwhile.
  }
}

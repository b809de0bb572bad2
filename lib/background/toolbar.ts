import { highestAlertLevel, isAlarming } from '../policy/status';
import type { BadgeStatus } from '../policy/verdict';
import type { AlertLevel } from '../history/alerts';
import type { ToolbarIcon } from './toolbar-icons';

/**
 * How the toolbar shows a state: badge text, colour, a title sentence and an
 * icon whose glyph differs in shape, so the state is never conveyed by colour alone.
 */
export interface ToolbarLook {
  text: string;
  color: string;
  title: string;
  icon: ToolbarIcon;
}

export const TOOLBAR: Record<BadgeStatus, ToolbarLook> = {
  pending: { text: '\u2026', color: '#5f6368', title: 'Provenant: checking provenance\u2026', icon: 'pending' },
  verified: { text: 'OK', color: '#137333', title: 'Provenant: provenance verified', icon: 'verified' },
  partial: { text: 'PART', color: '#8a5a00', title: 'Provenant: some files have verified provenance, others have none', icon: 'partial' },
  absent: { text: 'NONE', color: '#5f6368', title: 'Provenant: this version has no provenance', icon: 'absent' },
  unsupported: { text: '?', color: '#5f6368', title: 'Provenant: valid attestations from a publisher Provenant cannot check', icon: 'unsupported' },
  failed: { text: 'FAIL', color: '#b3261e', title: 'Provenant: provenance verification FAILED', icon: 'failed' },
  mismatch: { text: 'PIN!', color: '#b3261e', title: 'Provenant: built by a different identity than you pinned', icon: 'mismatch' },
  error: { text: 'ERR', color: '#8a5a00', title: 'Provenant: could not finish checking; will retry', icon: 'error' },
};

/**
 * The tab's toolbar look for its verdict and the history alerts it shows. The
 * highest alert outranks a calm status (VERDICTS: "its colour and toolbar icon
 * follow the highest alert"): lost provenance or a new publisher must never
 * look plain green.
 */
export function toolbarLook(status: BadgeStatus, alerts: readonly string[] = [], alertLevel?: AlertLevel): ToolbarLook {
  const base = TOOLBAR[status];
  const level = alerts.length === 0 ? undefined : (alertLevel ?? highestAlertLevel(alerts));
  if (!level || (level === 'medium' && isAlarming(status))) return base;
  const title = `${base.title} \u2014 ALERT: ${alerts.join(', ')}`;
  return level === 'high' ? { text: '!', color: '#b3261e', title, icon: 'alert' } : { text: '!', color: '#8a5a00', title, icon: 'caution' };
}

import type { BadgeView } from '../../lib/content/badge-state';
import { PANEL_ID } from '../../lib/content/details-panel-api';
import type { BadgePlacement } from '../../lib/content/place-host';
import { showsBuilder } from '../../lib/policy/status';
import { ALERT_WORDS, STATUS_WORDS } from '../../lib/ui/status-text';
import { IdentityLine } from '../IdentityLine';
import { StatusIcon } from '../StatusIcon';
import { StatusWords } from '../StatusWords';


/** The badge's tooltip: its words in full (and why, for an error), and how to see the details. */
export function badgeTitle(view: BadgeView): string {
  const why = view.status === 'error' && view.message ? ` (${view.message})` : '';
  // Verified without a public log is still verified, but never silently: the title says why it has no log entry.
  const noLog = view.noPublicLog && showsBuilder(view.status) ? ` ${view.noPublicLog}` : '';
  // A calm status beside an alert must not read as all good in the tooltip either.
  const alert = view.alerts.length === 0 ? '' : ` ${view.alertLevel === 'medium' ? 'Caution' : 'ALERT'}: ${view.alerts.map((a) => (Object.hasOwn(ALERT_WORDS, a) ? ALERT_WORDS[a] : a)).join(', ')}.`;
  return `Provenant: ${STATUS_WORDS[view.status]}${why}.${noLog}${alert} Click for details.`;
}

/** The badge's colour follows its highest alert (docs/verdicts.md): a high alert never reads as plain green. */
function levelClass(view: BadgeView): string {
  if (view.alerts.length === 0) return '';
  return ` pv-level-${view.alertLevel ?? 'high'}`;
}

/**
 * The in-page badge: a button that opens the details (the toolbar popup, or
 * the badge's own panel). Text only (no HTML from the page or the registry),
 * words and a shape for every state, never colour alone. The words sit in a
 * live region so a change of verdict is announced.
 */
export function ProvenantBadge({
  view,
  placement,
  expanded = false,
  onActivate,
}: {
  view: BadgeView;
  placement: BadgePlacement;
  expanded?: boolean;
  onActivate?: (event: MouseEvent) => void;
}) {
  return (
    <span role="status" class="pv-live">
      {/* Colours per status live in badge.css (the tones of STATUS_TONE), which keeps the content script small. */}
      <button
        type="button"
        class={`pv-badge pv-status-${view.status}${levelClass(view)}${placement === 'corner' ? ' pv-corner' : ''}`}
        title={badgeTitle(view)}
        aria-haspopup="dialog"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={expanded ? PANEL_ID : undefined}
        onClick={onActivate}
      >
        {placement === 'corner' ? <span class="pv-brand">Provenant</span> : null}
        <StatusIcon status={view.status} />
        <StatusWords status={view.status} />
        {/* A version-less page shows the registry's latest: say which version was judged. */}
        {view.page.version === undefined && view.version && view.status !== 'pending' ? <span class="pv-version">{view.version}</span> : null}
        {showsBuilder(view.status) ? <IdentityLine identity={view.identity} prefix={view.status === 'mismatch' ? 'built by' : undefined} /> : null}
        {view.alerts.map((alert) => (
          <span class="pv-alert" key={alert}>
            {`\u26A0 ${Object.hasOwn(ALERT_WORDS, alert) ? ALERT_WORDS[alert] : alert}`}
          </span>
        ))}
      </button>
    </span>
  );
}

import type { BadgeView } from '../../lib/content/badge-state';
import { ALERT_WORDS, STATUS_WORDS } from '../../lib/ui/status-text';
import { IdentityLine } from '../IdentityLine';
import { StatusIcon } from '../StatusIcon';
import { StatusWords } from '../StatusWords';

export type BadgePlacement = 'inline' | 'corner';

/** Statuses whose identity is worth a line: who built it, or who built it instead of the pin. */
const SHOWS_IDENTITY = new Set(['verified', 'partial', 'mismatch']);

/** The badge's tooltip: its words in full (and why, for an error), and where the details are. */
export function badgeTitle(view: BadgeView): string {
  const why = view.status === 'error' && view.message ? ` (${view.message})` : '';
  return `Provenant: ${STATUS_WORDS[view.status]}${why}. Details: Provenant\u2019s toolbar button.`;
}

/** The badge's colour follows its highest alert (docs/verdicts.md): a high alert never reads as plain green. */
function levelClass(view: BadgeView): string {
  if (view.alerts.length === 0) return '';
  return ` pv-level-${view.alertLevel ?? 'high'}`;
}

/**
 * The in-page badge. Text only (no HTML from the page or the registry),
 * words and a shape for every state, never colour alone.
 */
export function ProvenantBadge({ view, placement }: { view: BadgeView; placement: BadgePlacement }) {
  return (
    // Colours per status live in badge.css (the tones of STATUS_TONE), which keeps the content script small.
    <div
      class={`pv-badge pv-status-${view.status}${levelClass(view)}${placement === 'corner' ? ' pv-corner' : ''}`}
      role="status"
      title={badgeTitle(view)}
    >
      {placement === 'corner' ? <span class="pv-brand">Provenant</span> : null}
      <StatusIcon status={view.status} />
      <StatusWords status={view.status} />
      {/* A version-less page shows the registry's latest: say which version was judged. */}
      {view.page.version === undefined && view.version && view.status !== 'pending' ? <span class="pv-version">{view.version}</span> : null}
      {SHOWS_IDENTITY.has(view.status) ? <IdentityLine identity={view.identity} prefix={view.status === 'mismatch' ? 'built by' : undefined} /> : null}
      {view.alerts.map((alert) => (
        <span class="pv-alert" key={alert}>
          {`\u26A0 ${Object.hasOwn(ALERT_WORDS, alert) ? ALERT_WORDS[alert] : alert}`}
        </span>
      ))}
    </div>
  );
}

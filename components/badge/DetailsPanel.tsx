import { PANEL_ID } from '../../lib/content/details-panel-api';
import type { PanelDetails } from '../../lib/content/panel-verdict';
import { showsBuilder } from '../../lib/policy/status';
import type { BadgeStatus } from '../../lib/policy/verdict';
import { showsReason, verdictReason } from '../../lib/ui/code-text';
import { alertTitle } from '../../lib/ui/history-text';
import { STATUS_WORDS } from '../../lib/ui/status-text';
import { noPublicLogSentence } from '../../lib/report/no-public-log';
import { verdictSentence } from '../../lib/ui/verdict-sentence';
import { FieldRow } from '../FieldRow';
import { IdentityLine } from '../IdentityLine';
import { LocalTimeText } from '../LocalTimeText';
import { FileList } from '../popup/FileList';
import { PinComparison } from '../popup/PinComparison';
import { ReleaseDetails } from '../popup/ReleaseDetails';
import { StatusIcon } from '../StatusIcon';
import { listsFiles } from '../../lib/registries/sites';

export type PanelLoad = { kind: 'loading' } | { kind: 'ready'; details: PanelDetails } | { kind: 'failed'; message: string };


/**
 * The badge's own details, inside its shadow root, for when the browser
 * will not open the toolbar popup (no focused window, Firefox without a
 * user gesture in the worker). The popup's components, read-only: pinning
 * and acknowledging stay in the popup and the options page.
 */
export function DetailsPanel({ load, status, packageLabel, onClose }: { load: PanelLoad; status: BadgeStatus; packageLabel: string; onClose: () => void }) {
  const verdict = load.kind === 'ready' ? load.details.verdict : undefined;
  const shown = verdict?.status ?? status;
  const identity = showsBuilder(shown) ? verdict?.actualIdentity : undefined;
  return (
    <div id={PANEL_ID} class="pv-panel" role="dialog" aria-label={`Provenant: ${packageLabel}`} tabindex={-1} data-status={shown}>
      <div class="pv-panel-head">
        <h2 class="pv-panel-title">Provenant: {packageLabel}</h2>
        <button type="button" class="pv-close" onClick={onClose} aria-label="Close details">
          {'\u00D7'}
        </button>
      </div>
      {load.kind === 'loading' ? (
        <p aria-busy="true">{'Loading\u2026'}</p>
      ) : load.kind === 'failed' ? (
        <p role="alert">Could not load the details: {load.message}</p>
      ) : (
        <>
          <dl class="fields status-field">
            <FieldRow label="Status" field="status">
              <span class="status-line">
                <StatusIcon status={shown} size={18} />
                <span class="pv-words">{STATUS_WORDS[shown]}</span>
              </span>
            </FieldRow>
          </dl>
          <p class="meaning" data-meaning={shown}>
            {verdictSentence(shown, identity, verdict !== undefined && noPublicLogSentence(verdict.report) !== undefined)}
          </p>
          <IdentityLine identity={identity} prefix={shown === 'mismatch' ? 'Built by' : undefined} />
          {showsReason(shown) ? <p class="reason">{verdictReason(verdict)}</p> : null}
          {load.details.alerts.length > 0 ? (
            <ul class="pv-panel-alerts">
              {load.details.alerts.map((a) => (
                <li key={`${a.kind}:${a.version}`} data-alert-kind={a.kind}>
                  <strong>{`\u26A0 ${alertTitle(a.kind)}`}</strong> in {a.version}: {a.message}
                </li>
              ))}
            </ul>
          ) : null}
          {verdict && shown === 'mismatch' ? <PinComparison verdict={verdict} /> : null}
          {verdict ? <ReleaseDetails verdict={verdict} /> : null}
          {verdict && listsFiles(verdict.report.ecosystem) ? <FileList report={verdict.report} /> : null}
          {verdict ? (
            <p class="checked">
              Checked <LocalTimeText iso={verdict.report.checkedAt} />
            </p>
          ) : null}
        </>
      )}
      <p class="hint">To pin this identity or acknowledge an alert, open Provenant from the browser&rsquo;s extensions menu.</p>
    </div>
  );
}

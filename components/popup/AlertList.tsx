import type { Alert } from '../../lib/history/alerts';
import type { BadgeStatus } from '../../lib/policy/verdict';
import { ALERT_WHY, COMPARED_MARKERS, alertLevelWords, alertTitle, changedFields, comparedIdentities } from '../../lib/ui/history-text';
import { identityLine } from '../../lib/identity/describe';
import { STATUS_WORDS } from '../../lib/ui/status-text';

export type AckScope = 'version' | 'package';

/**
 * The history's alerts, first thing under the verdict: what happened, which
 * versions and identities, why it matters, and a way to say "this is expected".
 * Every value is text (identities come from certificates).
 */
export function AlertList({
  alerts,
  packageName,
  currentStatus,
  busy,
  onAcknowledge,
}: {
  alerts: readonly Alert[];
  packageName: string;
  currentStatus: BadgeStatus;
  busy: boolean;
  onAcknowledge: (alert: Alert, scope: AckScope) => void;
}) {
  if (alerts.length === 0) return null;
  return (
    <section class="alerts" aria-labelledby="pv-alerts-heading">
      <h2 id="pv-alerts-heading">
        {alerts.length === 1 ? 'Alert' : `Alerts (${alerts.length})`}
      </h2>
      <ul class="alert-list">
        {alerts.map((alert) => (
          <AlertItem key={`${alert.kind}:${alert.version}`} alert={alert} packageName={packageName} currentStatus={currentStatus} busy={busy} onAcknowledge={onAcknowledge} />
        ))}
      </ul>
    </section>
  );
}

function AlertItem({
  alert,
  packageName,
  currentStatus,
  busy,
  onAcknowledge,
}: {
  alert: Alert;
  packageName: string;
  currentStatus: BadgeStatus;
  busy: boolean;
  onAcknowledge: (alert: Alert, scope: AckScope) => void;
}) {
  const title = alertTitle(alert.kind);
  return (
    <li class={`alert alert-${alert.kind} alert-level-${alert.level}`} data-alert-kind={alert.kind} data-alert-version={alert.version} data-alert-level={alert.level}>
      <h3 class="alert-title">
        <span aria-hidden="true">{'\u26A0 '}</span>
        {title}
        <span class="alert-version"> in {alert.version}</span>
        <span class="alert-level" data-alert-level-words>{` \u00B7 ${alertLevelWords(alert.level)}`}</span>
      </h3>
      <p class="alert-message">{alert.message}</p>
      <AlertDetails alert={alert} currentStatus={currentStatus} />
      <details class="alert-why">
        <summary>Why this matters</summary>
        <p>{ALERT_WHY[alert.kind]}</p>
      </details>
      <div class="ack-actions" role="group" aria-label={`Acknowledge \u201C${title}\u201D as expected`}>
        <span class="ack-label" aria-hidden="true">
          Acknowledge:
        </span>
        <button type="button" data-ack-scope="version" disabled={busy} aria-label={`Acknowledge ${title} for this version (${alert.version})`} onClick={() => onAcknowledge(alert, 'version')}>
          for this version
        </button>
        <button type="button" data-ack-scope="package" disabled={busy} aria-label={`Acknowledge ${title} for every version of this package (${packageName})`} onClick={() => onAcknowledge(alert, 'package')}>
          for every version of this package
        </button>
      </div>
    </li>
  );
}

const UNKNOWN = 'identity not recorded';

/** The versions and identities the alert is about, laid out per kind. */
function AlertDetails({ alert, currentStatus }: { alert: Alert; currentStatus: BadgeStatus }) {
  if (alert.kind === 'publisher-changed') {
    const rows = comparedIdentities(alert);
    // Without a previous version the comparison is inside the release: its other files against the flagged ones.
    const inRelease = alert.previousVersion === undefined && (alert.files?.length ?? 0) > 0;
    const changes = changedFields(alert);
    return (
      <>
      {changes.length > 0 ? (
        <table class="changed-fields" data-changed-fields>
          <caption>{inRelease ? 'What differs: the other files \u2192 the flagged files' : `What changed: ${alert.previousVersion ?? 'before'} \u2192 ${alert.version}`}</caption>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field} data-changed-field={c.field}>
                <th scope="row">{c.label}</th>
                <td data-changed-side="previous">
                  <code>{c.previous ?? '\u2014'}</code>
                </td>
                <td aria-hidden="true">{'\u2192'}</td>
                <td data-changed-side="current">
                  <code>{c.current ?? '\u2014'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details class="compare-all">
      <summary>Every recorded field</summary>
      <table class="identity-compare" data-compare="publisher">
        <caption class="visually-hidden">{inRelease ? 'Publisher of the other files and of the flagged files' : 'Previous and current publisher'}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{inRelease ? 'Other files' : `${alert.previousVersion ?? 'Before'} (before)`}</th>
            <th scope="col">{inRelease ? 'Flagged files' : `${alert.version} (this version)`}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} class={r.state === 'changed' ? 'differs' : r.state} data-compare-field={r.field} data-compare-state={r.state}>
              <th scope="row">
                {r.label}
                <span class="marker"> {COMPARED_MARKERS[r.state]}</span>
              </th>
              <td data-side="previous">
                <code>{r.previous ?? '(not recorded)'}</code>
              </td>
              <td data-side="current">
                <code>{r.current ?? '(not recorded)'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </details>
      {alert.files?.length ? (
        <p class="alert-files" data-alert-files>
          {'Files from another publisher: '}
          {alert.files.map((f, i) => (
            <span key={f}>
              {i > 0 ? ', ' : ''}
              <code>{f}</code>
            </span>
          ))}
        </p>
      ) : null}
      </>
    );
  }
  if (alert.kind === 'registry-disagrees') {
    return (
      <dl class="fields alert-fields" data-registry-disagrees>
        <div class="field-row">
          <dt>The registry claims</dt>
          <dd data-claim="claimed">{alert.claimed ?? 'provenance'}</dd>
        </div>
        <div class="field-row">
          <dt>Provenant found</dt>
          <dd data-claim="found">{alert.found ?? STATUS_WORDS[currentStatus].toLowerCase()}</dd>
        </div>
        {alert.files?.length ? (
          <div class="field-row">
            <dt>Files</dt>
            <dd>
              {alert.files.map((f, i) => (
                <span key={f}>
                  {i > 0 ? ', ' : ''}
                  <code>{f}</code>
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
    );
  }
  if (alert.kind === 'provenance-lost') {
    return (
      <dl class="fields alert-fields">
        {alert.previousVersion === undefined ? (
          // Raised by the pin alone: no earlier release to name.
          <div class="field-row">
            <dt>Expected</dt>
            <dd data-side="previous">verified provenance (this package is pinned)</dd>
          </div>
        ) : (
          <div class="field-row">
            <dt>Last verified</dt>
            <dd data-side="previous">
              {alert.previousVersion}
              {', built by '}
              <code>{(alert.previousIdentity && identityLine(alert.previousIdentity)) ?? UNKNOWN}</code>
            </dd>
          </div>
        )}
        <div class="field-row">
          <dt>This version</dt>
          <dd data-side="current">
            {alert.version}: {STATUS_WORDS[currentStatus].toLowerCase()}
          </dd>
        </div>
      </dl>
    );
  }
  return (
    <dl class="fields alert-fields">
      <div class="field-row">
        <dt>Built by</dt>
        <dd>
          <code>{(alert.identity && identityLine(alert.identity)) ?? UNKNOWN}</code>
        </dd>
      </div>
      <div class="field-row">
        <dt>Runner</dt>
        <dd>{alert.identity?.runnerEnvironment ?? '\u2014'}</dd>
      </div>
    </dl>
  );
}

/** Alerts the user said are expected: collapsed, still visible, removable in the options page. */
export function AcknowledgedList({ alerts, optionsUrl }: { alerts: readonly Alert[]; optionsUrl: string }) {
  if (alerts.length === 0) return null;
  return (
    <details class="acknowledged" data-acknowledged-count={alerts.length}>
      <summary>Acknowledged alerts ({alerts.length})</summary>
      <ul class="plain">
        {alerts.map((alert) => (
          <li key={`${alert.kind}:${alert.version}`} data-acknowledged-kind={alert.kind}>
            <strong>{alertTitle(alert.kind)}</strong> in {alert.version}: {alert.message}
          </li>
        ))}
      </ul>
      <p class="hint">
        Acknowledged alerts no longer show on the page or in the toolbar. You can remove an acknowledgement in the{' '}
        <a href={optionsUrl} target="_blank" rel="noopener">
          options
        </a>
        .
      </p>
    </details>
  );
}

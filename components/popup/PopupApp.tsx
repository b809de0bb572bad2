import { TrustNote } from './TrustNote';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Alert } from '../../lib/history/alerts';
import type { HistoryView, TabState } from '../../lib/messages/protocol';
import { contractPackageName } from '../../lib/pages/detect';
import { hasVerifiedProvenance, isFinalStatus, showsBuilder } from '../../lib/policy/status';
import { listsFiles, registryLabel } from '../../lib/registries/sites';
import type { BadgeStatus } from '../../lib/policy/verdict';
import { showsReason, verdictReason } from '../../lib/ui/code-text';
import { ackFor, describeAck, timelineRows } from '../../lib/ui/history-text';
import { POLL_INTERVAL_MS, POLL_LIMIT_MS } from '../../lib/ui/popup-tab';
import { STATUS_TONE } from '../../lib/ui/status-text';
import { noPublicLogSentence } from '../../lib/report/no-public-log';
import { verdictSentence } from '../../lib/ui/verdict-sentence';
import { LocalTimeText } from '../LocalTimeText';
import { FieldRow } from '../FieldRow';
import { IdentityLine } from '../IdentityLine';
import { StatusIcon } from '../StatusIcon';
import { StatusWords } from '../StatusWords';
import { AcknowledgedList, AlertList, type AckScope } from './AlertList';
import { Explainer } from './Explainer';
import { FileList } from './FileList';
import { NotAPackage } from './NotAPackage';
import { PinComparison, whichWords } from './PinComparison';
import type { PopupApi } from './popup-api';
import { RegistriesOff, RegistryOff } from './RegistryOff';
import { ReleaseDetails } from './ReleaseDetails';
import { SiteAccess } from './SiteAccess';
import { Timeline } from './Timeline';

type Load = { kind: 'loading' } | { kind: 'ready'; state: TabState } | { kind: 'failed'; message: string };
type HistoryLoad = { key: string } & ({ kind: 'loading' } | { kind: 'ready'; view: HistoryView } | { kind: 'failed'; message: string });

/**
 * Which release's history to ask for, once its verdict is final: keyed by the
 * check (a "Check again" or a new pin asks again).
 */
function historyTarget(load: Load) {
  if (load.kind !== 'ready') return undefined;
  const { page, verdict, pending } = load.state;
  if (!page || !verdict || pending || !isFinalStatus(verdict.status)) return undefined;
  const key = `${page.ecosystem}:${page.package}@${page.version ?? ''}#${verdict.report.checkedAt}#${verdict.pin ? 'pinned' : ''}`;
  return { page, key };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The toolbar popup for one tab. It asks the background what the tab shows
 * (`tab/get`) and polls while a check is running. A package page with no
 * verdict and nothing running (errors are not cached; the worker may have
 * restarted) gets one `verdict/recheck`, so the popup never waits on the page.
 */
export function PopupApp({ tabId, api }: { tabId: number | undefined; api: PopupApi }) {
  const [load, setLoad] = useState<Load>(tabId === undefined ? { kind: 'ready', state: { tabId: -1, pending: false } } : { kind: 'loading' });
  const [busy, setBusy] = useState<'recheck' | 'pin' | 'ack' | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [history, setHistory] = useState<HistoryLoad | undefined>();
  const alive = useRef(true);
  const historyRef = useRef<HTMLDivElement>(null);
  const target = historyTarget(load);

  useEffect(() => {
    alive.current = true;
    if (tabId === undefined) return;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = false;
    const tick = async () => {
      try {
        let state = await api.tabGet(tabId);
        if (state.page && !state.verdict && !state.pending && !asked) {
          asked = true;
          if (alive.current) setLoad({ kind: 'ready', state: { ...state, pending: true } });
          state = await api.recheck(tabId);
        }
        if (!alive.current) return;
        setLoad({ kind: 'ready', state });
        if (state.pending && Date.now() - started < POLL_LIMIT_MS) timer = setTimeout(tick, POLL_INTERVAL_MS);
      } catch (e) {
        if (alive.current) setLoad({ kind: 'failed', message: errorText(e) });
      }
    };
    void tick();
    return () => {
      alive.current = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [tabId, api]);

  // Earlier versions, after (never before) this release's own verdict.
  useEffect(() => {
    if (!target) return;
    let live = true;
    const { key, page } = target;
    setHistory({ key, kind: 'loading' });
    api.historyGet(page).then(
      (view) => live && setHistory({ key, kind: 'ready', view }),
      (e) => live && setHistory({ key, kind: 'failed', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [target?.key, api]);

  const recheck = useCallback(async () => {
    if (tabId === undefined) return;
    setBusy('recheck');
    setNotice('Checking again\u2026');
    try {
      const state = await api.recheck(tabId);
      if (!alive.current) return;
      setLoad({ kind: 'ready', state });
      setNotice('Checked again.');
    } catch (e) {
      if (alive.current) setNotice(`Could not check again: ${errorText(e)}`);
    } finally {
      if (alive.current) setBusy(undefined);
    }
  }, [tabId, api]);

  const shown = load.kind === 'ready' ? load.state : undefined;
  const pin = useCallback(async () => {
    const version = shown?.verdict?.report.version;
    if (tabId === undefined || !shown?.page || !version) return;
    setBusy('pin');
    try {
      await api.pinCurrent(tabId, shown.page, version);
      const state = await api.tabGet(tabId);
      if (!alive.current) return;
      setLoad({ kind: 'ready', state });
      setNotice('Pinned. Provenant will warn you if a release of this package is built by a different identity.');
    } catch (e) {
      if (alive.current) setNotice(`Could not pin: ${errorText(e)}`);
    } finally {
      if (alive.current) setBusy(undefined);
    }
  }, [tabId, api, shown]);

  if (load.kind === 'loading') {
    return (
      <main class="popup" aria-busy="true">
        <Header api={api} />
        <p>{'Loading\u2026'}</p>
      </main>
    );
  }
  if (load.kind === 'failed') {
    return (
      <main class="popup">
        <Header api={api} />
        <p role="alert" class="error-text">
          Provenant could not read this tab&rsquo;s state: {load.message}
        </p>
      </main>
    );
  }

  const { state } = load;
  if (state.registryOff) {
    return (
      <main class="popup" data-status="registry-off">
        <Header api={api} />
        <RegistryOff ecosystem={state.registryOff} api={api} />
        <Explainer />
      </main>
    );
  }
  if (!state.page) {
    return (
      <main class="popup" data-status="none">
        <Header api={api} />
        <NotAPackage optionsUrl={api.optionsUrl} />
        <RegistriesOff api={api} />
        <Explainer />
      </main>
    );
  }

  const verdict = state.verdict;
  const status: BadgeStatus = verdict ? verdict.status : 'pending';
  const report = verdict?.report;
  const canPin = !!verdict && hasVerifiedProvenance(verdict.status) && !verdict.pin && !!verdict.actualIdentity;
  const version = report?.version || state.page.version;
  const shownIdentity = showsBuilder(status) ? verdict?.actualIdentity : undefined;
  const shownHistory = history && target && history.key === target.key ? history : undefined;
  const historyView = shownHistory?.kind === 'ready' ? shownHistory.view : undefined;

  const acknowledge = async (alert: Alert, scope: AckScope) => {
    if (!report || !target) return;
    const ack = ackFor(alert, report, scope);
    setBusy('ack');
    try {
      await api.acknowledge(ack);
      const view = await api.historyGet(target.page);
      if (!alive.current) return;
      setHistory({ key: target.key, kind: 'ready', view });
      setNotice(`Acknowledged: ${describeAck(ack)}. The page and the toolbar stop showing it from the next visit.`);
      // The alert's buttons are gone; keep the keyboard near where it was.
      setTimeout(() => historyRef.current?.querySelector<HTMLElement>('details.acknowledged summary')?.focus(), 0);
    } catch (e) {
      if (alive.current) setNotice(`Could not acknowledge: ${errorText(e)}`);
    } finally {
      if (alive.current) setBusy(undefined);
    }
  };

  return (
    <main class={`popup tone-${STATUS_TONE[status]} status-${status}`} data-status={status}>
      <Header api={api} />
      <section class="summary" aria-labelledby="pv-package">
        <p id="pv-package" class="package">
          <span class="ecosystem">{registryLabel(state.page.ecosystem)}</span>{' '}
          <strong>{report?.package ?? contractPackageName(state.page)}</strong>
          {version ? <span class="version"> {version}</span> : null}
        </p>
        <dl class="fields status-field">
          <FieldRow label="Status" field="status">
            <span class="status-line" role="status">
              <StatusIcon status={status} size={20} />
              <StatusWords status={status} />
            </span>
          </FieldRow>
        </dl>
        <p class="meaning" data-meaning={status}>
          {verdictSentence(status, shownIdentity, report !== undefined && noPublicLogSentence(report) !== undefined)}
        </p>
        <IdentityLine identity={shownIdentity} prefix={status === 'mismatch' ? 'Built by' : undefined} />
        {showsReason(status) ? <p class="reason">{verdictReason(verdict)}</p> : null}
        <TrustNote report={report} optionsUrl={api.optionsUrl} />
        {status === 'mismatch' ? <p class="loud">Not the pinned identity. Do not install this release until you know why.</p> : null}
        {verdict?.pin && status !== 'mismatch' ? (
          <p class="pinned">
            This package is pinned, and this release matches the pin.
            {verdict.pinMatched && verdict.pinCompared !== undefined && verdict.pin.identities.length > 1 ? (
              <span class="pin-which" data-pin-matched={String(verdict.pinCompared + 1)}>
                {' '}
                {whichWords(verdict.pin.identities.length, verdict.pinCompared, true)}
              </span>
            ) : null}
          </p>
        ) : null}
      </section>

      <div ref={historyRef}>
        {historyView && report ? (
          <>
            <AlertList
              alerts={historyView.alerts}
              packageName={report.package}
              currentStatus={status}
              busy={busy !== undefined}
              onAcknowledge={(alert, scope) => void acknowledge(alert, scope)}
            />
            <AcknowledgedList alerts={historyView.acknowledged} optionsUrl={api.optionsUrl} />
          </>
        ) : null}
      </div>

      {verdict && status === 'mismatch' ? <PinComparison verdict={verdict} /> : null}
      {verdict ? <ReleaseDetails verdict={verdict} /> : null}
      {report && listsFiles(report.ecosystem) ? <FileList report={report} flagged={historyView?.alerts.flatMap((a) => (a.kind === 'publisher-changed' ? (a.files ?? []) : [])) ?? []} /> : null}
      {historyView ? (
        <Timeline rows={timelineRows(historyView, { status, identity: shownIdentity, stagedApprover: report?.stagedApprover })} />
      ) : shownHistory?.kind === 'loading' ? (
        <section class="timeline" aria-busy="true" aria-labelledby="pv-timeline-heading">
          <h2 id="pv-timeline-heading">Version history</h2>
          <p class="hint">{'Checking earlier versions\u2026'}</p>
        </section>
      ) : shownHistory?.kind === 'failed' ? (
        <section class="timeline" aria-labelledby="pv-timeline-heading">
          <h2 id="pv-timeline-heading">Version history</h2>
          <p class="hint">Could not check earlier versions: {shownHistory.message}</p>
        </section>
      ) : null}

      <div class="actions">
        {canPin ? (
          <button type="button" onClick={pin} disabled={busy !== undefined}>
            Pin this identity
          </button>
        ) : null}
        <button type="button" onClick={recheck} disabled={busy !== undefined || state.pending}>
          Check again
        </button>
        <a href={api.optionsUrl} target="_blank" rel="noopener">
          Identity pins &amp; settings
        </a>
      </div>
      <p class="notice" aria-live="polite">
        {notice ?? ''}
      </p>
      {report ? (
        <p class="checked">
          Checked <LocalTimeText iso={report.checkedAt} />
        </p>
      ) : null}
      <Explainer />
    </main>
  );
}

function Header({ api }: { api: PopupApi }) {
  return (
    <>
      <header class="app-header">
        <h1>Provenant</h1>
      </header>
      <SiteAccess api={api} />
    </>
  );
}

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TabState } from '../../lib/messages/protocol';
import { contractPackageName } from '../../lib/pages/detect';
import type { BadgeStatus } from '../../lib/policy/verdict';
import { verdictReason } from '../../lib/ui/code-text';
import { formatTime } from '../../lib/ui/identity';
import { POLL_INTERVAL_MS, POLL_LIMIT_MS } from '../../lib/ui/popup-tab';
import { STATUS_TONE } from '../../lib/ui/status-text';
import { FieldRow } from '../FieldRow';
import { IdentityLine } from '../IdentityLine';
import { StatusIcon } from '../StatusIcon';
import { StatusWords } from '../StatusWords';
import { Explainer } from './Explainer';
import { FileList } from './FileList';
import { NotAPackage } from './NotAPackage';
import { PinComparison } from './PinComparison';
import type { PopupApi } from './popup-api';
import { ReleaseDetails } from './ReleaseDetails';

type Load = { kind: 'loading' } | { kind: 'ready'; state: TabState } | { kind: 'failed'; message: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The toolbar popup for one tab. It asks the background what the tab shows
 * (`tab/get`) and polls while a check is running. A package page with no
 * verdict and nothing running (errors are not cached; the worker may have
 * restarted) gets one `verdict/recheck`, so the popup never waits on the page.
 */
export function PopupApp({ tabId, api }: { tabId: number | undefined; api: PopupApi }) {
  const [load, setLoad] = useState<Load>(tabId === undefined ? { kind: 'ready', state: { tabId: -1, pending: false } } : { kind: 'loading' });
  const [busy, setBusy] = useState<'recheck' | 'pin' | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const alive = useRef(true);

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

  const pin = useCallback(async () => {
    if (tabId === undefined) return;
    setBusy('pin');
    try {
      await api.pinCurrent(tabId);
      const state = await api.tabGet(tabId);
      if (!alive.current) return;
      setLoad({ kind: 'ready', state });
      setNotice('Pinned. Provenant will warn you if a release of this package is built by a different identity.');
    } catch (e) {
      if (alive.current) setNotice(`Could not pin: ${errorText(e)}`);
    } finally {
      if (alive.current) setBusy(undefined);
    }
  }, [tabId, api]);

  if (load.kind === 'loading') {
    return (
      <main class="popup" aria-busy="true">
        <Header />
        <p>{'Loading\u2026'}</p>
      </main>
    );
  }
  if (load.kind === 'failed') {
    return (
      <main class="popup">
        <Header />
        <p role="alert" class="error-text">
          Provenant could not read this tab&rsquo;s state: {load.message}
        </p>
      </main>
    );
  }

  const { state } = load;
  if (!state.page) {
    return (
      <main class="popup" data-status="none">
        <Header />
        <NotAPackage optionsUrl={api.optionsUrl} />
        <Explainer />
      </main>
    );
  }

  const verdict = state.verdict;
  const status: BadgeStatus = verdict ? verdict.status : 'pending';
  const report = verdict?.report;
  const canPin = !!verdict && (verdict.status === 'verified' || verdict.status === 'partial') && !verdict.pin && !!verdict.actualIdentity;
  const version = report?.version || state.page.version;
  const shownIdentity = status === 'verified' || status === 'partial' || status === 'mismatch' ? verdict?.actualIdentity : undefined;

  return (
    <main class={`popup tone-${STATUS_TONE[status]} status-${status}`} data-status={status}>
      <Header />
      <section class="summary" aria-labelledby="pv-package">
        <p id="pv-package" class="package">
          <span class="ecosystem">{state.page.ecosystem === 'pypi' ? 'PyPI' : 'npm'}</span>{' '}
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
        <IdentityLine identity={shownIdentity} prefix={status === 'mismatch' ? 'Built by' : undefined} />
        <p class="reason">{verdictReason(verdict)}</p>
        {status === 'mismatch' ? <p class="loud">Not the pinned identity. Do not install this release until you know why.</p> : null}
        {verdict?.pin && status !== 'mismatch' ? <p class="pinned">This package is pinned, and this release matches the pin.</p> : null}
      </section>

      {verdict && status === 'mismatch' ? <PinComparison verdict={verdict} /> : null}
      {verdict ? <ReleaseDetails verdict={verdict} /> : null}
      {report && report.ecosystem === 'pypi' ? <FileList report={report} /> : null}

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
      {report ? <p class="checked">Checked {formatTime(report.checkedAt) ?? report.checkedAt}</p> : null}
      <Explainer />
    </main>
  );
}

function Header() {
  return (
    <header class="app-header">
      <h1>Provenant</h1>
    </header>
  );
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RefreshResult, TrustStatus } from '../../lib/trust/trust-status';
import { describeTrustStatus } from '../../lib/ui/trust-text';

export interface TrustApi {
  trustStatus(): Promise<TrustStatus>;
  refreshTrust(): Promise<RefreshResult>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The Sigstore trust material in use, and "Refresh now". Text only (textContent through JSX). */
export function TrustSection({ api }: { api: TrustApi }) {
  const [status, setStatus] = useState<TrustStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');

  useEffect(() => {
    api.trustStatus().then(setStatus, (e) => setError(errorText(e)));
  }, [api]);

  const refresh = useCallback(async () => {
    setBusy(true);
    setResult('Refreshing\u2026');
    try {
      const r = await api.refreshTrust();
      setStatus(r.status);
      setResult(r.message);
    } catch (e) {
      setResult(`Not refreshed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }, [api]);

  const rows = status ? describeTrustStatus(status) : [];
  return (
    <section aria-labelledby="trust-heading" data-trust-source={status?.source}>
      <h2 id="trust-heading">Sigstore trust material</h2>
      <p class="hint">
        Signatures are checked against Sigstore&rsquo;s trusted root (its transparency logs, certificate authorities and
        timestamp authorities) and npm&rsquo;s registry keys. Provenant ships a copy and keeps it current from
        Sigstore&rsquo;s TUF repository, checking every file&rsquo;s signatures, versions and expiry.
      </p>
      {error ? (
        <p class="field-error" role="alert">
          Could not read the trust material: {error}
        </p>
      ) : status ? (
        <dl class="fields trust-fields">
          {rows.map(([label, value, field]) => (
            <div class="field-row" key={field}>
              <dt>{label}</dt>
              <dd data-trust-field={field}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{'Loading\u2026'}</p>
      )}
      <div class="actions">
        <button type="button" onClick={refresh} disabled={busy}>
          Refresh now
        </button>
      </div>
      <p class="notice trust-result" aria-live="polite">
        {result}
      </p>
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TrustInstance } from '../../lib/trust/trust-instance';
import type { RefreshResult, TrustStatus } from '../../lib/trust/trust-status';
import { describeTrustStatus } from '../../lib/ui/trust-text';

export interface TrustApi {
  /** `instance` absent: Sigstore's public-good. */
  trustStatus(instance?: TrustInstance): Promise<TrustStatus>;
  refreshTrust(instance?: TrustInstance): Promise<RefreshResult>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Heading, hint and element id of each instance's section. */
const INSTANCE_TEXT: Record<TrustInstance, { id: string; heading: string; hint: ComponentChildren }> = {
  'public-good': {
    id: 'trust-heading',
    heading: 'Sigstore trust material',
    hint: (
      <>
        Signatures are checked against Sigstore&rsquo;s trusted root (its transparency logs, certificate authorities and
        timestamp authorities) and npm&rsquo;s registry keys. Provenant ships a copy and keeps it current from
        Sigstore&rsquo;s TUF repository, checking every file&rsquo;s signatures, versions and expiry.
      </>
    ),
  },
  github: {
    id: 'trust-heading-github',
    heading: 'GitHub\u2019s Sigstore trust material',
    hint: (
      <>
        Immutable-release attestations are signed by GitHub&rsquo;s own Sigstore instance, not the public one. It has no
        public transparency log: these signatures are checked against its certificate authority and its timestamp
        authority alone. Its trusted root comes from GitHub&rsquo;s TUF repository, tuf-repo.github.com; Provenant ships
        a copy and keeps it current from there, checking every file&rsquo;s signatures, versions and expiry. Shown while
        a registry attested on GitHub is turned on.
      </>
    ),
  },
};

/** One instance's trust material in use, and "Refresh now". Text only (textContent through JSX). */
export function TrustSection({ api, instance }: { api: TrustApi; instance?: TrustInstance }) {
  const [status, setStatus] = useState<TrustStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');

  useEffect(() => {
    api.trustStatus(instance).then(setStatus, (e) => setError(errorText(e)));
  }, [api, instance]);

  const refresh = useCallback(async () => {
    setBusy(true);
    setResult('Refreshing\u2026');
    try {
      const r = await api.refreshTrust(instance);
      setStatus(r.status);
      setResult(r.message);
    } catch (e) {
      setResult(`Not refreshed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }, [api, instance]);

  const text = INSTANCE_TEXT[instance ?? 'public-good'];
  const rows = status ? describeTrustStatus(status, instance) : [];
  return (
    <section aria-labelledby={text.id} data-trust-source={status?.source} data-trust-instance={instance ?? 'public-good'}>
      <h2 id={text.id}>{text.heading}</h2>
      <p class="hint">{text.hint}</p>
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

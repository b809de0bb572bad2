import { useEffect, useState } from 'preact/hooks';
import { hostOf } from '../../lib/net/site-access';
import type { PopupApi } from './popup-api';

type Outcome = 'granted' | 'refused' | { error: string };

/**
 * Shown above everything else while the user has turned off Provenant's access
 * to a registry site: the pages there show no badge, and without this the
 * silence could be read as "nothing to report".
 */
export function SiteAccess({ api }: { api: Pick<PopupApi, 'missingSiteAccess' | 'requestSiteAccess'> }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  useEffect(() => {
    let live = true;
    api.missingSiteAccess().then(
      (m) => live && setMissing(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (missing.length === 0 && outcome !== 'granted') return null;

  const allow = async () => {
    try {
      // First await of the click: the browser only asks the user from a gesture.
      const granted = await api.requestSiteAccess(missing);
      setOutcome(granted ? 'granted' : 'refused');
      setMissing(await api.missingSiteAccess());
    } catch (e) {
      setOutcome({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  if (missing.length === 0) {
    return (
      <section class="site-access granted" aria-labelledby="pv-access-heading">
        <h2 id="pv-access-heading">Site access allowed</h2>
        <p role="status">Reload the package page to check it.</p>
      </section>
    );
  }
  return (
    <section class="site-access" aria-labelledby="pv-access-heading" data-missing={missing.map(hostOf).join(' ')}>
      <h2 id="pv-access-heading">Site access is turned off</h2>
      <p>
        Provenant cannot read <strong>{missing.map(hostOf).join(', ')}</strong>, so it shows no badge and verifies
        nothing there. If this tab shows a package on one of these sites, Provenant cannot see it.
      </p>
      <button type="button" onClick={() => void allow()}>
        Allow access to {missing.length === 1 ? hostOf(missing[0]!) : 'these sites'}
      </button>
      {outcome === 'refused' ? <p role="status">Access was not allowed; nothing changed.</p> : null}
      {typeof outcome === 'object' ? <p role="alert" class="error-text">Could not ask for access: {outcome.error}</p> : null}
    </section>
  );
}

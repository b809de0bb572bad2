import { useEffect, useState } from 'preact/hooks';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import { REGISTRY_SITES } from '../../lib/registries/pages';
import { registryLabel, type Ecosystem } from '../../lib/registries/sites';
import { listWords } from '../../lib/ui/list-words';
import type { PopupApi } from './popup-api';

/*
 * Turning a registry on is left to the options page, never done here: the
 * grant must be asked in a click's gesture, and a popup loses its page when
 * the browser's permission prompt takes focus (Firefox closes it, and
 * Chromium may), so the request and the worker's `registries/set` after it
 * could be cut off half way. The popup opens the options page at the switch
 * instead, where the same click asks and the answer is shown.
 */

const sitesOf = (ecosystem: Ecosystem) => REGISTRY_SITES.find((s) => s.ecosystem === ecosystem)?.siteHosts ?? [];

type OpenApi = Pick<PopupApi, 'openRegistrySettings'>;

function OpenSettings({ api, ecosystem, children }: { api: OpenApi; ecosystem?: Ecosystem; children: string }) {
  const [failed, setFailed] = useState<string | undefined>();
  if (!api.openRegistrySettings) return null;
  const open = () => api.openRegistrySettings!(ecosystem).catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  return (
    <>
      <button type="button" class="open-registry-settings" onClick={() => void open()}>
        {children}
      </button>
      {failed ? <p role="alert" class="error-text">Could not open the options page: {failed}</p> : null}
    </>
  );
}

/** The tab is on the site of a registry that is off (the worker knows it: TabState.registryOff). */
export function RegistryOff({ ecosystem, api }: { ecosystem: Ecosystem; api: OpenApi }) {
  const label = registryLabel(ecosystem);
  const hosts = listWords(sitesOf(ecosystem), 'and');
  return (
    <section class="site-access registry-off" aria-labelledby="pv-off-heading" data-registry-off={ecosystem}>
      <h2 id="pv-off-heading">{label} is off in Provenant</h2>
      <p>
        This tab is on <strong>{hosts}</strong>. Provenant&rsquo;s {label} checks are off, so it verifies nothing there and
        shows no badge: it says nothing about this page&rsquo;s releases.
      </p>
      <p>Turn {label} on in the options page: your browser asks you for access to {hosts}, and its pages get a badge from the next page load.</p>
      <OpenSettings api={api} ecosystem={ecosystem}>{`Turn on ${label} in the options`}</OpenSettings>
    </section>
  );
}

/**
 * On a tab the worker cannot place: which registries are off. Their sites'
 * URLs are hidden from Provenant while they are off (no "tabs" permission,
 * no grant for their hosts), so this tab may be one of their pages; it says
 * so rather than call the tab "not a package page" without a caveat.
 */
export function RegistriesOff({ api }: { api: Pick<PopupApi, 'listRegistries' | 'openRegistrySettings'> }) {
  const [off, setOff] = useState<OptionalRegistryState[]>([]);
  useEffect(() => {
    let live = true;
    api.listRegistries?.().then(
      (states) => live && setOff(states.filter((s) => !s.on)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (off.length === 0) return null;
  const labels = listWords(off.map((s) => s.label), 'and');
  const hosts = listWords(off.flatMap((s) => sitesOf(s.ecosystem)), 'or');
  return (
    <section class="registries-off" aria-labelledby="pv-offlist-heading" data-registries-off={off.map((s) => s.ecosystem).join(' ')}>
      <h2 id="pv-offlist-heading">Registries that are off</h2>
      <p>
        Provenant&rsquo;s {labels} checks are off until you turn them on. It cannot see pages on {hosts} meanwhile: if this
        tab shows one, Provenant has checked nothing on it.
      </p>
      <OpenSettings api={api}>Turn registries on in the options</OpenSettings>
    </section>
  );
}

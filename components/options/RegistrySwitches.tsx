import { useEffect, useRef, useState } from 'preact/hooks';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import { hostOf } from '../../lib/net/site-access';
import { REGISTRY_SWITCHES_ID, registrySwitchId } from '../../lib/ui/registry-settings';

export interface RegistrySwitchesApi {
  listRegistries(): Promise<OptionalRegistryState[]>;
  /** `permissions.request`: must be the first thing the click does (browsers grant only in a user gesture). */
  requestOrigins(origins: string[]): Promise<boolean>;
  setRegistry(ecosystem: OptionalRegistryState['ecosystem'], on: boolean): Promise<OptionalRegistryState[]>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Registries that stay off until the user turns them on: turning one on asks
 * the browser for its sites (its own prompt), then the worker starts showing
 * badges there; turning it off gives the sites back. Rendered only when the
 * list has such registries.
 */
export function RegistrySwitches({ api, focusId, onStates }: { api: RegistrySwitchesApi; focusId?: string; onStates?: (states: OptionalRegistryState[]) => void }) {
  const [states, setShown] = useState<OptionalRegistryState[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const section = useRef<HTMLElement>(null);
  const focused = useRef(false);
  // The pin form marks the registries that are off: it hears every change.
  const setStates = (next: OptionalRegistryState[] | undefined) => {
    setShown(next);
    if (next) onStates?.(next);
  };

  useEffect(() => {
    api.listRegistries().then(setStates, (e) => setResult(`Could not read the registries: ${errorText(e)}`));
  }, [api]);

  // Opened at the switches (the popup's "Turn on …"): focus there once they are drawn, so Space turns it on in the user's gesture.
  useEffect(() => {
    if (!states || !focusId || focused.current) return;
    const target = section.current?.ownerDocument.getElementById(focusId) ?? section.current;
    if (!target) return;
    focused.current = true;
    target.scrollIntoView?.({ block: 'center' });
    target.focus();
  }, [states, focusId]);

  const toggle = (state: OptionalRegistryState, on: boolean) => {
    // Asked before anything else is awaited, while the click still counts as the user's gesture.
    const granted = on ? api.requestOrigins(state.origins) : Promise.resolve(true);
    setBusy(true);
    void (async () => {
      try {
        if (!(await granted)) {
          setResult(`${state.label} stays off: access to ${state.origins.map(hostOf).join(', ')} was not granted.`);
          setStates(await api.listRegistries());
          return;
        }
        setStates(await api.setRegistry(state.ecosystem, on));
        setResult(on ? `${state.label} is on: its pages get a badge from the next page load.` : `${state.label} is off, and its site access was given back.`);
      } catch (e) {
        setResult(`Not changed: ${errorText(e)}`);
        setStates(await api.listRegistries().catch(() => states));
      } finally {
        setBusy(false);
      }
    })();
  };

  if (!states || states.length === 0) return null;
  return (
    <section ref={section} id={REGISTRY_SWITCHES_ID} tabIndex={-1} aria-labelledby="registries-heading" data-optional-registries>
      <h2 id="registries-heading">Registries</h2>
      <p class="hint">
        These registries are off until you turn them on. Turning one on asks your browser for access to its sites, and
        only then does Provenant read them; turning it off gives that access back. Access taken away in the
        browser&rsquo;s own settings turns the registry off here too.
      </p>
      {states.map((s) => (
        <div class="checkbox-row" key={s.ecosystem}>
          <input
            id={registrySwitchId(s.ecosystem)}
            type="checkbox"
            checked={s.on}
            disabled={busy}
            data-registry={s.ecosystem}
            onChange={(e) => toggle(s, (e.currentTarget as HTMLInputElement).checked)}
          />
          <label for={registrySwitchId(s.ecosystem)}>
            {s.label} <span class="hint">({s.origins.map(hostOf).join(', ')})</span>
          </label>
        </div>
      ))}
      <p class="notice registry-result" aria-live="polite">
        {result}
      </p>
    </section>
  );
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Acknowledgement } from '../../lib/history/alerts';
import type { Pin } from '../../lib/policy/pins';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import type { Ecosystem } from '../../lib/registries/sites';
import { githubTrustInUse } from '../../lib/trust/trust-instance';
import type { Settings } from '../../lib/storage/settings';
import { describeAck } from '../../lib/ui/history-text';
import { AckList } from './AckList';
import { ImportExport } from './ImportExport';
import { QuarantineList } from './QuarantineList';
import { RegistrySwitches, type RegistrySwitchesApi } from './RegistrySwitches';
import type { OptionsApi, PinFileFormat } from './options-api';
import { PinForm } from './PinForm';
import { PinList } from './PinList';
import { GithubTokenSection, type GithubTokenApi } from './GithubTokenSection';
import { TrustSection, type TrustApi } from './TrustSection';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Identity pins and settings. Every change goes through the background, which validates it again. */
export function OptionsApp({ api, focus }: { api: OptionsApi; focus?: string }) {
  const [pins, setPins] = useState<Pin[] | undefined>();
  const [settings, setSettings] = useState<Settings | undefined>();
  const [acks, setAcks] = useState<Acknowledgement[] | undefined>();
  const [acksError, setAcksError] = useState<string | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [editing, setEditing] = useState<Pin | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  /** Registries that are off, for the pin form (from the registry switches, kept current by them). */
  const [offRegistries, setOffRegistries] = useState<readonly Ecosystem[]>([]);
  /** Whether GitHub's trust material is in use (a registry attested on GitHub is on): its section shows only then. */
  const [githubTrustOn, setGithubTrustOn] = useState(false);
  const registriesShown = useCallback((states: OptionalRegistryState[]) => {
    setOffRegistries(states.filter((s) => !s.on).map((s) => s.ecosystem));
    setGithubTrustOn(githubTrustInUse(states));
  }, []);
  /** Bumped to give the add form a fresh start after a save or cancel. */
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    Promise.all([api.listPins(), api.getSettings()]).then(
      ([p, s]) => {
        setPins(p);
        setSettings(s);
      },
      (e) => setLoadError(errorText(e)),
    );
    // Apart from the pins: a failure here must not hide them.
    api.listAcks().then(setAcks, (e) => setAcksError(errorText(e)));
  }, [api]);

  const save = useCallback(
    async (pin: Pin, replace: { ecosystem: string; package: string } | undefined) => {
      try {
        setPins(await api.savePin(pin, replace));
        setNotice(`${replace ? 'Saved the pin' : 'Added a pin'} for ${pin.package}.`);
        setEditing(undefined);
        setFormKey((k) => k + 1);
        return undefined;
      } catch (e) {
        return `Not saved: ${errorText(e)}`;
      }
    },
    [api],
  );

  const remove = useCallback(
    async (pin: Pin) => {
      setBusy(true);
      try {
        setPins(await api.removePin(pin.ecosystem, pin.package));
        setNotice(`Removed the pin for ${pin.package}.`);
        if (editing && editing.ecosystem === pin.ecosystem && editing.package === pin.package) {
          setEditing(undefined);
          setFormKey((k) => k + 1);
        }
      } catch (e) {
        setNotice(`Could not remove the pin: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [api, editing],
  );

  const removeAck = useCallback(
    async (ack: Acknowledgement) => {
      setBusy(true);
      try {
        setAcks(await api.removeAck({ ecosystem: ack.ecosystem, package: ack.package, kind: ack.kind, ...(ack.version === undefined ? {} : { version: ack.version }) }));
        setNotice(`Removed the acknowledgement: ${describeAck(ack)}. The alert shows again from the next visit.`);
      } catch (e) {
        setNotice(`Could not remove the acknowledgement: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  const toggleTofu = useCallback(
    async (on: boolean) => {
      if (!settings) return;
      try {
        setSettings(await api.saveSettings({ ...settings, trustOnFirstUse: on }));
        setNotice(on ? 'Trust on first use is on.' : 'Trust on first use is off.');
      } catch (e) {
        setNotice(`Could not save the setting: ${errorText(e)}`);
      }
    },
    [api, settings],
  );

  /** An import refused because it would weaken pins: shown with what it would change, applied only when confirmed. */
  const [weakening, setWeakening] = useState<{ text: string; format: PinFileFormat; message: string } | undefined>();

  const importPins = useCallback(
    async (text: string, format: PinFileFormat = 'provenant') => {
      setWeakening(undefined);
      try {
        setPins(await api.importPins(text, false, format));
        return undefined;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'IMPORT_WEAKENS') setWeakening({ text, format, message: errorText(e) });
        return errorText(e);
      }
    },
    [api],
  );

  const importAnyway = useCallback(async () => {
    if (!weakening) return;
    try {
      setPins(await api.importPins(weakening.text, true, weakening.format));
      setNotice('Imported, weakening the pins listed.');
      setWeakening(undefined);
    } catch (e) {
      setWeakening({ ...weakening, message: errorText(e) });
    }
  }, [api, weakening]);

  return (
    <main class="options">
      <header class="app-header">
        <h1>Provenant: identity pins</h1>
        <p>
          A pin says who must build a package: its repository (and the repository&rsquo;s numeric ids, which survive
          renames), its workflow and, optionally, the ref and environment. A verified release built by anyone else is
          shown as <strong>Not the pinned identity</strong> on the page, in the toolbar and in the popup.
        </p>
      </header>
      {loadError ? (
        <p class="field-error" role="alert">
          Could not load pins and settings: {loadError}
        </p>
      ) : null}
      <p class="notice" aria-live="polite">
        {notice}
      </p>

      <section aria-labelledby="pins-heading">
        <h2 id="pins-heading">Pins</h2>
        {pins ? (
          <PinList
            pins={pins}
            busy={busy}
            onEdit={(pin) => {
              setEditing(pin);
              setFormKey((k) => k + 1);
            }}
            onRemove={remove}
          />
        ) : (
          <p>{'Loading\u2026'}</p>
        )}
      </section>

      <PinForm
        key={formKey}
        editing={editing}
        onSave={save}
        findIdentities={api.verifiedIdentities}
        offRegistries={offRegistries}
        onCancel={() => {
          setEditing(undefined);
          setFormKey((k) => k + 1);
        }}
      />

      <section aria-labelledby="acks-heading">
        <h2 id="acks-heading">Acknowledged alerts</h2>
        <p class="hint">
          Provenant warns when a release has lost the provenance earlier versions had, is built by a different publisher
          than the version before, or ran on a self-hosted runner. Alerts you acknowledged in the popup as expected are
          listed here; remove one to be warned again.
        </p>
        {acksError ? (
          <p class="field-error" role="alert">
            Could not load acknowledged alerts: {acksError}
          </p>
        ) : acks ? (
          <AckList acks={acks} busy={busy} onRemove={removeAck} />
        ) : (
          <p>{'Loading\u2026'}</p>
        )}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <div class="checkbox-row">
          <input
            id="tofu"
            type="checkbox"
            checked={settings?.trustOnFirstUse ?? false}
            disabled={!settings}
            onChange={(e) => toggleTofu((e.currentTarget as HTMLInputElement).checked)}
            aria-describedby="tofu-hint"
          />
          <label for="tofu">Trust on first use</label>
        </div>
        <p class="hint" id="tofu-hint">
          Off by default. When on, the first verified identity Provenant sees for a package becomes its pin, so any later
          change of repository or workflow is flagged. It trusts whatever it sees first, so check that first identity.
        </p>
      </section>

      {api.listRegistries && api.requestOrigins && api.setRegistry ? <RegistrySwitches api={api as RegistrySwitchesApi} focusId={focus} onStates={registriesShown} /> : null}

      <ImportExport onImport={importPins} onExport={(format) => api.exportPins(format)} />
      {weakening ? (
        <section class="weaken-confirm" aria-labelledby="weaken-heading" data-import-weakens>
          <h2 id="weaken-heading">This import weakens pins</h2>
          <p>{weakening.message}</p>
          <div class="actions">
            <button type="button" onClick={() => void importAnyway()} data-import-anyway>
              Import anyway
            </button>
            <button type="button" onClick={() => setWeakening(undefined)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}

      <QuarantineList load={api.listQuarantine} />

      {api.githubTokenStatus && api.saveGithubToken ? <GithubTokenSection api={api as GithubTokenApi} /> : null}

      {api.trustStatus && api.refreshTrust ? <TrustSection api={api as TrustApi} /> : null}
      {api.trustStatus && api.refreshTrust && githubTrustOn ? <TrustSection api={api as TrustApi} instance="github" /> : null}
    </main>
  );
}

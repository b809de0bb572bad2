import { browser } from 'wxt/browser';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import type { Acknowledgement } from '../../lib/history/alerts';
import { MessageError, send } from '../../lib/messages/client';
import { exportPylock, parsePylock, PylockError } from '../../lib/policy/pep751';
import { exportPnpmTrust } from '../../lib/policy/pnpm-trust';
import type { VerifiedIdentity } from '../../lib/messages/protocol';
import type { Pin } from '../../lib/policy/pins';
import type { QuarantineEntry } from '../../lib/storage/quarantine';
import type { Settings } from '../../lib/storage/settings';
import type { TrustInstance } from '../../lib/trust/trust-instance';
import type { RefreshResult, TrustStatus } from '../../lib/trust/trust-status';

/** What the options page asks of the background; tests pass a fake. */
/** What a pin file can be read from: Provenant's own file, or PEP 751 attestation identities. */
export type PinFileFormat = 'provenant' | 'pep751';
/** What pins can be exported as: the two above, or pnpm's trustPolicy setting. */
export type PinExportFormat = PinFileFormat | 'pnpm';

export interface OptionsApi {
  listPins(): Promise<Pin[]>;
  savePin(pin: Pin, replace?: { ecosystem: string; package: string }): Promise<Pin[]>;
  removePin(ecosystem: Pin['ecosystem'], pkg: string): Promise<Pin[]>;
  /** `allowWeaker`: the user confirmed an import that weakens existing pins. */
  importPins(text: string, allowWeaker?: boolean, format?: PinFileFormat): Promise<Pin[]>;
  exportPins(format?: PinExportFormat): Promise<string>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<Settings>;
  listAcks(): Promise<Acknowledgement[]>;
  removeAck(ack: Omit<Acknowledgement, 'at'>): Promise<Acknowledgement[]>;
  /** Releases of a package this browser verified, with their identities (read-only). */
  verifiedIdentities(ecosystem: Pin['ecosystem'], pkg: string): Promise<VerifiedIdentity[]>;
  listQuarantine(): Promise<QuarantineEntry[]>;
  /** The Sigstore trust material sections (`instance` absent: public-good); absent in fakes that do not exercise them. */
  trustStatus?(instance?: TrustInstance): Promise<TrustStatus>;
  refreshTrust?(instance?: TrustInstance): Promise<RefreshResult>;
  /** The GitHub token section; absent in fakes that do not exercise it. */
  githubTokenStatus?(): Promise<{ set: boolean }>;
  saveGithubToken?(token: string | null): Promise<{ set: boolean }>;
  /** Registries the user turns on (lib/background/optional-registries.ts); absent in fakes that do not exercise them. */
  listRegistries?(): Promise<OptionalRegistryState[]>;
  requestOrigins?(origins: string[]): Promise<boolean>;
  setRegistry?(ecosystem: OptionalRegistryState['ecosystem'], on: boolean): Promise<OptionalRegistryState[]>;
}

export function extensionOptionsApi(): OptionsApi {
  return {
    listPins: () => send({ type: 'pins/list' }),
    savePin: (pin, replace) => send(replace ? { type: 'pins/save', pin, replace } : { type: 'pins/save', pin }),
    removePin: (ecosystem, pkg) => send({ type: 'pins/remove', ecosystem, package: pkg }),
    importPins: async (text, allowWeaker, format) =>
      format === 'pep751'
        ? send({ type: 'pins/merge', pins: readPylock(text), ...(allowWeaker ? { allowWeaker } : {}) })
        : send({ type: 'pins/import', text, ...(allowWeaker ? { allowWeaker } : {}) }),
    exportPins: async (format) => {
      if (format === 'pep751') return exportPylock(await send({ type: 'pins/list' })).text;
      if (format === 'pnpm') return exportPnpmTrust(await send({ type: 'pins/list' }));
      return send({ type: 'pins/export' });
    },
    getSettings: () => send({ type: 'settings/get' }),
    saveSettings: (settings) => send({ type: 'settings/save', settings }),
    listAcks: () => send({ type: 'acks/list' }),
    removeAck: (ack) => send({ type: 'acks/remove', ack }),
    verifiedIdentities: (ecosystem, pkg) => send({ type: 'identities/list', ecosystem, package: pkg }),
    listQuarantine: () => send({ type: 'quarantine/list' }),
    trustStatus: (instance) => send({ type: 'trust/status', ...(instance ? { instance } : {}) }),
    refreshTrust: (instance) => send({ type: 'trust/refresh', ...(instance ? { instance } : {}) }),
    githubTokenStatus: () => send({ type: 'githubToken/status' }),
    saveGithubToken: (token) => send({ type: 'githubToken/save', token }),
    listRegistries: () => send({ type: 'registries/list' }),
    // Called by the options page itself, in the click's gesture: the worker cannot ask (it has no user gesture).
    requestOrigins: (origins) => browser.permissions.request({ origins }),
    setRegistry: (ecosystem, on) => send({ type: 'registries/set', ecosystem, on }),
  };
}

/**
 * Other tools' pin formats are read and written here, in the options page,
 * so the worker carries no parser for them; the pins it is sent are checked
 * there as strictly as a Provenant file's (lib/messages/protocol.ts, `pins/merge`).
 * A file that does not parse is refused as the worker refuses a bad pin file.
 */
function readPylock(text: string) {
  try {
    return parsePylock(text);
  } catch (e) {
    if (e instanceof PylockError) throw new MessageError('IMPORT_INVALID', `The file is not PEP 751 attestation identities as Provenant writes them: ${e.message}.`);
    throw e;
  }
}

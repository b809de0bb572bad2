import { browser } from 'wxt/browser';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import type { Acknowledgement } from '../../lib/history/alerts';
import { send } from '../../lib/messages/client';
import type { VerifiedIdentity } from '../../lib/messages/protocol';
import type { Pin } from '../../lib/policy/pins';
import type { QuarantineEntry } from '../../lib/storage/quarantine';
import type { Settings } from '../../lib/storage/settings';
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
  /** The Sigstore trust material section; absent in fakes that do not exercise it. */
  trustStatus?(): Promise<TrustStatus>;
  refreshTrust?(): Promise<RefreshResult>;
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
    importPins: (text, allowWeaker, format) => send({ type: 'pins/import', text, ...(allowWeaker ? { allowWeaker } : {}), ...(format && format !== 'provenant' ? { format } : {}) }),
    exportPins: (format) => send(format && format !== 'provenant' ? { type: 'pins/export', format } : { type: 'pins/export' }),
    getSettings: () => send({ type: 'settings/get' }),
    saveSettings: (settings) => send({ type: 'settings/save', settings }),
    listAcks: () => send({ type: 'acks/list' }),
    removeAck: (ack) => send({ type: 'acks/remove', ack }),
    verifiedIdentities: (ecosystem, pkg) => send({ type: 'identities/list', ecosystem, package: pkg }),
    listQuarantine: () => send({ type: 'quarantine/list' }),
    trustStatus: () => send({ type: 'trust/status' }),
    refreshTrust: () => send({ type: 'trust/refresh' }),
    githubTokenStatus: () => send({ type: 'githubToken/status' }),
    saveGithubToken: (token) => send({ type: 'githubToken/save', token }),
    listRegistries: () => send({ type: 'registries/list' }),
    // Called by the options page itself, in the click's gesture: the worker cannot ask (it has no user gesture).
    requestOrigins: (origins) => browser.permissions.request({ origins }),
    setRegistry: (ecosystem, on) => send({ type: 'registries/set', ecosystem, on }),
  };
}

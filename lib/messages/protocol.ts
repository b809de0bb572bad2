import * as z from '../zod';
import { packagePageSchema } from '../pages/package-page';
import { MAX_IMPORTED_PINS, pinSchema } from '../policy/pins';
import { verdictSchema } from '../policy/verdict';
import { quarantineEntrySchema } from '../storage/quarantine';
import { settingsSchema } from '../storage/settings';
import { acknowledgementSchema, alertSchema, historyEntrySchema } from '../history/alerts';
import { ecosystemSchema, identitySchema } from '../report/model';
import { refreshResultSchema, trustStatusSchema } from '../trust/trust-status';
import { trustInstanceSchema } from '../trust/trust-instance';
import { githubTokenSchema } from '../registries/github/token';

/** Whether a GitHub token is set: all the options page ever learns back about it. */
export const githubTokenStatusSchema = z.object({ set: z.boolean() });

/** History of a release: earlier versions (newest first) and the alerts still to show. */
export const historySchema = z.object({
  version: z.string(),
  entries: z.array(historyEntrySchema),
  alerts: z.array(alertSchema),
  acknowledged: z.array(alertSchema),
});
export type HistoryView = z.infer<typeof historySchema>;

const tabId = z.number().check(z.int(), z.nonnegative());

/**
 * The one message protocol between the extension's parts. Every message is
 * parsed with zod at the receiver. Content scripts may only ask for verdicts;
 * everything that reads or changes pins and settings is accepted only from the
 * extension's own pages (checked in the background's router).
 */
export const requestSchema = z.discriminatedUnion('type', [
  // Content script → background: verify the release this tab shows.
  z.object({ type: z.literal('verdict/get'), page: packagePageSchema, retry: z.optional(z.boolean()) }),
  // Popup → background: what a tab shows and its verdict.
  z.object({ type: z.literal('tab/get'), tabId }),
  z.object({ type: z.literal('verdict/recheck'), tabId }),
  z.object({ type: z.literal('pins/list') }),
  z.object({ type: z.literal('pins/save'), pin: pinSchema, replace: z.optional(z.object({ ecosystem: z.string(), package: z.string() })) }),
  z.object({ type: z.literal('pins/remove'), ecosystem: ecosystemSchema, package: z.string() }),
  // The release the popup showed: the tab may have moved on since, and a pin must be what the user saw.
  z.object({ type: z.literal('pins/pin-current'), tabId, page: packagePageSchema, version: z.string().check(z.minLength(1), z.maxLength(128)) }),
  // `allowWeaker`: the user saw what the import would weaken and confirmed it.
  /** A Provenant pin file, parsed here. */
  z.object({ type: z.literal('pins/import'), text: z.string().check(z.maxLength(1_000_000)), allowWeaker: z.optional(z.boolean()) }),
  /**
   * Pins the options page read from another tool's file (PEP 751 attestation
   * identities, docs/pins-for-other-tools.md): the format is converted there,
   * so the worker carries no parser for it. Each pin is checked here with
   * pinSchema and merged as an import (source `import`, IMPORT_WEAKENS), the
   * same as the pins of a Provenant file.
   */
  z.object({ type: z.literal('pins/merge'), pins: z.array(pinSchema).check(z.maxLength(MAX_IMPORTED_PINS)), allowWeaker: z.optional(z.boolean()) }),
  /** The Provenant pin file; the options page writes the other tools' formats from `pins/list`. */
  z.object({ type: z.literal('pins/export') }),
  // Content script or popup → background: earlier versions and alerts (after the verdict).
  z.object({ type: z.literal('history/get'), page: packagePageSchema }),
  z.object({ type: z.literal('acks/list') }),
  z.object({ type: z.literal('acks/add'), ack: z.omit(acknowledgementSchema, { at: true }) }),
  z.object({ type: z.literal('acks/remove'), ack: z.omit(acknowledgementSchema, { at: true }) }),
  z.object({ type: z.literal('settings/get') }),
  z.object({ type: z.literal('settings/save'), settings: settingsSchema }),
  // Content script → background: the user clicked the badge; open the toolbar popup for this tab (rate-limited).
  z.object({ type: z.literal('details/open'), page: packagePageSchema }),
  // Options page → background: identities this browser has verified for a package (read-only, from the report cache).
  z.object({ type: z.literal('identities/list'), ecosystem: ecosystemSchema, package: z.string().check(z.minLength(1), z.maxLength(214)) }),
  // Options page → background: stored data that could not be read, kept for export.
  z.object({ type: z.literal('quarantine/list') }),
  // Options page → background: the Sigstore trust material in use, and "Refresh now" (extension pages only).
  // `instance` absent: Sigstore's public-good; `github`: GitHub's own, answered only while a registry attested on GitHub is on.
  z.object({ type: z.literal('trust/status'), instance: z.optional(trustInstanceSchema) }),
  z.object({ type: z.literal('trust/refresh'), instance: z.optional(trustInstanceSchema) }),
  // Options page → background: the GitHub token (extension pages only). Saved or removed, never read back: the answer says only whether one is set.
  z.object({ type: z.literal('githubToken/status') }),
  z.object({ type: z.literal('githubToken/save'), token: z.nullable(githubTokenSchema) }),
  // Options page → background: the registries the user turns on, and the switch (extension pages only; the page asked for the hosts first).
  z.object({ type: z.literal('registries/list') }),
  z.object({ type: z.literal('registries/set'), ecosystem: ecosystemSchema, on: z.boolean() }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

/** Requests a content script may send; everything else needs an extension page. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set(['verdict/get', 'history/get', 'details/open']);

export const tabStateSchema = z.object({
  tabId: z.number(),
  page: z.optional(packagePageSchema),
  verdict: z.optional(verdictSchema),
  pending: z.boolean(),
  /**
   * The tab is on a site of this registry, which is off (not turned on, or
   * its access taken away): no page or verdict is given, and the popup offers
   * to turn it on. Absent when the worker cannot know (docs in
   * lib/background/optional-registries.ts, `offRegistryShown`).
   */
  registryOff: z.optional(ecosystemSchema),
});
export type TabState = z.infer<typeof tabStateSchema>;

/** `details/open`: whether the toolbar popup opened; if not, the badge shows its own panel. */
export const detailsOpenSchema = z.object({
  opened: z.boolean(),
  /** Why it did not: `NO_FOCUSED_WINDOW`, `POPUP_REFUSED`. */
  reason: z.optional(z.string()),
});

/** One verified release of a package as the report cache remembers it, for "Fill from a verified release". */
export const verifiedIdentitySchema = z.object({
  version: z.string(),
  identity: identitySchema,
  checkedAt: z.string(),
});
export type VerifiedIdentity = z.infer<typeof verifiedIdentitySchema>;

/** One registry the user can turn on or off (lib/background/optional-registries.ts). */
export const optionalRegistryStateSchema = z.object({
  ecosystem: ecosystemSchema,
  label: z.string().check(z.maxLength(100)),
  origins: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20)),
  on: z.boolean(),
});

export const responseSchemas = {
  'verdict/get': verdictSchema,
  'tab/get': tabStateSchema,
  'verdict/recheck': tabStateSchema,
  'pins/list': z.array(pinSchema),
  'pins/save': z.array(pinSchema),
  'pins/remove': z.array(pinSchema),
  'pins/pin-current': z.array(pinSchema),
  'pins/import': z.array(pinSchema),
  'pins/merge': z.array(pinSchema),
  'pins/export': z.string(),
  'history/get': historySchema,
  'acks/list': z.array(acknowledgementSchema),
  'acks/add': z.array(acknowledgementSchema),
  'acks/remove': z.array(acknowledgementSchema),
  'settings/get': settingsSchema,
  'quarantine/list': z.array(quarantineEntrySchema),
  'settings/save': settingsSchema,
  'details/open': detailsOpenSchema,
  'identities/list': z.array(verifiedIdentitySchema),
  'trust/status': trustStatusSchema,
  'trust/refresh': refreshResultSchema,
  'githubToken/status': githubTokenStatusSchema,
  'githubToken/save': githubTokenStatusSchema,
  'registries/list': z.array(optionalRegistryStateSchema),
  'registries/set': z.array(optionalRegistryStateSchema),
} satisfies Record<RequestType, z.ZodMiniType>;

export type ResponseOf<T extends RequestType> = z.infer<(typeof responseSchemas)[T]>;

/** Envelope every response travels in, so errors cross the boundary typed. */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type Envelope = z.infer<typeof envelopeSchema>;

import * as z from '../zod';
import { Buffer, ProtoPublicKey, TrustedRoot, coreCrypto, toTrustMaterial } from '../vendor/sigstore.generated.js';
import type { TrustMaterial } from '../vendor/sigstore.generated.js';
import { MAX_TRUSTED_ROOT_BYTES } from './limits';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import { zodIssue } from '../errors/zod-issue';

/**
 * Trust material for one Sigstore instance (public-good, staging, a custom
 * root) plus, optionally, the npm registry's attestation-signing keys.
 */
export interface TrustContext {
  readonly name: string;
  readonly material: TrustMaterial;
  /**
   * Told when a verification fails and the bundle names a log, authority or
   * key this material does not list: the worker then refreshes the material
   * over TUF and verifies again (lib/trust/trust-service.ts).
   */
  readonly onUnknownMaterial?: (what: string) => void;
  /**
   * A diagnostic run, never shown: when a bundle fails and names material
   * this root does not list, the checks tied to that material are set aside
   * and the rest decide (lib/verify/set-aside-unknown.ts). A report from such
   * a run says only whether the release also fails for another reason
   * (lib/trust/verify-with-trust.ts); it is never taken as verified.
   */
  readonly setAsideUnknown?: boolean;
  /**
   * `false` for an instance that runs no public transparency log (GitHub's own
   * Sigstore instance, for private repositories and immutable releases): its
   * bundles carry no log entry and no SCT, and an RFC 3161 timestamp from the
   * instance's own timestamp authority is what proves the signing time.
   * Absent means public-good rules: a log entry and an SCT are required.
   */
  readonly publicLog?: boolean;
}

// protobuf JSON may spell an absent field as null.
const timeRange = z.nullish(z.object({ start: z.nullish(z.string()), end: z.nullish(z.string()) }));

const keySchema = z.object({
  rawBytes: z.string().check(z.minLength(1)),
  keyDetails: z.string(),
  validFor: timeRange,
});

const logSchema = z.object({
  baseUrl: z.string(),
  hashAlgorithm: z.optional(z.string()),
  publicKey: keySchema,
  logId: z.object({ keyId: z.string().check(z.minLength(1)) }),
});

const caSchema = z.object({
  certChain: z.object({ certificates: z.array(z.object({ rawBytes: z.string().check(z.minLength(1)) })).check(z.minLength(1)) }),
  validFor: timeRange,
});

// protobuf JSON leaves an empty repeated field out, so an omitted list is an
// empty one (GitHub's own instance root has no tlogs and no ctlogs); every
// entry that is present is still checked in full.
const trustedRootSchema = z.object({
  mediaType: z.string().check(z.startsWith('application/vnd.dev.sigstore.trustedroot')),
  tlogs: z._default(z.array(logSchema), []),
  ctlogs: z._default(z.array(logSchema), []),
  certificateAuthorities: z._default(z.array(caSchema), []),
  timestampAuthorities: z._default(z.array(caSchema), []),
});

/**
 * npm's `keys.json` as published through Sigstore's TUF repository
 * (target `registry.npmjs.org/keys.json`).
 */
const npmKeysSchema = z.object({
  keys: z.array(
    z.object({
      keyId: z.string().check(z.minLength(1)),
      keyUsage: z.string(),
      publicKey: keySchema,
    }),
  ),
});


/**
 * Parses and checks a trusted root. Beyond the schema, every key and authority
 * must name the start of its validity period: the Sigstore spec requires it,
 * and treating a missing start as "since forever" would let a log key vouch
 * for entries from before it existed (sigstore-conformance
 * `trust-root-tlog-missing-validity-start_fail`).
 */
export function loadTrustedRoot(json: unknown, options: { name: string; npmKeys?: unknown } = { name: 'custom' }): TrustContext {
  const text = typeof json === 'string' ? json : undefined;
  if (text !== undefined && text.length > MAX_TRUSTED_ROOT_BYTES) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `trusted root is ${text.length} bytes, limit ${MAX_TRUSTED_ROOT_BYTES}`);
  }
  let value: unknown = json;
  if (text !== undefined) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `trusted root is not JSON: ${(e as Error).message}`);
    }
  }
  const parsed = trustedRootSchema.safeParse(value);
  if (!parsed.success) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `trusted root does not match the schema: ${zodIssue(parsed.error)}`);
  }
  const root = parsed.data;
  for (const [kind, logs] of [['tlog', root.tlogs], ['ctlog', root.ctlogs]] as const) {
    for (const log of logs) requireStart(`${kind} ${log.baseUrl}`, log.publicKey.validFor);
  }
  for (const ca of root.certificateAuthorities) requireStart('certificate authority', ca.validFor);
  for (const tsa of root.timestampAuthorities) requireStart('timestamp authority', tsa.validFor);

  let material: TrustMaterial;
  try {
    const keys = options.npmKeys === undefined ? undefined : npmAttestationKeys(options.npmKeys);
    material = toTrustMaterial(TrustedRoot.fromJSON(value), keys);
  } catch (e) {
    if (isProvenantError(e, 'verify')) throw e;
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `trusted root could not be loaded: ${(e as Error).message}`, { cause: e });
  }
  return { name: options.name, material };
}

function requireStart(what: string, validFor: { start?: string | null | undefined; end?: string | null | undefined } | null | undefined): void {
  const start = validFor?.start ? Date.parse(validFor.start) : NaN;
  if (Number.isNaN(start)) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `${what} has no valid start of its validity period`);
  }
  // An unreadable end would make every time fall outside the period, with a misleading error.
  const end = validFor?.end ? Date.parse(validFor.end) : undefined;
  if (end !== undefined && (Number.isNaN(end) || end < start)) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `${what} has an invalid end of its validity period`);
  }
}

/**
 * Only keys whose usage is `npm:attestations` may verify publish attestations;
 * the `npm:signatures` entries sign packuments, a different statement.
 */
function npmAttestationKeys(json: unknown): Record<string, ProtoPublicKey> {
  const parsed = npmKeysSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `npm registry keys do not match the schema: ${zodIssue(parsed.error)}`);
  }
  const keys: Record<string, ProtoPublicKey> = {};
  for (const key of parsed.data.keys) {
    if (key.keyUsage !== 'npm:attestations') continue;
    requireStart(`npm key ${key.keyId}`, key.publicKey.validFor);
    // Fail at load time, not at first use, if a key is not a usable public key.
    coreCrypto.createPublicKey(Buffer.from(key.publicKey.rawBytes, 'base64'));
    keys[key.keyId] = ProtoPublicKey.fromJSON(key.publicKey);
  }
  return keys;
}

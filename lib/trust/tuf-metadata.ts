import { Metadata, MetadataKind, type MetaFile, type TufRoot, type TufSnapshot, type TufTargets, type TufTimestamp } from '../vendor/sigstore.generated.js';
import { ProvenantError } from '../errors/provenant-error';

/**
 * Parsing and the checks every TUF metadata file gets, one function each, so
 * the update flow in tuf-update.ts reads as the spec's steps. The classes and
 * the signature-threshold check are @tufjs/models'; the typed errors are ours.
 */
export type AnyMetadata = Metadata<TufRoot> | Metadata<TufTimestamp> | Metadata<TufSnapshot> | Metadata<TufTargets>;

type Kinds = { root: TufRoot; timestamp: TufTimestamp; snapshot: TufSnapshot; targets: TufTargets };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProvenantError('trust', 'MALFORMED', `${what} is not UTF-8`);
  }
}

export function parseMetadata<K extends keyof Kinds>(kind: K, text: string, what: string): Metadata<Kinds[K]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProvenantError('trust', 'MALFORMED', `${what} is not JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProvenantError('trust', 'MALFORMED', `${what} is not a JSON object`);
  try {
    // The overloads are per literal kind; one cast keeps this generic.
    return Metadata.fromJSON(kind as MetadataKind.Root, json as Parameters<typeof Metadata.fromJSON>[1]) as unknown as Metadata<Kinds[K]>;
  } catch (e) {
    throw new ProvenantError('trust', 'MALFORMED', `${what}: ${(e as Error).message}`, { cause: e });
  }
}

/** `delegator` must hold the role's keys and at least its threshold of them must have signed `meta`. */
export function requireSigned(delegator: AnyMetadata, role: string, meta: AnyMetadata, what: string): void {
  try {
    delegator.verifyDelegate(role, meta);
  } catch (e) {
    throw new ProvenantError('trust', 'BAD_SIGNATURE', `${what}: ${(e as Error).message}`, { cause: e });
  }
}

export function requireVersion(meta: AnyMetadata, expected: number, what: string): void {
  if (meta.signed.version !== expected) {
    throw new ProvenantError('trust', 'BAD_VERSION', `${what} has version ${meta.signed.version}, expected ${expected}`);
  }
}

/** Freeze-attack protection (TUF 1.0 §5.4.4, §5.5.6, §5.6.5): `now` is injected, so tests can stand inside a recording's window. */
export function requireUnexpired(meta: AnyMetadata, now: Date, what: string): void {
  if (meta.signed.isExpired(now)) throw new ProvenantError('trust', 'EXPIRED', `${what} expired at ${meta.signed.expires}`);
}

/** Length and hashes listed by the metadata that points at this file. */
export function requireMatches(info: MetaFile, bytes: Uint8Array, what: string): void {
  try {
    info.verify(bytes as unknown as Buffer);
  } catch (e) {
    throw new ProvenantError('trust', 'LENGTH_OR_HASH', `${what}: ${(e as Error).message}`, { cause: e });
  }
}

export function expiryOf(meta: AnyMetadata): string {
  return new Date(meta.signed.expires).toISOString();
}

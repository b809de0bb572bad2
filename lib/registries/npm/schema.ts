import * as z from '../../zod';
import { ProvenantError } from '../../errors/provenant-error';

/**
 * The registry responses, reduced to the fields the adapter reads. Everything
 * else (time, _npmUser, scripts, ...) is let through unread, so an odd value
 * there (e.g. `time.unpublished` objects) cannot break verification.
 */

export const distSchema = z.object({
  integrity: z.optional(z.string()),
  shasum: z.optional(z.string()),
  tarball: z.optional(z.string()),
  /** Absent on mirrors that strip it; the attestations endpoint is asked regardless. */
  attestations: z.optional(
    z.object({
      url: z.string(),
      provenance: z.optional(z.object({ predicateType: z.string() })),
    }),
  ),
});
export type NpmDist = z.infer<typeof distSchema>;

export const versionManifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  dist: distSchema,
});
export type NpmVersionManifest = z.infer<typeof versionManifestSchema>;

/**
 * A packument's versions are parsed one at a time: popular packages list
 * thousands, and only the requested one matters.
 */
export const packumentSchema = z.object({
  name: z.string(),
  'dist-tags': z.optional(z.record(z.string(), z.string())),
  versions: z.record(z.string(), z.unknown()),
});

/** npm returns at most one provenance and one publish attestation today; leave room, not a loophole. */
export const MAX_ATTESTATIONS = 16;

export const attestationsResponseSchema = z.object({
  attestations: z
    .array(z.object({ predicateType: z.string(), bundle: z.unknown() }))
    .check(z.maxLength(MAX_ATTESTATIONS)),
});
export type NpmAttestationEntry = z.infer<typeof attestationsResponseSchema>['attestations'][number];

/** The abbreviated ("corgi") packument: same dist data, a fraction of the bytes. */
export const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';

const SHA512_SRI = /^sha512-([A-Za-z0-9+/]{86}==)(?:\?[\x21-\x7e]*)?$/;

/**
 * Hex of the SHA-512 in an SRI string (`sha512-<base64>`), the digest npm
 * signs as the attestation subject. Other algorithms (old `sha1-` packuments)
 * cannot be compared with a sha512 subject, so they are refused, not skipped.
 */
export function sha512HexFromIntegrity(integrity: string | undefined): string {
  if (integrity === undefined || integrity.trim() === '') {
    throw new ProvenantError('release', 'INTEGRITY_UNSUPPORTED', 'dist.integrity is missing');
  }
  const hexes = new Set<string>();
  for (const token of integrity.trim().split(/\s+/)) {
    if (!token.startsWith('sha512-')) continue;
    const m = SHA512_SRI.exec(token);
    if (!m) throw new ProvenantError('release', 'INTEGRITY_UNSUPPORTED', `dist.integrity has a malformed sha512 value ${JSON.stringify(token.slice(0, 120))}`);
    hexes.add(base64ToHex(m[1]!));
  }
  if (hexes.size === 0) {
    const algorithms = integrity.trim().split(/\s+/).map((t) => t.split('-')[0]).join(', ');
    throw new ProvenantError('release', 'INTEGRITY_UNSUPPORTED', `dist.integrity has no sha512 hash (only ${algorithms})`);
  }
  if (hexes.size > 1) throw new ProvenantError('release', 'INTEGRITY_UNSUPPORTED', 'dist.integrity lists two different sha512 hashes');
  return [...hexes][0]!;
}

function base64ToHex(b64: string): string {
  const binary = atob(b64);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

import * as z from '../../zod';
import { isUsableVersion } from './names';

/**
 * The PyPI responses Provenant reads, validated at the boundary. Only the
 * fields that are used are declared; everything else passes through unread.
 */

const sha256Hex = z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hex digits'));

// A filename becomes a URL path segment: no separators, no dot segments.
const filename = z.string().check(
  z.minLength(1),
  z.maxLength(512),
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a filename may not hold
  z.refine((s) => !/[/\\\x00-\x1f]/.test(s) && s !== '.' && s !== '..', 'not a plain filename'),
);

/** JSON API: `GET /pypi/<name>/json` and `GET /pypi/<name>/<version>/json` (warehouse legacy/api/json.py). */
export const jsonApiReleaseSchema = z.object({
  info: z.object({
    name: z.string().check(z.minLength(1)),
    version: z.string().check(z.refine(isUsableVersion, 'not a usable version string')),
  }),
  urls: z
    .array(
      z.object({
        filename,
        digests: z.object({ sha256: sha256Hex }),
      }),
    )
    .check(z.maxLength(2000)),
});
export type JsonApiRelease = z.infer<typeof jsonApiReleaseSchema>;

/**
 * PEP 740 provenance object as served by the Integrity API. Attestations and
 * publishers are kept opaque here: a malformed *attestation* is a failed
 * verification (pep740ToBundle), a malformed *envelope* is a bad response.
 */
export const provenanceSchema = z.object({
  version: z.literal(1),
  attestation_bundles: z
    .array(
      z.object({
        publisher: z.looseObject({ kind: z.string().check(z.minLength(1)) }),
        attestations: z.array(z.unknown()).check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1)),
});

const base64 = z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'));

/** PEP 740 attestation object (https://peps.python.org/pep-0740/#attestation-objects). */
export const attestationSchema = z.object({
  version: z.literal(1),
  verification_material: z.object({
    certificate: base64,
    transparency_entries: z.array(z.record(z.string(), z.unknown())).check(z.minLength(1), z.maxLength(8)),
    // RFC 3161 TimeStampResp, base64; absent or null when the signer used none.
    timestamps: z.nullish(z.array(base64).check(z.maxLength(8))),
  }),
  envelope: z.object({ statement: base64, signature: base64 }),
});

const environment = z.nullish(z.string());

/** Publishers PyPI attaches attestation identities to (pypi-attestations `Publisher`). */
export const githubPublisherSchema = z.object({
  kind: z.literal('GitHub'),
  repository: z.string().check(z.regex(/^[^/\s]+\/[^/\s]+$/, 'repository must be owner/name')),
  workflow: z.string().check(z.minLength(1), z.regex(/^[^/\s]+$/, 'workflow must be a filename')),
  environment,
});
export const gitlabPublisherSchema = z.object({
  kind: z.literal('GitLab'),
  // namespace(/subgroup)*/project
  repository: z.string().check(z.regex(/^[^/\s]+(?:\/[^/\s]+)+$/, 'repository must be namespace/project')),
  workflow_filepath: z.string().check(z.minLength(1), z.regex(/^\S+$/, 'workflow_filepath must be a path')),
  environment,
});
export const googlePublisherSchema = z.object({
  kind: z.literal('Google'),
  email: z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, 'email must be an e-mail address')),
});

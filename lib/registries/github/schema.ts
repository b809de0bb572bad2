import * as z from '../../zod';

/**
 * The parts of GitHub's REST answers the adapter reads (docs:
 * repos/{owner}/{repo}/releases/tags/{tag}, …/releases/latest,
 * …/attestations/{subject_digest}); unknown fields pass, known ones are checked.
 */

/** `sha256:<64 lowercase hex>`, as GitHub writes asset digests (null for assets uploaded before June 2025). */
export const SHA256_DIGEST = /^sha256:([0-9a-f]{64})$/;

export const releaseAssetSchema = z.looseObject({
  name: z.string().check(z.minLength(1), z.maxLength(1000)),
  digest: z.optional(z.nullable(z.string())),
  size: z.optional(z.number()),
  state: z.optional(z.string()),
});
export type ReleaseAsset = z.infer<typeof releaseAssetSchema>;

export const releaseSchema = z.looseObject({
  tag_name: z.string().check(z.minLength(1), z.maxLength(255)),
  draft: z.optional(z.boolean()),
  prerelease: z.optional(z.boolean()),
  /** Set on immutable releases: their assets and tag cannot change, and GitHub attests them. */
  immutable: z.optional(z.boolean()),
  published_at: z.optional(z.nullable(z.string())),
  assets: z.array(releaseAssetSchema).check(z.maxLength(1000)),
});
export type Release = z.infer<typeof releaseSchema>;

export const attestationEntrySchema = z.looseObject({
  /** The Sigstore bundle inline; null when it is only at bundle_url. */
  bundle: z.optional(z.nullable(z.unknown())),
  /** Where the snappy-compressed bundle is stored (another host than the API). */
  bundle_url: z.optional(z.nullable(z.string())),
  initiator: z.optional(z.string()),
  repository_id: z.optional(z.number()),
});
export type AttestationEntry = z.infer<typeof attestationEntrySchema>;

export const attestationsResponseSchema = z.looseObject({
  attestations: z.array(attestationEntrySchema).check(z.maxLength(100)),
});

/** The hex of an asset's digest, or undefined when GitHub gives none (or not SHA-256). */
export function assetSha256(asset: ReleaseAsset): string | undefined {
  return asset.digest ? SHA256_DIGEST.exec(asset.digest)?.[1] : undefined;
}

/** `GET /repos/{owner}/{repo}/releases` (one page, newest first by creation). */
export const releaseListSchema = z.array(
  z.looseObject({
    tag_name: z.string().check(z.minLength(1), z.maxLength(255)),
    draft: z.optional(z.boolean()),
    published_at: z.optional(z.nullable(z.string())),
  }),
).check(z.maxLength(100));

import { attestationCacheKey, isFresh, type AttestationCache } from './attestation-cache';
import { githubError } from './errors';
import { fetchApiJSON, fetchBundleBytes, type GithubClient } from './github-fetch';
import { attestationsApiUrl, type GithubReleaseRef } from './page';
import { attestationsResponseSchema, type AttestationEntry } from './schema';
import { decodeSnappyBundle } from './snappy';

export interface BundleDeps {
  client: GithubClient;
  cache?: AttestationCache | undefined;
  now: Date;
}

/**
 * The Sigstore bundles GitHub stores for an asset digest in this repository,
 * as JSON texts (not yet verified). 404 and an empty list both mean none.
 * A bundle is read inline, or from `bundle_url` and snappy-decoded, as gh
 * does (an empty `bundle_url` means "use the inline bundle").
 */
export async function attestationBundles(ref: Pick<GithubReleaseRef, 'owner' | 'repo'>, sha256Hex: string, deps: BundleDeps): Promise<string[]> {
  const key = attestationCacheKey(ref.owner, ref.repo, sha256Hex);
  const cached = await deps.cache?.get(key);
  if (cached && isFresh(cached, deps.now)) return cached.bundles;
  const answer = await fetchApiJSON(deps.client, attestationsApiUrl(ref, sha256Hex), attestationsResponseSchema);
  const bundles: string[] = [];
  for (const entry of answer?.attestations ?? []) bundles.push(await bundleText(entry, deps.client));
  await deps.cache?.set(key, { bundles, fetchedAt: deps.now.toISOString() });
  return bundles;
}

async function bundleText(entry: AttestationEntry, client: GithubClient): Promise<string> {
  if (entry.bundle_url) return decodeSnappyBundle(await fetchBundleBytes(client, entry.bundle_url));
  if (entry.bundle !== undefined && entry.bundle !== null) return JSON.stringify(entry.bundle);
  throw githubError('BUNDLE_UNREADABLE', 'an attestation has neither a bundle nor a bundle_url');
}

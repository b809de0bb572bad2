import type { ArtifactReport } from '../../report/model';
import { releaseStatus, sharedIdentity } from '../../policy/status';
import type { AttestationCache } from './attestation-cache';
import { githubError, malformedAnswer, toFailure } from './errors';
import { fetchApiJSON, type GithubClient } from './github-fetch';
import { isValidReleaseRef, isValidTag, releaseApiUrl, repositoryName, type GithubReleaseRef } from './page';
import type { GithubReleaseReport } from './report';
import { releaseSchema, type Release } from './schema';
import { verifyAsset, type GithubTrust } from './verify-asset';

export interface GithubVerifyDeps {
  client: GithubClient;
  trust: GithubTrust;
  /** Attestation answers by (repository, digest); without one every visit asks the API again. */
  cache?: AttestationCache;
  now?: Date;
}

/** Assets checked at once: each is one API request (and maybe one bundle download). */
const CONCURRENCY = 4;

export const NO_ASSETS = 'This release has no uploaded files, so there is nothing for an attestation to cover.';

/**
 * Verifies one GitHub release: the releases API gives each asset's SHA-256,
 * the attestations API what GitHub stores for that digest in this repository,
 * each bundle is verified (public-good or GitHub's instance) and bound to the
 * digest and the repository; one artifact row per asset. Never throws.
 */
export async function verifyGithubRelease(ref: GithubReleaseRef, deps: GithubVerifyDeps): Promise<GithubReleaseReport> {
  const now = deps.now ?? new Date();
  const base = { ecosystem: 'github' as const, package: repositoryName(ref), checkedAt: now.toISOString() };
  try {
    if (!isValidReleaseRef(ref)) throw githubError('INVALID_RELEASE', JSON.stringify(`${ref.owner}/${ref.repo}@${ref.tag ?? 'latest'}`.slice(0, 300)));
    const release = await fetchRelease(deps.client, ref);
    const target = { owner: ref.owner, repo: ref.repo, tag: release.tag_name };
    const artifacts = await mapLimited(release.assets, CONCURRENCY, (asset) => verifyAsset(asset, target, { ...deps, now }));
    const status = releaseStatus(artifacts);
    if (artifacts.length === 0) return { ...base, version: release.tag_name, status, message: NO_ASSETS, artifacts };
    const identity = sharedIdentity(artifacts);
    return { ...base, version: release.tag_name, status, ...summary(status, artifacts), artifacts, ...(identity ? { identity } : {}) };
  } catch (e) {
    const f = toFailure(e);
    return { ...base, version: ref.tag ?? '', status: f.status === 'absent' ? 'error' : f.status, code: f.code, message: f.message, detail: f.detail, ...(f.retryable ? { retryable: true } : {}), artifacts: [] };
  }
}

/** The release named by the page; `/releases/latest` resolves to its tag here. */
async function fetchRelease(client: GithubClient, ref: GithubReleaseRef): Promise<Release> {
  const url = releaseApiUrl(ref);
  const release = await fetchApiJSON(client, url, releaseSchema);
  if (!release) throw githubError('RELEASE_NOT_FOUND', url);
  if (!isValidTag(release.tag_name) || (ref.tag !== undefined && release.tag_name !== ref.tag)) {
    throw malformedAnswer(`${url}: the release is tagged ${JSON.stringify(release.tag_name.slice(0, 100))}`);
  }
  return release;
}

/** The release's code and sentence: those of the first asset with the status that decided it. */
function summary(status: GithubReleaseReport['status'], artifacts: readonly ArtifactReport[]): Pick<GithubReleaseReport, 'code' | 'message' | 'retryable'> {
  if (status === 'verified' || status === 'partial') return {};
  const a = artifacts.find((x) => x.status === status);
  if (!a) return {};
  return { ...(a.code !== undefined ? { code: a.code } : {}), ...(a.message !== undefined ? { message: a.message } : {}), ...(a.retryable ? { retryable: true } : {}) };
}

export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

import { semverLine } from '../../history/version-order';
import { storedAttestationCache } from './stored-attestation-cache';
import { githubAttestationsItem, githubTokenItem } from '../../storage/items';
import { liveGithubTrust } from '../../trust/live-trust';
import { verifyWithLiveTrust, type LiveTrust } from '../../trust/verify-with-trust';
import type { Registry, ReleaseRef, VerifyDeps } from '../descriptor';
import type { AttestationCache } from './attestation-cache';
import { githubClient, type GithubClient } from './github-fetch';
import { githubEarlierTags, githubLatestTag } from './history';
import { githubPage, splitRepositoryName } from './page';
import { githubTokenSchema } from './token';
import { verifyGithubRelease } from './verify-release';
import type { ReleaseReport } from '../../report/model';

const HOUR = 3600_000;

/** What the GitHub registry needs beyond the shared deps: its own client (with the token), cache and trust. */
export interface GithubWorkerDeps {
  client(): Promise<GithubClient>;
  cache: AttestationCache;
  trust: LiveTrust & { refreshIfDue?(reason: 'schedule'): Promise<unknown> };
}

let shared: GithubWorkerDeps | undefined;

/** The worker's, shared by every registry attested on GitHub: the token from storage.local, the stored attestation cache, GitHub's live trust root. */
export function githubWorkerDeps(): GithubWorkerDeps {
  return (shared ??= workerDeps());
}

function workerDeps(): GithubWorkerDeps {
  return {
    client: async () => githubClient({ token: githubTokenSchema.safeParse(await githubTokenItem.getValue().catch(() => null)).data ?? undefined }),
    cache: storedAttestationCache(githubAttestationsItem),
    trust: liveGithubTrust(),
  };
}

/**
 * GitHub releases' descriptor, over the given deps (tests pass their own).
 * The shared trust (`deps.trust`, public-good) checks `actions/attest`
 * bundles; GitHub's own root, kept current like public-good's, the bundles
 * without a log entry. The registry client is not used: GitHub is reached
 * only through github-fetch.ts, the one place a token is attached.
 */
export function githubRegistryWith(get: () => GithubWorkerDeps) {
  let deps: GithubWorkerDeps | undefined;
  const own = () => (deps ??= get());
  const repoOf = (name: string) => splitRepositoryName(name) ?? { owner: name, repo: '' };
  return {
    ...githubPage,
    async verifyRelease(ref: ReleaseRef, shared: VerifyDeps): Promise<ReleaseReport> {
      const { client, cache, trust } = own();
      const gh = await client();
      void trust.refreshIfDue?.('schedule').catch(() => undefined);
      const target = { ...repoOf(ref.name), ...(ref.version !== undefined ? { tag: ref.version } : {}) };
      return verifyWithLiveTrust((github) => verifyGithubRelease(target, { client: gh, trust: { publicGood: shared.trust, github }, cache }), trust);
    },
    latestVersion: async (_client, name) => githubLatestTag(await own().client(), repoOf(name)),
    earlierVersions: async (_client, name, version, limit) => githubEarlierTags(await own().client(), repoOf(name), version, limit),
    // Tags compared as semver where they parse (`v1.2.3` too); others have no line and compare overall.
    versionLine: (tag: string) => semverLine(tag.replace(/^v(?=\d)/, '')),
    // Attestations are cached per digest (attestation-cache.ts); a report is a release API request, so an hour keeps
    // the 60-an-hour budget for new pages. A mutable release can gain assets: anything short of a failure is rechecked sooner.
    cacheLifetimes: { verified: HOUR, failed: 24 * HOUR, unsupported: HOUR, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
  } as const satisfies Registry<'github'>;
}

export const githubRegistry = githubRegistryWith(githubWorkerDeps);

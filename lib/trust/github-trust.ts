import { loadTrustedRoot, type TrustContext } from '../verify/trust-root';
import { TRUSTED_ROOT_JSON, TUF_ROOT_JSON } from '../vendor/github-trust-seed.generated.js';
import type { TrustProfile } from './trust-profile';
import { TrustService, type TrustStore } from './trust-service';
import { tufFetcher, type FetchLike, type TufFetch } from './tuf-fetch';

/**
 * GitHub runs its own Sigstore instance for private repositories and for
 * immutable-release attestations: its own Fulcio and timestamp authority, and
 * no public transparency log (tests/fixtures/github/NOTES.md, "Which trust
 * root"). Its trusted root is published over TUF at tuf-repo.github.com and
 * is kept current exactly as public-good's is (TrustService, tuf-update.ts),
 * starting from the seed embedded at build time (scripts/github-trust-seed.mjs).
 * The host is an optional permission: without it the refresh fails as a
 * network error and the seed stays in use.
 */
export const GITHUB_TUF_ORIGIN = 'https://tuf-repo.github.com';

/** The repository publishes only a trusted root (no npm keys, no delegations Provenant needs). */
export const GITHUB_TARGET_PATHS = { trustedRoot: 'trusted_root.json' } as const;

export const GITHUB_TRUST_NAME = 'github';

/** Material from GitHub's root is always marked as having no public log, so the pipeline asks for its TSA instead. */
export function loadGithubTrustedRoot(json: unknown): TrustContext {
  return { ...loadTrustedRoot(json, { name: GITHUB_TRUST_NAME }), publicLog: false };
}

export const GITHUB_TRUST_PROFILE: TrustProfile = {
  name: GITHUB_TRUST_NAME,
  targetPaths: GITHUB_TARGET_PATHS,
  load: (targets) => loadGithubTrustedRoot(targets.trustedRoot),
};

export const GITHUB_TRUST_SEED = { root: TUF_ROOT_JSON, targets: { trustedRoot: TRUSTED_ROOT_JSON } } as const;

export interface GithubTrustDeps {
  store: TrustStore;
  fetch?: TufFetch;
  fetchImpl?: FetchLike;
  now?: () => Date;
}

/** A TrustService for GitHub's instance; the worker keeps one, stored under its own key (lib/storage/items.ts `githubTrustItem`). */
export function githubTrustService(deps: GithubTrustDeps): TrustService {
  return new TrustService({
    seed: GITHUB_TRUST_SEED,
    store: deps.store,
    fetch: deps.fetch ?? tufFetcher({ origin: GITHUB_TUF_ORIGIN, ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}) }),
    profile: GITHUB_TRUST_PROFILE,
    ...(deps.now ? { now: deps.now } : {}),
  });
}

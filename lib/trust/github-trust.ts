import { loadTrustedRoot, type TrustContext } from '../verify/trust-root';
import { readPackagedGithubSeed, type GithubTrustSeed } from './github-seed';
import type { TrustProfile } from './trust-profile';
import { TrustService, type TrustStore } from './trust-service';
import { tufFetcher, type FetchLike, type TufFetch } from './tuf-fetch';

/**
 * GitHub runs its own Sigstore instance for private repositories and for
 * immutable-release attestations: its own Fulcio and timestamp authority, and
 * no public transparency log (tests/fixtures/github/NOTES.md, "Which trust
 * root"). Its trusted root is published over TUF at tuf-repo.github.com and
 * is kept current exactly as public-good's is (TrustService, tuf-update.ts),
 * starting from the seed packaged at build time (scripts/github-trust-seed.mjs,
 * read on first use by lib/trust/github-seed.ts).
 * The host is an optional permission, granted with the registries attested
 * on GitHub: the options page's "Refresh now" is refused while none is on
 * (lib/background/handlers/trust.ts); a scheduled refresh without it fails as
 * a network error and the seed stays in use.
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
  publisher: 'GitHub',
  targetPaths: GITHUB_TARGET_PATHS,
  load: (targets) => loadGithubTrustedRoot(targets.trustedRoot),
};

export interface GithubTrustDeps {
  store: TrustStore;
  fetch?: TufFetch;
  fetchImpl?: FetchLike;
  now?: () => Date;
  /** Where the seed comes from (default: the packaged file, read when first needed). */
  loadSeed?: () => Promise<GithubTrustSeed>;
}

/** A TrustService for GitHub's instance; the worker keeps one, stored under its own key (lib/storage/items.ts `githubTrustItem`). */
export function githubTrustService(deps: GithubTrustDeps): TrustService {
  return new TrustService({
    seed: deps.loadSeed ?? readPackagedGithubSeed,
    store: deps.store,
    fetch: deps.fetch ?? tufFetcher({ origin: GITHUB_TUF_ORIGIN, ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}) }),
    profile: GITHUB_TRUST_PROFILE,
    ...(deps.now ? { now: deps.now } : {}),
  });
}

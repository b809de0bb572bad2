/**
 * Every host Provenant may ever reach, as manifest match patterns: the one
 * list wxt.config.ts writes into both manifests and the tests check the built
 * manifests against.
 *
 * Why settle it now: Chrome disables an extension whose update adds a
 * *required* host until the user approves it again, and Firefox asks again.
 * So every host a coming feature needs is declared from the first store
 * release — required if every user needs it, optional (asked for with
 * `permissions.request` when the user turns the feature on) otherwise.
 */
import { OPTIONAL_REGISTRY_HOST_PATTERNS } from '../registries/sites';
import { REGISTRY_HOST_PATTERNS } from './site-access';

/**
 * Sigstore's TUF repository (its CDN), where the public-good trusted root is
 * refreshed from instead of only the root embedded at build time. Not a page
 * Provenant shows a badge on, so it is not one of REGISTRY_HOST_PATTERNS and
 * the "site access turned off" logic does not name it.
 */
export const TRUST_ROOT_HOST_PATTERNS = ['https://tuf-repo-cdn.sigstore.dev/*'] as const;

/** `host_permissions`: the registries (pages and APIs) and the trust root. */
export const REQUIRED_HOST_PATTERNS: readonly string[] = [...REGISTRY_HOST_PATTERNS, ...TRUST_ROOT_HOST_PATTERNS];

/**
 * Registries planned next, each granted only when the user turns it on,
 * declared before their descriptors exist. The hosts are the ones
 * tests/fixtures/github/NOTES.md names (RubyGems's come from its descriptor).
 */
const PLANNED_HOST_PATTERNS = [
  // GitHub release pages (the badge) and the attestations API (`/repos/…/attestations/<digest>`).
  'https://github.com/*',
  'https://api.github.com/*',
  // Where the attestations API's `bundle_url` points (snappy-compressed bundles).
  'https://tmaproduction.blob.core.windows.net/*',
  // Homebrew: formula JSON with each bottle's sha256.
  'https://formulae.brew.sh/*',
  // GitHub's own Sigstore instance (no transparency log): its TUF repository.
  'https://tuf-repo.github.com/*',
] as const;

/** `optional_host_permissions`: registries whose descriptor says `optional`, then the planned ones. */
export const OPTIONAL_HOST_PATTERNS: readonly string[] = [...new Set([...OPTIONAL_REGISTRY_HOST_PATTERNS, ...PLANNED_HOST_PATTERNS])];

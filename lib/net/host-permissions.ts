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
 * The optional hosts in the order the first store release declared them
 * (tests/fixtures/rubygems/NOTES.md and tests/fixtures/github/NOTES.md name
 * them); registries with `hostAccess: 'optional'` (lib/registries/pages.ts)
 * must stay within them, and tests/registries/list.test.ts checks they do.
 */
const DECLARED_OPTIONAL_HOST_PATTERNS = [
  // RubyGems: gem pages, /api/v1/attestations/, /api/v1/versions/ (the digests).
  'https://rubygems.org/*',
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

/** `optional_host_permissions`: the declared list, then any optional registry host beyond it (none today). */
export const OPTIONAL_HOST_PATTERNS: readonly string[] = [...new Set([...DECLARED_OPTIONAL_HOST_PATTERNS, ...OPTIONAL_REGISTRY_HOST_PATTERNS])];

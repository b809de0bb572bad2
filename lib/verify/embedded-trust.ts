import { NPM_KEYS_JSON, TRUSTED_ROOT_JSON } from '../vendor/trust-seed.generated.js';
import { loadTrustedRoot, type TrustContext } from './trust-root';

/**
 * The public-good Sigstore trusted root and npm's attestation keys, taken at
 * build time from the TUF seed that ships inside `@sigstore/tuf` (the same
 * bytes `npm audit signatures` starts from): scripts/vendor-sigstore.mjs
 * decodes the seed's `trusted_root.json` and `registry.npmjs.org/keys.json`
 * targets into trust-seed.generated.js. Nothing is hand-copied.
 * The seed's TUF signatures are not re-checked here: the seed is the trust
 * anchor itself, pinned by package-lock.json's integrity hash.
 * The worker verifies with the live material from lib/trust/ (this seed until
 * a TUF refresh brings newer); these functions serve diagnostics, the bench
 * and tests.
 */

/** A fresh copy on every call: callers may mutate what they get. */
export function embeddedTrustedRootJSON(): unknown {
  return JSON.parse(TRUSTED_ROOT_JSON);
}

export function embeddedNpmKeysJSON(): unknown {
  return JSON.parse(NPM_KEYS_JSON);
}

let cached: TrustContext | undefined;

/** Public-good root with npm's attestation keys; built once per worker. */
export function publicGoodTrust(): TrustContext {
  cached ??= loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good', npmKeys: embeddedNpmKeysJSON() });
  return cached;
}

// The very file the extension packages (scripts/public-good-seed.mjs writes it on install and build).
import seedFile from '../../public/trust/public-good-seed.json' with { type: 'json' };
import { parsePublicGoodSeed, type PublicGoodTrustSeed } from '../trust/public-good-seed';
import { PUBLIC_GOOD_PROFILE } from '../trust/trust-profile';
import type { TrustContext } from './trust-root';

/**
 * The public-good seed (lib/trust/public-good-seed.ts) for Node: the tests,
 * the conformance CLI and the bench import the packaged file itself and check
 * it as the extension does, so there is one seed and one reader of it.
 * Not for the extension (eslint.config.js refuses the import there): it
 * would put the seed back into the worker's bundle, which reads the packaged
 * file instead (tests/e2e/package.e2e.test.ts checks background.js has none of it).
 * The seed's TUF signatures are not re-checked here: the seed is the trust
 * anchor itself, pinned by package-lock.json's integrity hash.
 */
export const PUBLIC_GOOD_SEED: PublicGoodTrustSeed = parsePublicGoodSeed(seedFile);

/** A fresh copy on every call: callers may mutate what they get. */
export function embeddedTrustedRootJSON(): unknown {
  return JSON.parse(PUBLIC_GOOD_SEED.targets.trustedRoot);
}

export function embeddedNpmKeysJSON(): unknown {
  return JSON.parse(PUBLIC_GOOD_SEED.targets.npmKeys);
}

let cached: TrustContext | undefined;

/** Public-good root with npm's attestation keys, from the seed; built once. */
export function publicGoodTrust(): TrustContext {
  cached ??= PUBLIC_GOOD_PROFILE.load(PUBLIC_GOOD_SEED.targets);
  return cached;
}

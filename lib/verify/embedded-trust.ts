import seeds from '@sigstore/tuf/seeds.json';
import { Buffer } from '../vendor/sigstore.generated.js';
import { loadTrustedRoot, type TrustContext } from './trust-root';

/**
 * The public-good Sigstore trusted root and npm's attestation keys, taken at
 * build time from the TUF seed that ships inside `@sigstore/tuf` (the same
 * bytes `npm audit signatures` starts from). Nothing is hand-copied.
 * The seed's TUF signatures are not re-checked here: the seed is the trust
 * anchor itself, pinned by package-lock.json's integrity hash.
 */
const PUBLIC_GOOD_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';

function seedTarget(name: string): unknown {
  const repo = (seeds as Record<string, { targets: Record<string, string> }>)[PUBLIC_GOOD_MIRROR];
  const encoded = repo?.targets[name];
  if (!encoded) throw new Error(`@sigstore/tuf seed has no target ${name}`);
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
}

export function embeddedTrustedRootJSON(): unknown {
  return seedTarget('trusted_root.json');
}

export function embeddedNpmKeysJSON(): unknown {
  return seedTarget('registry.npmjs.org%2Fkeys.json');
}

let cached: TrustContext | undefined;

/** Public-good root with npm's attestation keys; built once per worker. */
export function publicGoodTrust(): TrustContext {
  cached ??= loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good', npmKeys: embeddedNpmKeysJSON() });
  return cached;
}

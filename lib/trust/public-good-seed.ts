import * as z from '../zod';
import { checkSeedFile, readPackagedJSON, trustedRootFile, tufRootFile } from './packaged-seed';
import type { TrustSeed } from './trust-service';

/**
 * Sigstore public-good's trust seed — @sigstore/tuf's TUF root.json and its
 * trusted_root.json and registry.npmjs.org/keys.json targets — is a packaged
 * file, public/trust/public-good-seed.json, written at build time by
 * scripts/public-good-seed.mjs, rather than ~12 kB of string constants in the
 * worker's bundle (issue 14). Every worker needs it (it is what a fresh
 * install verifies with until the first refresh), so it is read once, on the
 * first use of trust, and kept for the worker's life.
 */
export const PUBLIC_GOOD_SEED_PATH = '/trust/public-good-seed.json';

export type PublicGoodTrustSeed = TrustSeed<{ trustedRoot: string; npmKeys: string }>;

const SeedFile = z.object({
  tufRoot: tufRootFile,
  trustedRoot: trustedRootFile,
  // Which keys may verify npm attestations is decided when the material is loaded (lib/verify/trust-root.ts).
  npmKeys: z.looseObject({ keys: z.array(z.looseObject({ keyId: z.string() })) }),
});

/** The seed from the parsed file; anything else is TRUST_ROOT_INVALID, so nothing verifies against it. */
export function parsePublicGoodSeed(json: unknown): PublicGoodTrustSeed {
  const seed = checkSeedFile(SeedFile, json, 'Sigstore public-good trust seed');
  // Compact JSON text, as when the seed was embedded: TUF signs the canonical form of `signed`.
  return { root: JSON.stringify(seed.tufRoot), targets: { trustedRoot: JSON.stringify(seed.trustedRoot), npmKeys: JSON.stringify(seed.npmKeys) } };
}

let reading: Promise<PublicGoodTrustSeed> | undefined;

/** The packaged seed, read from the extension itself once per worker; a failed read is not kept, so the next use tries again. */
export function packagedPublicGoodSeed(): Promise<PublicGoodTrustSeed> {
  if (!reading) {
    const read = readPackagedJSON(PUBLIC_GOOD_SEED_PATH, 'Sigstore public-good trust seed').then(parsePublicGoodSeed);
    read.catch(() => {
      if (reading === read) reading = undefined;
    });
    reading = read;
  }
  return reading;
}

import * as z from '../zod';
import { checkSeedFile, readPackagedJSON, trustedRootFile, tufRootFile } from './packaged-seed';
import type { TrustSeed } from './trust-service';

/**
 * GitHub's trust seed (its TUF root and trusted root) is a packaged file,
 * public/trust/github-seed.json, written at build time by
 * scripts/github-trust-seed.mjs, rather than part of the worker's bundle:
 * GitHub is an optional registry, off by default, so only workers that verify
 * a GitHub release read it. It is trust material, so whatever is read is
 * checked as the build script checks it before it can become a seed.
 */
export const GITHUB_SEED_PATH = '/trust/github-seed.json';

export type GithubTrustSeed = TrustSeed<{ trustedRoot: string }>;

const SeedFile = z.object({ tufRoot: tufRootFile, trustedRoot: trustedRootFile });

/** The seed from the parsed file; anything else is TRUST_ROOT_INVALID, so nothing verifies against it. */
export function parseGithubSeed(json: unknown): GithubTrustSeed {
  const seed = checkSeedFile(SeedFile, json, 'GitHub trust seed');
  // Compact JSON text, as the seed was when it was embedded: TUF signs the canonical form of `signed`.
  return { root: JSON.stringify(seed.tufRoot), targets: { trustedRoot: JSON.stringify(seed.trustedRoot) } };
}

/** Reads the packaged seed from the extension itself (never web-accessible: only extension contexts can fetch it). */
export async function readPackagedGithubSeed(): Promise<GithubTrustSeed> {
  return parseGithubSeed(await readPackagedJSON(GITHUB_SEED_PATH, 'GitHub trust seed'));
}

import { browser } from 'wxt/browser';
import { ProvenantError } from '../errors/provenant-error';
import * as z from '../zod';
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

const SeedFile = z.object({
  tufRoot: z.looseObject({ signed: z.looseObject({ _type: z.literal('root'), version: z.number(), expires: z.string() }) }),
  trustedRoot: z.looseObject({ mediaType: z.string().check(z.startsWith('application/vnd.dev.sigstore.trustedroot')) }),
});

/** The seed from the parsed file; anything else is TRUST_ROOT_INVALID, so nothing verifies against it. */
export function parseGithubSeed(json: unknown): GithubTrustSeed {
  const parsed = SeedFile.safeParse(json);
  if (!parsed.success) throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `GitHub trust seed does not match the schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  // Compact JSON text, as the seed was when it was embedded: TUF signs the canonical form of `signed`.
  return { root: JSON.stringify(parsed.data.tufRoot), targets: { trustedRoot: JSON.stringify(parsed.data.trustedRoot) } };
}

/** Reads the packaged seed from the extension itself (never web-accessible: only extension contexts can fetch it). */
export async function readPackagedGithubSeed(): Promise<GithubTrustSeed> {
  let json: unknown;
  try {
    const response = await fetch(browser.runtime.getURL(GITHUB_SEED_PATH));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (e) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `GitHub trust seed could not be read: ${(e as Error).message}`, { cause: e });
  }
  return parseGithubSeed(json);
}

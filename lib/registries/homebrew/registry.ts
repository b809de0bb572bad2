import { semverLine } from '../../history/version-order';
import { verifyWithLiveTrust } from '../../trust/verify-with-trust';
import type { Registry } from '../descriptor';
import { githubWorkerDeps, type GithubWorkerDeps } from '../github/registry';
import { homebrewPage } from './page';
import { fetchFormula, verifyHomebrewFormula } from './verify-release';
import { pkgVersion } from './schema';

const HOUR = 3600_000;

/**
 * Homebrew's descriptor (lib/registries/descriptor.ts); identity rules: ./identity.ts.
 * Bottles are attested on GitHub, so it shares GitHub's client (token), attestation
 * cache and live trust root (lib/registries/github/registry.ts).
 */
export function homebrewRegistryWith(get: () => GithubWorkerDeps) {
  return {
    ...homebrewPage,
    async verifyRelease(ref, shared) {
      const { client, cache, trust } = get();
      const github = await client();
      void trust.refreshIfDue?.('schedule').catch(() => undefined);
      return verifyWithLiveTrust((gh) => verifyHomebrewFormula(ref, { registry: shared.client, github, trust: { publicGood: shared.trust, github: gh }, cache }), trust);
    },
    latestVersion: async (client, name) => pkgVersion(await fetchFormula(client, name)),
    // The formula API serves the current version only: no history to compare with.
    earlierVersions: async () => [],
    versionLine: (version: string) => semverLine(version.replace(/_\d+$/, '')),
    // A formula's bottles change with each rebuild: short lifetimes; attestations stay cached per digest.
    cacheLifetimes: { verified: HOUR, failed: 24 * HOUR, unsupported: HOUR, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
  } as const satisfies Registry<'homebrew'>;
}

export const homebrewRegistry = homebrewRegistryWith(githubWorkerDeps);

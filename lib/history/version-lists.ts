import type { PackagePage } from '../pages/package-page';
import type { RegistryClient } from '../net/registry-fetch';
import { registryFor } from '../registries/list';

export interface EarlierVersion {
  version: string;
  publishedAt?: string | undefined;
  /**
   * `false` when the registry's own listing says the release has no
   * attestations, so the history can pass over it without a request;
   * undefined when only fetching its attestations can tell.
   */
  attested?: false | undefined;
}

/**
 * The versions published before `version`, newest first by publish time, at
 * most `limit`, as the page's registry lists them (its `earlierVersions`).
 */
export async function earlierVersions(client: RegistryClient, page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]> {
  return registryFor(page.ecosystem).earlierVersions(client, page.package, version, limit);
}

import type { RegistryClient } from '../net/registry-fetch';
import type { PackagePage } from '../pages/package-page';
import { registryFor } from '../registries/list';

/**
 * The version a version-less page (`/package/x`, `/project/x/`) shows now,
 * asked on every visit: the registry's latest moves with each release, so
 * it is never cached; the verdict then comes from the per-version cache
 * (issue 11, finding 7). Each registry reads the same documents its adapter
 * does (its descriptor's `latestVersion`).
 */
export async function latestVersion(client: RegistryClient, page: PackagePage): Promise<string> {
  return registryFor(page.ecosystem).latestVersion(client, page.package);
}

import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import type { PackagePage } from '../pages/package-page';
import { packumentUrl, versionManifestUrl } from '../registries/npm/names';
import { CORGI_ACCEPT } from '../registries/npm/schema';
import { jsonApiUrl, normalizeProjectName } from '../registries/pypi/names';
import { isProvenantError } from '../errors/provenant-error';

const npmLatestSchema = z.object({ 'dist-tags': z.object({ latest: z.string() }) });
const npmManifestSchema = z.object({ version: z.string() });
const pypiLatestSchema = z.object({ info: z.object({ version: z.string() }) });

/**
 * The version a version-less page (`/package/x`, `/project/x/`) shows now,
 * asked on every visit: the registry's latest moves with each release, so
 * it is never cached; the verdict then comes from the per-version cache
 * (issue 11, finding 7). The same documents the adapters read: npm's
 * abbreviated packument (its `/<name>/latest` for packuments too big to
 * read), PyPI's project JSON.
 */
export async function latestVersion(client: RegistryClient, page: PackagePage): Promise<string> {
  if (page.ecosystem === 'pypi') {
    return (await fetchRegistryJSON(client, jsonApiUrl(normalizeProjectName(page.package)), pypiLatestSchema)).info.version;
  }
  try {
    return (await fetchRegistryJSON(client, packumentUrl(page.package), npmLatestSchema, { accept: CORGI_ACCEPT }))['dist-tags'].latest;
  } catch (e) {
    if (!(isProvenantError(e, 'registry')) || e.code !== 'TOO_LARGE') throw e;
    return (await fetchRegistryJSON(client, versionManifestUrl(page.package, 'latest'), npmManifestSchema)).version;
  }
}

import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import { RegistryError } from '../net/registry-error';
import type { PackagePage } from '../pages/package-page';
import { packumentUrl, versionManifestUrl } from '../registries/npm/names';
import { CORGI_ACCEPT } from '../registries/npm/schema';
import { jsonApiUrl, normalizeProjectName } from '../registries/pypi/names';

const npmLatestSchema = z.object({ 'dist-tags': z.object({ latest: z.string() }) });
const npmManifestSchema = z.object({ version: z.string() });
const pypiLatestSchema = z.object({ info: z.object({ version: z.string() }) });

/**
 * The version a version-less page (`/package/x`, `/project/x/`) shows now,
 * asked on every visit (once per view: a second ask within 5 s shares the first): the registry's latest moves with each release, so
 * it is never cached; the verdict then comes from the per-version cache
 * (issue 11, finding 7). The same documents the adapters read: npm's
 * abbreviated packument (its `/<name>/latest` for packuments too big to
 * read), PyPI's project JSON.
 */
export function latestVersion(client: RegistryClient, page: PackagePage, now: () => number = Date.now): Promise<string> {
  // One page view asks twice (its verdict, then its history, each for the
  // version-less page): within a few seconds that is one question.
  let memo = recent.get(client);
  if (!memo) recent.set(client, (memo = new Map()));
  const key = `${page.ecosystem}:${page.package}`;
  const hit = memo.get(key);
  if (hit && now() - hit.at < SAME_VIEW_MS) return hit.version;
  const version = askLatestVersion(client, page);
  memo.set(key, { at: now(), version });
  version.catch(() => memo.get(key)?.version === version && memo.delete(key));
  while (memo.size > 32) memo.delete(memo.keys().next().value!);
  return version;
}

const SAME_VIEW_MS = 5_000;
const recent = new WeakMap<RegistryClient, Map<string, { at: number; version: Promise<string> }>>();

async function askLatestVersion(client: RegistryClient, page: PackagePage): Promise<string> {
  if (page.ecosystem === 'pypi') {
    return (await fetchRegistryJSON(client, jsonApiUrl(normalizeProjectName(page.package)), pypiLatestSchema)).info.version;
  }
  try {
    return (await fetchRegistryJSON(client, packumentUrl(page.package), npmLatestSchema, { accept: CORGI_ACCEPT }))['dist-tags'].latest;
  } catch (e) {
    if (!(e instanceof RegistryError) || e.code !== 'TOO_LARGE') throw e;
    return (await fetchRegistryJSON(client, versionManifestUrl(page.package, 'latest'), npmManifestSchema)).version;
  }
}

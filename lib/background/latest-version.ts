import type { RegistryClient } from '../net/registry-fetch';
import type { PackagePage } from '../pages/package-page';
import { registryFor } from '../registries/list';

/**
 * The version a version-less page (`/package/x`, `/project/x/`) shows now,
 * asked on every visit (once per view: a second ask within 5 s shares the first): the registry's latest moves with each release, so
 * it is never cached; the verdict then comes from the per-version cache
 * (issue 11, finding 7). Each registry reads the same documents its adapter
 * does (its descriptor's `latestVersion`).
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

function askLatestVersion(client: RegistryClient, page: PackagePage): Promise<string> {
  return registryFor(page.ecosystem).latestVersion(client, page.package);
}

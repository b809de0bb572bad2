import { detectRegistryPage, normalizeName, samePageOfAnyRegistry } from '../registries/known';
import type { PackagePage } from './package-page';
import type { PageLocation } from './page-match';

export type { PageLocation } from './page-match';

/**
 * Which release a registry page shows, from its URL alone: each registry's
 * page part (lib/registries/<name>/page.ts) parses its own hosts' paths; this
 * asks every registry in the list. For the worker and the extension's pages:
 * a content script uses its own page part alone.
 */
export function detectPackagePage(location: PageLocation): PackagePage | null {
  return detectRegistryPage(location);
}

/**
 * The package name as the automation contract states it: each registry's
 * `normalizeName` (npm `@scope/name` as written, PyPI PEP 503, so `Foo_Bar`
 * and `foo-bar` agree).
 */
export function contractPackageName(page: PackagePage): string {
  return normalizeName(page.ecosystem, page.package);
}

/** Two URLs show the same release question (a tab switch or `#files` is not a new page). */
export function samePage(a: PackagePage | null, b: PackagePage | null): boolean {
  return samePageOfAnyRegistry(a, b);
}


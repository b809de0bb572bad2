import type { PackagePage } from '../pages/package-page';
import type { Ecosystem } from '../report/model';
import { normalizeName } from '../registries/known';

/** The registry's own name normalization (PyPI: PEP 503; npm: as written). */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  return normalizeName(ecosystem, name);
}

/** Cache key of an immutable release: registry, package, version. */
export function releaseKey(ecosystem: Ecosystem, pkg: string, version: string): string {
  return `${ecosystem}:${normalizePackageName(ecosystem, pkg)}@${version}`;
}

/**
 * Key of a page: the release when the URL names one, else the package's
 * "latest" alias. `#` cannot occur in a version (PyPI once allowed a release
 * literally named `latest`), so the alias never shares a key with a release.
 */
export function pageKey(page: PackagePage): string {
  return page.version === undefined ? `${releaseKey(page.ecosystem, page.package, '')}#latest` : releaseKey(page.ecosystem, page.package, page.version);
}

/**
 * Page helpers that know no registry, so a content script can use them with
 * its own registry's page part alone (lib/registries/<name>/page.ts).
 */
export type PageLocation = Pick<Location, 'hostname' | 'pathname'>;

interface DetectedPage<Id extends string> {
  ecosystem: Id;
  package: string;
  version?: string;
}

/**
 * What a registry's `detect` does: its exact site hosts, then its path parser. The URL is the
 * one part of a registry page that survives redesigns; query (`?activeTab=…`)
 * and hash never change the answer.
 */
export function pageDetector<Id extends string>(
  location: PageLocation,
  site: { ecosystem: Id; siteHosts: readonly string[] },
  parsePath: (pathname: string) => { name: string; version?: string } | null,
): DetectedPage<Id> | null {
  if (!site.siteHosts.includes(location.hostname)) return null;
  const ref = parsePath(location.pathname);
  return ref ? withVersion({ ecosystem: site.ecosystem, package: ref.name }, ref.version) : null;
}

function withVersion<Id extends string>(page: DetectedPage<Id>, version: string | undefined): DetectedPage<Id> | null {
  // The message protocol caps lengths; a page beyond them is not one we can ask about.
  if (page.package.length > 214 || (version !== undefined && version.length > 128)) return null;
  return version === undefined ? page : { ...page, version };
}

/** Two pages of one registry show the same release question (a tab switch or `#files` is not a new page). */
export function sameRelease(a: DetectedPage<string> | null, b: DetectedPage<string> | null, normalizeName: (name: string) => string): boolean {
  if (!a || !b) return a === b;
  return a.ecosystem === b.ecosystem && normalizeName(a.package) === normalizeName(b.package) && a.version === b.version;
}

import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';
import { isValidGemName, parseRubygemsPath, versionSlug } from './names';

/** Who RubyGems is and where (data only: safe links and host lists read it without bundling any parser). */
export const rubygemsSite = {
  ecosystem: 'rubygems',
  label: 'RubyGems',
  siteHosts: ['rubygems.org'],
  // The versions API (each .gem's sha256) and the attestations API are on the site's own host.
  apiHosts: ['rubygems.org'],
  // Added after the first store release: asked for when the user turns RubyGems on.
  hostAccess: 'optional',
  listsFiles: false,
} as const satisfies RegistrySite<'rubygems'>;

/**
 * `/gems/<name>` and `/gems/<name>/versions/<number>[-<platform>]`; the page's
 * version is the URL's slug (`33.0.0.1.0-arm64-darwin`), which is what the
 * report, the cache key and the badge's `data-version` carry.
 */
function parsePath(pathname: string): { name: string; version?: string } | null {
  const ref = parseRubygemsPath(pathname);
  if (!ref) return null;
  return ref.version === undefined ? { name: ref.name } : { name: ref.name, version: versionSlug(ref.version, ref.platform) };
}

/** RubyGems's page part (lib/registries/descriptor.ts): what rubygems.content.ts bundles. */
export const rubygemsPage = {
  ...rubygemsSite,
  contentMatches: ['https://rubygems.org/gems/*'],
  itemWord: 'gem',
  pathHint: '/gems/<name>',
  detect: (location) => pageDetector(location, rubygemsSite, parsePath),
  // The layout's page title (rubygems/rubygems.org app/views/layouts/application.html.erb):
  // `<h1 class="t-display page__heading">name <i class="page__subheading">version</i></h1>`.
  titleSelector: 'h1.page__heading',
  clientSideNavigation: false,
  // rubygems.org's URLs and APIs take the name as the gem was pushed.
  normalizeName: (name: string) => name,
  isValidName: isValidGemName,
  invalidNameHint: 'Not a valid gem name (letters, digits, ".", "_" and "-", with at least one letter).',
} as const satisfies RegistryPage<'rubygems'>;

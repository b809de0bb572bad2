/**
 * Gem names, versions, platforms, page URLs and API URLs of rubygems.org.
 * Routes and rules: rubygems/rubygems.org `config/routes.rb`,
 * `app/models/rubygem.rb`, `lib/patterns.rb`; tests/fixtures/rubygems/NOTES.md.
 */
import { pathSegment, safeDecode } from '../url-path';

export const RUBYGEMS_HOST = 'rubygems.org';
export const RUBYGEMS_ORIGIN = `https://${RUBYGEMS_HOST}`;

/** The platform of a pure-Ruby gem; its full name and page URL carry no platform suffix. */
export const RUBY_PLATFORM = 'ruby';

/** One release of a gem: its name, its version number and, for a platform gem, its platform. */
export interface RubygemsRef {
  name: string;
  /** The version number (`1.16.0`); omitted for the gem's page without a version (the latest). */
  version?: string;
  /** Omitted or `ruby` for a pure-Ruby gem; `x86_64-linux`, `java`, `arm64-darwin`, … otherwise. */
  platform?: string;
}

// rubygems.org accepts letters, digits, `.`, `_`, `-` and requires a letter;
// its fields are at most 255 characters (Gemcutter::MAX_FIELD_LENGTH).
const GEM_NAME = /^[A-Za-z0-9._-]+$/;

export function isValidGemName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && GEM_NAME.test(name) && /[A-Za-z]/.test(name) && name !== '.' && name !== '..';
}

/**
 * A version number as rubygems.org stores it: Gem::Version turns every `-`
 * into `.pre.` before a gem is built, so a stored number is digits followed by
 * dot-separated alphanumeric segments, and never contains `-` (which is what
 * lets a page URL put the platform after the first `-`).
 */
const GEM_VERSION = /^[0-9]+(?:\.[0-9A-Za-z]+)*$/;

export function isValidGemVersion(version: string): boolean {
  return version.length <= 128 && GEM_VERSION.test(version);
}

/** Gem::Platform#to_s: cpu, os and os version joined by `-` (`x86_64-linux-musl`, `universal-java-17`, `x64-mingw-ucrt`). */
const GEM_PLATFORM = /^[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*$/;

export function isValidPlatform(platform: string): boolean {
  return platform.length <= 64 && GEM_PLATFORM.test(platform);
}

/** The platform a ref means: `ruby` when none is named. */
export function platformOf(ref: Pick<RubygemsRef, 'platform'>): string {
  return ref.platform ?? RUBY_PLATFORM;
}

/**
 * `<number>[-<platform>]`, the way rubygems.org's URLs and the attestations
 * API write a release (the version's `full_name` without `<name>-`). This is
 * the version a report and the badge's `data-version` carry.
 */
export function versionSlug(number: string, platform: string = RUBY_PLATFORM): string {
  return platform === RUBY_PLATFORM ? number : `${number}-${platform}`;
}

/** `1.16.0-x86_64-linux` → number and platform; undefined when either part is not valid. */
export function parseVersionSlug(slug: string): { version: string; platform: string } | undefined {
  const dash = slug.indexOf('-');
  const version = dash < 0 ? slug : slug.slice(0, dash);
  const platform = dash < 0 ? RUBY_PLATFORM : slug.slice(dash + 1);
  if (!isValidGemVersion(version) || !isValidPlatform(platform)) return undefined;
  // rubygems.org never writes `-ruby`: such a URL names no release.
  if (dash >= 0 && platform === RUBY_PLATFORM) return undefined;
  return { version, platform };
}

/**
 * Page detection, a pure function of the URL: `https://rubygems.org/gems/<name>`
 * and `/gems/<name>/versions/<number>[-<platform>]` (a trailing slash allowed,
 * query and fragment ignored). Anything else — the versions index, reverse
 * dependencies, another host — is not a release page.
 */
export function parseRubygemsPage(url: string | URL): RubygemsRef | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.hostname !== RUBYGEMS_HOST || u.port !== '') return null;
  return parseRubygemsPath(u.pathname);
}

export function parseRubygemsPath(pathname: string): RubygemsRef | null {
  const m = /^\/gems\/([^/]+)(?:\/versions\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const name = safeDecode(m[1]!);
  if (name === undefined || !isValidGemName(name)) return null;
  if (m[2] === undefined) return { name };
  const slug = safeDecode(m[2]);
  const parsed = slug === undefined ? undefined : parseVersionSlug(slug);
  if (!parsed) return null;
  return parsed.platform === RUBY_PLATFORM ? { name, version: parsed.version } : { name, version: parsed.version, platform: parsed.platform };
}

/** GET /api/v1/versions/<name>.json: every published version with its `sha` (sha256 of the .gem). */
export function versionsUrl(name: string): string {
  return `${RUBYGEMS_ORIGIN}/api/v1/versions/${gemSegment(name)}.json`;
}

/** GET /api/v1/attestations/<name>-<number>[-<platform>].json: the stored Sigstore bundles, `[]` when none. */
export function attestationsUrl(name: string, number: string, platform: string = RUBY_PLATFORM): string {
  return `${RUBYGEMS_ORIGIN}/api/v1/attestations/${gemSegment(`${name}-${versionSlug(number, platform)}`)}.json`;
}

/** The .gem file's name, as its download URL and the report's artifact name write it. */
export function gemFileName(name: string, number: string, platform: string = RUBY_PLATFORM): string {
  return `${name}-${versionSlug(number, platform)}.gem`;
}

/** A gem name or slug never holds `/`, `\`, `?`, `#` or `%`: one that does is refused here, not escaped (the last guard after validation). */
function gemSegment(value: string): string {
  if (/[/\\?#%]/.test(value)) throw new RangeError(`not a usable path segment: ${JSON.stringify(value.slice(0, 100))}`);
  return pathSegment(value);
}

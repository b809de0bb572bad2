import { parseNpmPackagePath } from '../registries/npm/names';
import { normalizeProjectName, parsePypiProjectPath } from '../registries/pypi/names';
import type { PackagePage } from './package-page';

/**
 * Which release a registry page shows, from its URL alone: the URL is the one
 * part of pypi.org and npmjs.com that survives redesigns. Path parsing is the
 * registry adapters' (one adapter per registry); this only picks the adapter
 * by exact host. Query (`?activeTab=…`) and hash never change the answer.
 */
export function detectPackagePage(location: PageLocation): PackagePage | null {
  return detectPypiPage(location) ?? detectNpmPage(location);
}

export type PageLocation = Pick<Location, 'hostname' | 'pathname'>;

/** pypi.org only (each content script bundles just its own registry's parser). */
export function detectPypiPage(location: PageLocation): PackagePage | null {
  if (location.hostname !== 'pypi.org') return null;
  const ref = parsePypiProjectPath(location.pathname);
  return ref ? withVersion({ ecosystem: 'pypi', package: ref.name }, ref.version) : null;
}

/** www.npmjs.com only. */
export function detectNpmPage(location: PageLocation): PackagePage | null {
  if (location.hostname !== 'www.npmjs.com') return null;
  const ref = parseNpmPackagePath(location.pathname);
  return ref ? withVersion({ ecosystem: 'npm', package: ref.name }, ref.version) : null;
}

function withVersion(page: PackagePage, version: string | undefined): PackagePage | null {
  // The message protocol caps lengths; a page beyond them is not one we can ask about.
  if (page.package.length > 214 || (version !== undefined && version.length > 128)) return null;
  return version === undefined ? page : { ...page, version };
}

/**
 * The package name as the automation contract states it: npm `@scope/name`
 * as written, PyPI normalized (PEP 503), so `Foo_Bar` and `foo-bar` agree.
 */
export function contractPackageName(page: PackagePage): string {
  return page.ecosystem === 'pypi' ? normalizeProjectName(page.package) : page.package;
}

/** Two URLs show the same release question (a tab switch or `#files` is not a new page). */
export function samePage(a: PackagePage | null, b: PackagePage | null): boolean {
  if (!a || !b) return a === b;
  return a.ecosystem === b.ecosystem && contractPackageName(a) === contractPackageName(b) && a.version === b.version;
}

/*
Test URLs (see tests/pages/detect.test.ts):
https://pypi.org/project/sampleproject/
https://pypi.org/project/sampleproject/4.0.0/
https://pypi.org/project/Flask_SQLAlchemy/3.1.1/#files
https://www.npmjs.com/package/sigstore
https://www.npmjs.com/package/@sigstore/verify?activeTab=versions
https://www.npmjs.com/package/sigstore/v/3.0.0
https://www.npmjs.com/package/@scope/name/v/1.0.0-beta.1+build.5
*/

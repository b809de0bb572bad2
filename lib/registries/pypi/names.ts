/**
 * PyPI project names, page paths and API URLs.
 * Routes: pypi/warehouse `warehouse/routes.py` (see PAGE-STRUCTURE.md).
 */
import { pathSegment, safeDecode } from '../url-path';

export const PYPI_ORIGIN = 'https://pypi.org';

/** `Accept` for the Integrity API; warehouse answers 406 to anything it cannot serve. */
export const INTEGRITY_MEDIA_TYPE = 'application/vnd.pypi.integrity.v1+json';

// PEP 508 names: ASCII letters and digits, with `.`, `_`, `-` only between them.
const PROJECT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** PEP 503: runs of `-`, `_`, `.` become one `-`, then lower-case. */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function isValidProjectName(name: string): boolean {
  return name.length <= 200 && PROJECT_NAME.test(name);
}

/**
 * `/project/<name>/` and `/project/<name>/<version>/` (the trailing slash is
 * optional; pypi.org redirects to it). Anything else, including the
 * `/p/…` and `/pypi/…` redirects, is not a project page.
 */
export function parsePypiProjectPath(pathname: string): { name: string; version?: string } | null {
  const match = /^\/project\/([^/]+)\/(?:([^/]+)\/?)?$/.exec(pathname) ?? /^\/project\/([^/]+)$/.exec(pathname);
  if (!match) return null;
  const name = safeDecode(match[1]!);
  if (name === undefined || !isValidProjectName(name)) return null;
  if (match[2] === undefined) return { name };
  const version = safeDecode(match[2]);
  if (version === undefined || !isUsableVersion(version)) return null;
  return { name, version };
}

/**
 * Versions are free-form for pre-PEP 440 releases, but never contain
 * whitespace, control characters or path syntax.
 */
export function isUsableVersion(version: string): boolean {
  return version.length <= 200 && /^[\x21-\x7e]+$/.test(version) && !/[/\\?#]/.test(version) && version !== '.' && version !== '..';
}

/** JSON API: `/pypi/<name>/json` (latest) or `/pypi/<name>/<version>/json`. */
export function jsonApiUrl(project: string, version?: string): string {
  // Warehouse answers 301 unless the name is already normalized, and the
  // fetch layer refuses redirects: always ask with the PEP 503 form.
  const name = pathSegment(normalizeProjectName(project));
  return version === undefined
    ? `${PYPI_ORIGIN}/pypi/${name}/json`
    : `${PYPI_ORIGIN}/pypi/${name}/${pathSegment(version)}/json`;
}

/**
 * PEP 740 Integrity API provenance URL, built the way warehouse builds the
 * simple index's `provenance` links: normalized project name, the release's
 * version as stored, the exact filename.
 */
export function integrityUrl(project: string, version: string, filename: string): string {
  const parts = [normalizeProjectName(project), version, filename].map(pathSegment);
  return `${PYPI_ORIGIN}/integrity/${parts[0]}/${parts[1]}/${parts[2]}/provenance`;
}


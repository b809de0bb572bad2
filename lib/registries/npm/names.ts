/**
 * npm package names, versions and the registry URLs built from them.
 * Escaping follows npm-package-arg: the registry path escapes the scope's
 * slash (`@scope%2fname`), the purl escapes the leading `@` (`%40scope/name`).
 */
import { safeDecode } from '../url-path';

export const NPM_REGISTRY = 'https://registry.npmjs.org';

export interface NpmPackageRef {
  name: string;
  version?: string;
}

const MAX_NAME_LENGTH = 214;
const MAX_VERSION_LENGTH = 256;

/**
 * Names the registry can hold, including pre-2017 ones with capitals:
 * `name` or `@scope/name`, each part URL-safe, not starting with `.` or `_`.
 * (validate-npm-package-name's `validForOldPackages`, minus the blacklist,
 * which only matters when publishing.)
 */
export function isValidPackageName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  const parts = name.startsWith('@') ? name.slice(1).split('/') : [name];
  if (name.startsWith('@') && parts.length !== 2) return false;
  return parts.every((p) => p.length > 0 && encodeURIComponent(p) === p && !p.startsWith('.') && !p.startsWith('_'));
}

/**
 * A registry version string: semver with prerelease and build metadata, kept
 * permissive (old packuments hold loose versions) but limited to characters
 * that need no escaping in a URL path, so URLs below are built verbatim,
 * exactly as the registry writes them in `dist.attestations.url`.
 */
export function isValidVersion(version: string): boolean {
  return version.length > 0 && version.length <= MAX_VERSION_LENGTH && /^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version);
}

function assertName(name: string): void {
  if (!isValidPackageName(name)) throw new TypeError(`invalid npm package name ${JSON.stringify(name.slice(0, 100))}`);
}

function assertVersion(version: string): void {
  if (!isValidVersion(version)) throw new TypeError(`invalid npm version ${JSON.stringify(version.slice(0, 100))}`);
}

/** `@scope/name` → `@scope%2fname`, as npm-package-arg's `escapedName`. */
export function escapedName(name: string): string {
  assertName(name);
  return name.replace('/', '%2f');
}

/** The purl npm puts in attestation subjects (npm-package-arg `toPurl`). */
export function npmPurl(name: string, version: string): string {
  assertName(name);
  assertVersion(version);
  return `pkg:npm/${name.replace(/^@/, '%40')}@${version}`;
}

export function packumentUrl(name: string): string {
  return `${NPM_REGISTRY}/${escapedName(name)}`;
}

/** One version's manifest (or a dist-tag's, e.g. `latest`). */
export function versionManifestUrl(name: string, versionOrTag: string): string {
  assertVersion(versionOrTag);
  return `${NPM_REGISTRY}/${escapedName(name)}/${versionOrTag}`;
}

export function attestationsUrl(name: string, version: string): string {
  assertVersion(version);
  return `${NPM_REGISTRY}/-/npm/v1/attestations/${escapedName(name)}@${version}`;
}

// /package/<name>, /package/@scope/<name>, either followed by /v/<version>.
const PACKAGE_PATH = /^\/package\/((?:@[^/]+\/)?[^/@][^/]*)(?:\/v\/([^/]+))?\/?$/;

/**
 * The package a www.npmjs.com page shows, from `location.pathname`; null for
 * every other page (search, settings, `/package/x/access`, ...). The version
 * segment is permissive (`1.0.0-beta.1+build.5`) and checked afterwards.
 */
export function parseNpmPackagePath(pathname: string): NpmPackageRef | null {
  // A scope's `@` and its `/` may come percent-encoded, alone or together: read them as written out.
  const m = PACKAGE_PATH.exec(pathname.replace(/^\/package\/%40([^/%]+)(?:%2F|\/)/i, '/package/@$1/').replace(/^(\/package\/@[^/%]+)%2F/i, '$1/'));
  if (!m) return null;
  const name = safeDecode(m[1]!);
  if (name === undefined || !isValidPackageName(name)) return null;
  if (m[2] === undefined) return { name };
  const version = safeDecode(m[2]);
  if (version === undefined || !isValidVersion(version)) return null;
  return { name, version };
}


import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';

/**
 * A made-up registry that exists to prove a registry is a folder, an
 * entrypoint and a list entry (docs/adding-a-registry.md). Its pages and API
 * live only in the e2e replay (tests/e2e/stub-registry.e2e.test.ts).
 */
export const stubSite = {
  ecosystem: 'stub',
  label: 'Stub',
  siteHosts: ['packages.stub-registry.test'],
  apiHosts: ['api.stub-registry.test'],
  hostAccess: 'required',
} as const satisfies RegistrySite<'stub'>;

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

/** `/p/<name>` and `/p/<name>/<version>`. */
export function parseStubPath(pathname: string): { name: string; version?: string } | null {
  const m = /^\/p\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m || !NAME.test(m[1]!) || (m[2] !== undefined && !VERSION.test(m[2]))) return null;
  return m[2] === undefined ? { name: m[1]! } : { name: m[1]!, version: m[2] };
}

export const stubPage = {
  ...stubSite,
  contentMatches: ['https://packages.stub-registry.test/p/*'],
  itemWord: 'package',
  pathHint: '/p/<name>',
  detect: (location) => pageDetector(location, stubSite, parseStubPath),
  titleSelector: 'h1.stub-title',
  clientSideNavigation: false,
  normalizeName: (name: string) => name,
  isValidName: (name: string) => NAME.test(name),
  invalidNameHint: 'Not a valid Stub package name (lower-case letters, digits and dashes).',
  listsFiles: false,
} as const satisfies RegistryPage<'stub'>;

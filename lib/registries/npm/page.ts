import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';
import { isValidPackageName, parseNpmPackagePath } from './names';

/** Who npm is and where (data only: safe links and host lists read it without bundling any parser). */
export const npmSite = {
  ecosystem: 'npm',
  label: 'npm',
  siteHosts: ['www.npmjs.com'],
  apiHosts: ['registry.npmjs.org'],
  hostAccess: 'required',
  listsFiles: false,
} as const satisfies RegistrySite<'npm'>;

/** npm's page part (lib/registries/descriptor.ts): what npm.content.ts bundles. */
export const npmPage = {
  ...npmSite,
  // All of www.npmjs.com: a search or profile page can navigate to a package without a page load.
  contentMatches: ['https://www.npmjs.com/*'],
  itemWord: 'package',
  pathHint: '/package/<name>',
  detect: (location) => pageDetector(location, npmSite, parseNpmPackagePath),
  titleSelector: '#top h1',
  clientSideNavigation: true,
  // npm names are compared as written (`@scope/name`).
  normalizeName: (name: string) => name,
  isValidName: isValidPackageName,
  invalidNameHint: 'Not a valid npm package name (e.g. left-pad or @scope/name).',
} as const satisfies RegistryPage<'npm'>;

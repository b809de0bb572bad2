import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';
import { isValidProjectName, normalizeProjectName, parsePypiProjectPath } from './names';

/** Who PyPI is and where (data only: safe links and host lists read it without bundling any parser). */
export const pypiSite = {
  ecosystem: 'pypi',
  label: 'PyPI',
  siteHosts: ['pypi.org'],
  apiHosts: ['pypi.org'],
  hostAccess: 'required',
  listsFiles: true,
} as const satisfies RegistrySite<'pypi'>;

/** PyPI's page part (lib/registries/descriptor.ts): what pypi.content.ts bundles. */
export const pypiPage = {
  ...pypiSite,
  contentMatches: ['https://pypi.org/project/*'],
  itemWord: 'project',
  pathHint: '/project/<name>/',
  detect: (location) => pageDetector(location, pypiSite, parsePypiProjectPath),
  // 2026 "project-tabs" header, then the older warehouse header.
  titleSelector: 'h1.project-header__name, h1.package-header__name',
  clientSideNavigation: false,
  normalizeName: normalizeProjectName,
  isValidName: isValidProjectName,
  invalidNameHint: 'Not a valid PyPI project name.',
} as const satisfies RegistryPage<'pypi'>;

import { detectNpmPage, detectPypiPage, type PageLocation } from '../pages/detect';
import type { PackagePage } from '../pages/package-page';
import type { Ecosystem } from '../report/model';

/** What the badge needs to know of a registry's site. */
export interface Site {
  ecosystem: Ecosystem;
  detect(location: PageLocation): PackagePage | null;
  /** Where the package title is; the badge goes right after it, or in a corner when absent. */
  titleSelector: string;
  /** npmjs.com changes packages without a page load; pypi.org does not. */
  clientSideNavigation: boolean;
}

export const PYPI_SITE: Site = {
  ecosystem: 'pypi',
  detect: detectPypiPage,
  // 2026 "project-tabs" header, then the older warehouse header.
  titleSelector: 'h1.project-header__name, h1.package-header__name',
  clientSideNavigation: false,
};

export const NPM_SITE: Site = {
  ecosystem: 'npm',
  detect: detectNpmPage,
  titleSelector: '#top h1',
  clientSideNavigation: true,
};

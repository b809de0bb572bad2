import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';
import { isValidFormulaName, parseFormulaPath } from './names';

/** Who Homebrew is and where (data only: safe links and host lists read it without bundling any parser). */
export const homebrewSite = {
  ecosystem: 'homebrew',
  label: 'Homebrew',
  siteHosts: ['formulae.brew.sh'],
  // The formula JSON (each bottle's sha256) comes through fetchRegistryJSON.
  apiHosts: ['formulae.brew.sh'],
  // Bottles are attested on GitHub: the attestations API, its bundle storage and GitHub's TUF
  // repository, reached only by lib/registries/github/ (the token, if any, goes to api.github.com only).
  adapterHosts: ['api.github.com', 'tmaproduction.blob.core.windows.net', 'tuf-repo.github.com'],
  hostAccess: 'optional',
  listsFiles: true,
} as const satisfies RegistrySite<'homebrew'>;

/** Homebrew's page part (lib/registries/descriptor.ts): what homebrew.content.ts bundles. */
export const homebrewPage = {
  ...homebrewSite,
  contentMatches: ['https://formulae.brew.sh/formula/*'],
  itemWord: 'formula',
  pathHint: '/formula/<name>',
  detect: (location) => pageDetector(location, homebrewSite, parseFormulaPath),
  // formulae.brew.sh puts the formula name in the page's one h1.
  titleSelector: 'h1',
  clientSideNavigation: false,
  // Formula names are lowercase already; compared as written.
  normalizeName: (name: string) => name,
  isValidName: isValidFormulaName,
  invalidNameHint: 'Not a Homebrew formula name (e.g. wget or python@3.12).',
} as const satisfies RegistryPage<'homebrew'>;

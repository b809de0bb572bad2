import { githubPage, githubSite } from './github/page';
import { homebrewPage, homebrewSite } from './homebrew/page';
import { npmPage, npmSite } from './npm/page';
import { pypiPage, pypiSite } from './pypi/page';
import { rubygemsPage, rubygemsSite } from './rubygems/page';

/*
 * The registry list: with lib/registries/list.ts (the worker parts), the only
 * place the rest of Provenant learns which registries exist. Each registry is
 * named twice here, as its site (plain data) and its page part, so shared code
 * that needs only hosts and labels bundles no parser. The order is the
 * manifest's host order. Content scripts never import this: each bundles its
 * own page part only.
 */
export const REGISTRY_SITES = [pypiSite, npmSite, rubygemsSite, githubSite, homebrewSite] as const;
export const REGISTRY_PAGES = [pypiPage, npmPage, rubygemsPage, githubPage, homebrewPage] as const;

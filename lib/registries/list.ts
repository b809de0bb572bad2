import type { Registry } from './descriptor';
import type { Ecosystem } from './sites';
import { githubRegistry } from './github/registry';
import { homebrewRegistry } from './homebrew/registry';
import { npmRegistry } from './npm/registry';
import { pypiRegistry } from './pypi/registry';
import { rubygemsRegistry } from './rubygems/registry';

/**
 * Every registry's worker part, by id: with lib/registries/pages.ts the only
 * place the worker learns which registries exist. Keyed by the page list's
 * ids, so a registry in one list and not the other does not compile.
 * Imported by the background only (it bundles the verification code).
 */
const REGISTRIES: { readonly [Id in Ecosystem]: Registry<Id> } = {
  pypi: pypiRegistry,
  npm: npmRegistry,
  rubygems: rubygemsRegistry,
  github: githubRegistry,
  homebrew: homebrewRegistry,
};

export function registryFor(ecosystem: Ecosystem): Registry {
  const registry = Object.hasOwn(REGISTRIES, ecosystem) ? REGISTRIES[ecosystem] : undefined;
  if (!registry) throw new Error(`unknown registry ${JSON.stringify(String(ecosystem).slice(0, 40))}`);
  return registry;
}

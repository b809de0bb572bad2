import type { RegistryPage } from '../registries/descriptor';
import type { Ecosystem } from '../report/model';

/**
 * The registry a content script runs for: its page part alone
 * (lib/registries/<name>/page.ts), so the script bundles no other registry.
 */
export type Site = RegistryPage<Ecosystem>;

/**
 * Registries the user turns on (`hostAccess: 'optional'`), as pure rules over
 * the descriptor list: which hosts each needs, which content script it
 * registers at run time, what to register or remove to match the user's
 * choice and the browser's grants, and which hosts may be given back when one
 * is turned off. The effects live in lib/background/optional-registries.ts.
 * Nothing here names a registry.
 */
import { BADGE_RUN_AT } from '../content/run-at';
import type { RegistryPage, RegistrySite } from './descriptor';

const pattern = (host: string) => `https://${host}/*`;

/** The host permissions a registry needs: its pages, its APIs and its adapter's own hosts, as match patterns. */
export function registryOrigins(site: Pick<RegistrySite, 'siteHosts' | 'apiHosts' | 'adapterHosts'>): string[] {
  return [...new Set([...site.siteHosts, ...site.apiHosts, ...(site.adapterHosts ?? [])].map(pattern))];
}

/** The id of the content script registered at run time for a registry (kept apart from anything WXT registers). */
export const scriptIdOf = (ecosystem: string): string => `provenant-registry-${ecosystem}`;

export interface RuntimeContentScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: typeof BADGE_RUN_AT;
}

/**
 * The content script of an optional registry. WXT builds
 * `entrypoints/<id>.content.ts` with `registration: 'runtime'` into
 * `content-scripts/<id>.js` and leaves it out of the manifest (and, with no
 * `matches` in the entrypoint, out of `host_permissions`); the matches come
 * from the descriptor; it starts when the manifest's registry scripts do.
 */
export function runtimeContentScript(page: Pick<RegistryPage, 'ecosystem' | 'contentMatches'>): RuntimeContentScript {
  return { id: scriptIdOf(page.ecosystem), js: [`content-scripts/${page.ecosystem}.js`], matches: [...page.contentMatches], runAt: BADGE_RUN_AT };
}

/** What the user chose and what the browser grants, per optional registry. */
export interface OptionalRegistryFacts {
  ecosystem: string;
  /** Named in the settings' `registriesOn`. */
  wanted: boolean;
  /** Every one of its origins is granted now. */
  permitted: boolean;
}

/**
 * On only while both hold: a registry whose access the user took away in the
 * browser's own settings reads as off, and a grant alone (another registry's
 * shared host, a browser prompt) turns nothing on.
 */
export const isOn = (facts: Pick<OptionalRegistryFacts, 'wanted' | 'permitted'>): boolean => facts.wanted && facts.permitted;

/** A content script as the browser reports it registered (`scripting.getRegisteredContentScripts`). */
export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
}

/** Registered exactly as this version of Provenant would register it. */
function sameScript(registered: RegisteredScript, wanted: RuntimeContentScript): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
  return same(registered.js, wanted.js) && same(registered.matches, wanted.matches) && registered.runAt === wanted.runAt;
}

/**
 * What to register and unregister so that exactly the registries that are on
 * have their content script, as this version defines it. Registrations
 * persist across browser restarts and extension updates: one made by an
 * earlier version (other matches, another run-at) is replaced, not kept.
 */
export function scriptPlan(facts: readonly (OptionalRegistryFacts & { script: RuntimeContentScript })[], registered: readonly RegisteredScript[]): { register: string[]; unregister: string[] } {
  const current = new Set(registered.filter((r) => facts.some((f) => isOn(f) && f.script.id === r.id && sameScript(r, f.script))).map((r) => r.id));
  return {
    register: facts.filter((f) => isOn(f) && !current.has(f.script.id)).map((f) => f.ecosystem),
    // Only scripts this module registers: a registered id of a registry no longer in the list goes too.
    unregister: registered.map((r) => r.id).filter((id) => id.startsWith(scriptIdOf('')) && !current.has(id)),
  };
}

/**
 * The origins given back when `ecosystem` is turned off: its own, minus any
 * another registry still needs (a required one, or an optional one that stays
 * wanted), since two registries may share an API host.
 */
export function originsToRelease(ecosystem: string, sites: readonly RegistrySite[], wanted: readonly string[]): string[] {
  const site = sites.find((s) => s.ecosystem === ecosystem);
  // A required registry's hosts are the manifest's: never given back.
  if (!site || site.hostAccess !== 'optional') return [];
  const kept = new Set(sites.filter((s) => s.ecosystem !== ecosystem && (s.hostAccess === 'required' || wanted.includes(s.ecosystem))).flatMap(registryOrigins));
  return registryOrigins(site).filter((o) => !kept.has(o));
}

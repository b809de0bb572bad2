/**
 * What shared code derives from the registry list's sites (plain data): ids,
 * labels, hosts, the sender check. Safe to import anywhere, content scripts
 * included: it bundles no registry's code. Nothing here names a registry.
 */
import type { RegistrySite } from './descriptor';
import { REGISTRY_SITES } from './pages';

export type Ecosystem = (typeof REGISTRY_SITES)[number]['ecosystem'];

/** The ids, in list order, for `z.enum`. */
export const ECOSYSTEMS = REGISTRY_SITES.map((s) => s.ecosystem) as unknown as readonly [Ecosystem, ...Ecosystem[]];

export function isEcosystem(id: unknown): id is Ecosystem {
  return typeof id === 'string' && REGISTRY_SITES.some((s) => s.ecosystem === id);
}

/** How the UI names a registry ("PyPI", "npm"). */
export function registryLabel(ecosystem: Ecosystem): string {
  return REGISTRY_SITES.find((s) => s.ecosystem === ecosystem)?.label ?? ecosystem;
}

/** Whether the UI lists a release's files, each with its own status. */
export function listsFiles(ecosystem: Ecosystem): boolean {
  return REGISTRY_SITES.find((s) => s.ecosystem === ecosystem)?.listsFiles ?? false;
}

const pattern = (host: string) => `https://${host}/*`;

const hostPatterns = (access: 'required' | 'optional'): readonly string[] => [
  ...new Set((REGISTRY_SITES as readonly RegistrySite[]).filter((s) => s.hostAccess === access).flatMap((s) => [...s.apiHosts, ...s.siteHosts, ...(s.adapterHosts ?? [])].map(pattern))),
];

/** Match patterns of every required registry host (APIs, then pages), in list order. */
export const REQUIRED_REGISTRY_HOST_PATTERNS = hostPatterns('required');
/** Match patterns of registries the user turns on (`optional_host_permissions`). */
export const OPTIONAL_REGISTRY_HOST_PATTERNS = hostPatterns('optional');

/** Hosts the worker may fetch from: every registry's `apiHosts`. */
export const API_HOSTS: ReadonlySet<string> = new Set(REGISTRY_SITES.flatMap((s) => s.apiHosts));
/** Hosts whose pages show a badge (and that links may point at). */
export const SITE_HOSTS: ReadonlySet<string> = new Set(REGISTRY_SITES.flatMap((s) => s.siteHosts));

/** A sender URL is a registry page: exactly `https://<site host>/…` (no port, no user info). */
export function isRegistryPageUrl(url: string): boolean {
  return [...SITE_HOSTS].some((h) => url.startsWith(`https://${h}/`));
}

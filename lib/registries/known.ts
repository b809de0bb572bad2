/**
 * What the worker and the extension's own pages derive from the registry
 * list's page parts: detection on any registry's page, name rules, the pin
 * form's choices. Content scripts use their own page part instead.
 */
import { sameRelease, type PageLocation } from '../pages/page-match';
import type { RegistryPage } from './descriptor';
import { REGISTRY_PAGES } from './pages';
import type { Ecosystem } from './sites';

/** The page part of a known registry (ids come from parsed schemas, so unknown ones do not reach here). */
export function registryPage(ecosystem: Ecosystem): RegistryPage<Ecosystem> {
  const page = REGISTRY_PAGES.find((p) => p.ecosystem === ecosystem);
  if (!page) throw new Error(`unknown registry ${JSON.stringify(String(ecosystem).slice(0, 40))}`);
  return page;
}

/** Registries for a choice in the UI (the pin form): by label, so the order does not depend on the list's. */
export function registriesByLabel(): RegistryPage<Ecosystem>[] {
  return [...REGISTRY_PAGES].sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));
}

/** Which release a page of any registry shows; null for every other page. */
export function detectRegistryPage(location: PageLocation): { ecosystem: Ecosystem; package: string; version?: string } | null {
  for (const p of REGISTRY_PAGES) {
    const page = p.detect(location);
    if (page) return page;
  }
  return null;
}

/** The name as pins, cache keys and the automation contract compare it (the registry's `normalizeName`). */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  return registryPage(ecosystem).normalizeName(name);
}

type AnyPage = { ecosystem: Ecosystem; package: string; version?: string };

/** Two pages show the same release question, whichever registries they are on. */
export function samePageOfAnyRegistry(a: AnyPage | null, b: AnyPage | null): boolean {
  return sameRelease(a, b, (name) => (a ? normalizeName(a.ecosystem, name) : name));
}

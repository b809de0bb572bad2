/**
 * The registry sites Provenant needs, as host permission match patterns, and
 * which of them the user has taken away. Both browsers let a user turn an
 * extension's site access off (Chromium: "On click"; Firefox: per-site
 * permissions); the content scripts then never run and the page shows no
 * badge, so the popup and the toolbar have to say why.
 */
import type { ToolbarLook } from '../background/toolbar';
import { REQUIRED_REGISTRY_HOST_PATTERNS } from '../registries/sites';

/** Every required registry's page and API hosts (lib/registries/pages.ts), in list order. */
export const REGISTRY_HOST_PATTERNS = REQUIRED_REGISTRY_HOST_PATTERNS;

export type HostPattern = string;

/** `https://pypi.org/*` → `pypi.org`, for sentences. */
export const hostOf = (pattern: string): string => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

/**
 * The patterns not granted now, in manifest order. Asked one by one: a
 * combined `contains` would only say that something is missing.
 */
export async function missingSiteAccess(contains: (origins: string[]) => Promise<boolean>): Promise<HostPattern[]> {
  const granted = await Promise.all(REGISTRY_HOST_PATTERNS.map((p) => contains([p]).catch(() => false)));
  return REGISTRY_HOST_PATTERNS.filter((_, i) => !granted[i]);
}

/** The toolbar's default look while any registry is out of reach (per-tab verdicts still override it). */
export function siteAccessToolbar(missing: readonly string[]): ToolbarLook {
  if (missing.length === 0) return { text: '', color: '#5f6368', title: 'Provenant', icon: 'default' };
  return {
    text: 'OFF',
    color: '#8a5a00',
    icon: 'off',
    title: `Provenant cannot read ${missing.map(hostOf).join(', ')}: site access is turned off. Click for details.`,
  };
}

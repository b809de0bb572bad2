/**
 * The icon files `scripts/icons.mjs` rasterizes from `assets/icons/` into the
 * build (nothing is imported here: `wxt.config.ts` reads this at build time).
 * The script draws one toolbar variant per SVG in `assets/icons/status/`; the
 * tests check that this list and those files agree.
 */

/** The mark at every size the manifest lists, as the manifest names the files. */
export const MARK_ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' } as const;

/**
 * One toolbar icon per verdict status, plus the two alert levels (a triangle for
 * high, a diamond for medium), `off` (site access withheld) and `default` (the
 * plain mark: not on a package page). Each differs in shape, not only colour.
 */
export const TOOLBAR_ICONS = [
  'default',
  'off',
  'pending',
  'verified',
  'partial',
  'absent',
  'unsupported',
  'failed',
  'mismatch',
  'error',
  'alert',
  'caution',
] as const;
export type ToolbarIcon = (typeof TOOLBAR_ICONS)[number];

/** The toolbar draws 16 px icons, 32 px on 2x screens. */
export function toolbarIconPaths(icon: ToolbarIcon): { 16: string; 32: string } {
  if (icon === 'default') return { 16: `/${MARK_ICONS[16]}`, 32: `/${MARK_ICONS[32]}` };
  return { 16: `/toolbar/${icon}-16.png`, 32: `/toolbar/${icon}-32.png` };
}

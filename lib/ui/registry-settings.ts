/**
 * Where the options page's registry switches are, as a URL fragment: the
 * popup opens the options page there, and the options page moves focus there
 * once the switches are drawn (they arrive from the worker, after the
 * browser's own fragment scroll has passed).
 */
export const REGISTRY_SWITCHES_ID = 'registries';

/** The id of one registry's switch (its checkbox). */
export const registrySwitchId = (ecosystem: string): string => `registry-${ecosystem}`;

/** The fragment for the switches, or for one registry's switch. */
export const registrySettingsFragment = (ecosystem?: string): string => (ecosystem === undefined ? REGISTRY_SWITCHES_ID : registrySwitchId(ecosystem));

/** The element id a fragment asks the options page to focus, if it names the switches or a switch; nothing else is focused from a URL. */
export function registryFocusTarget(hash: string): string | undefined {
  const id = hash.startsWith('#') ? hash.slice(1) : hash;
  return id === REGISTRY_SWITCHES_ID || /^registry-[a-z0-9-]{1,40}$/.test(id) ? id : undefined;
}

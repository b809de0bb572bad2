import * as z from '../zod';

export const settingsSchema = z.object({
  /** Trust on first use: the first verified identity seen for a package becomes its pin. Off by default. */
  trustOnFirstUse: z._default(z.boolean(), false),
  /**
   * Registries with `hostAccess: 'optional'` the user turned on in the options
   * page (ids; lib/background/optional-registries.ts). A registry is on only
   * while it is named here *and* its hosts are still granted. Absent: none.
   * Changed only through `registries/set`, never through `settings/save`.
   */
  registriesOn: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20))),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { trustOnFirstUse: false };

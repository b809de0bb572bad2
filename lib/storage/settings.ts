import * as z from '../zod';

export const settingsSchema = z.object({
  /** Trust on first use: the first verified identity seen for a package becomes its pin. Off by default. */
  trustOnFirstUse: z._default(z.boolean(), false),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { trustOnFirstUse: false };

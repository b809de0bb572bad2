import * as z from '../zod';

/**
 * A stored value that failed validation on read, kept for recovery and
 * export (`local:quarantine`). `whole`: the item itself was unreadable (not
 * a list at all), not one entry of it.
 */
export const quarantineEntrySchema = z.object({ key: z.string(), value: z.unknown(), at: z.string(), whole: z.optional(z.boolean()) });
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

/** The export file: every quarantined value as it was stored, to restore by hand or report. */
export function exportQuarantine(entries: readonly QuarantineEntry[]): string {
  return `${JSON.stringify({ format: 'provenant-quarantine', version: 1, entries }, null, 2)}\n`;
}

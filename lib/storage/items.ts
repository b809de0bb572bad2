import { storage } from 'wxt/utils/storage';
import * as z from '../zod';
import { acknowledgementSchema, type Acknowledgement } from '../history/alerts';
import { packagePageSchema } from '../pages/package-page';
import { pinSchema, type Pin } from '../policy/pins';
import { verdictSchema } from '../policy/verdict';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from './settings';

/**
 * Every piece of persistent state, in one place. Items are versioned so a
 * later release can migrate them; reads are parsed with zod, and data that no
 * longer parses is set aside in `local:quarantine`, never silently dropped.
 */

/** Identity pins, per (ecosystem, package). v1. */
export const pinsItem = storage.defineItem<unknown[]>('local:pins', { fallback: [], version: 1 });

/** User settings. v1. */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** Stored values that failed validation on read, kept for recovery and export. */
export const quarantineItem = storage.defineItem<{ key: string; value: unknown; at: string }[]>('local:quarantine', { fallback: [] });

/**
 * Verdict cache keyed by `ecosystem:package@version`; each entry records the
 * artifact digests it was computed for. Survives worker restarts.
 */
export const verdictCacheEntrySchema = z.object({
  verdict: verdictSchema,
  storedAt: z.string(),
  expiresAt: z.string(),
});
export type VerdictCacheEntry = z.infer<typeof verdictCacheEntrySchema>;
export const verdictCacheItem = storage.defineItem<Record<string, unknown>>('local:verdictCache', { fallback: {}, version: 1 });

/** Alerts the user acknowledged as expected (per package, or package and version). v1. */
export const acksItem = storage.defineItem<unknown[]>('local:acks', { fallback: [], version: 1 });

export async function readAcks(): Promise<Acknowledgement[]> {
  const raw = await acksItem.getValue();
  const acks: Acknowledgement[] = [];
  for (const value of Array.isArray(raw) ? raw : []) {
    const parsed = acknowledgementSchema.safeParse(value);
    if (parsed.success) acks.push(parsed.data);
    else await quarantine('acks', value);
  }
  return acks;
}

export async function writeAcks(acks: Acknowledgement[]): Promise<void> {
  await acksItem.setValue(acks.map((a) => acknowledgementSchema.parse(a)));
}

/** What each tab shows; session storage survives a worker restart but not the browser. */
export const tabEntrySchema = z.object({ page: z.optional(packagePageSchema), key: z.optional(z.string()) });
export const tabsItem = storage.defineItem<Record<string, unknown>>('session:tabs', { fallback: {} });

async function quarantine(key: string, value: unknown): Promise<void> {
  const list = await quarantineItem.getValue();
  list.push({ key, value, at: new Date().toISOString() });
  await quarantineItem.setValue(list.slice(-100));
}

export async function readPins(): Promise<Pin[]> {
  const raw = await pinsItem.getValue();
  const pins: Pin[] = [];
  for (const value of Array.isArray(raw) ? raw : []) {
    const parsed = pinSchema.safeParse(value);
    if (parsed.success) pins.push(parsed.data);
    else await quarantine('pins', value);
  }
  return pins;
}

export async function writePins(pins: Pin[]): Promise<void> {
  await pinsItem.setValue(pins.map((p) => pinSchema.parse(p)));
}

export async function readSettings(): Promise<Settings> {
  const raw = await settingsItem.getValue();
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await quarantine('settings', raw);
  return DEFAULT_SETTINGS;
}

export async function writeSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(settings));
}

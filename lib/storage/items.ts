import { storedItem, type StoredItem } from './stored-item';
import * as z from '../zod';
import { acknowledgementSchema, alertLevelSchema, type Acknowledgement } from '../history/alerts';
import { packagePageSchema } from '../pages/package-page';
import { liftLegacyPin, pinSchema, type Pin } from '../policy/pins';
import { quarantineEntrySchema, type QuarantineEntry } from './quarantine';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from './settings';
import { STORED_TRUST_VERSION } from '../trust/stored-trust';

/**
 * Every piece of persistent state, in one place. Items are versioned so a
 * later release can migrate them; reads are parsed with zod, and data that no
 * longer parses is set aside in `local:quarantine`, never silently dropped.
 */

/**
 * Identity pins, per (ecosystem, package).
 * v1 (and unversioned, as first stored): one identity's fields beside the package.
 * v2: `identities`, the accepted identities ("any of these"); see migratePinEntry.
 */
export const PINS_VERSION = 2;
export const pinsItem = storedItem<unknown[]>('local:pins', { fallback: [], version: PINS_VERSION });

/**
 * The one migration of a stored pin to the current shape, from the version
 * it was written with. Entries are migrated as they are read and stored in
 * the new shape at the next write; one that cannot be migrated is returned
 * unchanged in meaning, fails the schema, and is quarantined in its stored form.
 */
export function migratePinEntry(value: unknown, storedVersion: number | undefined): unknown {
  if (storedVersion !== undefined && storedVersion >= 2) return value;
  return liftLegacyPin(value);
}

/** User settings. v1. */
export const settingsItem = storedItem<unknown>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** Stored values that failed validation on read, kept for recovery and export (lib/storage/quarantine.ts). */
export const quarantineItem = storedItem<QuarantineEntry[]>('local:quarantine', { fallback: [] });

/** What the options page lists and exports: every quarantined value, read defensively. */
export async function readQuarantine(): Promise<QuarantineEntry[]> {
  const raw = await quarantineItem.getValue();
  return (Array.isArray(raw) ? raw : []).flatMap((q) => {
    const parsed = quarantineEntrySchema.safeParse(q);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Report cache, keyed by release (`ecosystem:package@version`, or the page's
 * `#latest` alias); each entry is the whole report (with the artifacts and
 * their digests) and its expiry. Survives worker restarts.
 */
export const verdictCacheItem = storedItem<Record<string, unknown>>('local:verdictCache', { fallback: {}, version: 1 });

/**
 * Live trust material (lib/trust/stored-trust.ts): the last TUF metadata and
 * targets verified from Sigstore's repository, and the last refresh attempt. v1.
 */
export const trustItem = storedItem<unknown>('local:trust', { fallback: {}, version: STORED_TRUST_VERSION });

/** The same for GitHub's own Sigstore instance (tuf-repo.github.com; lib/trust/github-trust.ts). v1. */
export const githubTrustItem = storedItem<unknown>('local:trustGithub', { fallback: {}, version: STORED_TRUST_VERSION });

/**
 * The user's GitHub token (options page), or nothing. Local to this browser
 * (storage.local, never storage.sync) and sent only to api.github.com
 * (lib/registries/github/github-fetch.ts); no message ever carries it back out. v1.
 */
export const githubTokenItem = storedItem<unknown>('local:githubToken', { fallback: null, version: 1 });

/**
 * GitHub's attestation answers per (repository, asset digest), as served
 * (lib/registries/github/stored-attestation-cache.ts): bounded, oldest dropped. v1.
 */
export const githubAttestationsItem = storedItem<unknown>('local:githubAttestations', { fallback: [], version: 1 });

/** Alerts the user acknowledged as expected (per package, or package and version). v1. */
export const acksItem = storedItem<unknown[]>('local:acks', { fallback: [], version: 1 });

export function readAcks(): Promise<Acknowledgement[]> {
  return readList(acksItem, acknowledgementSchema, 'acks');
}

export async function writeAcks(acks: Acknowledgement[]): Promise<void> {
  await acksItem.setValue(acks.map((a) => acknowledgementSchema.parse(a)));
}

/** What each tab shows; session storage survives a worker restart but not the browser. */
/** What a tab's content script last reported, and the history alerts the toolbar shows for it. */
export const tabEntrySchema = z.object({ page: z.optional(packagePageSchema), key: z.optional(z.string()), alerts: z.optional(z.array(z.string())), alertLevel: z.optional(alertLevelSchema) });
export const tabsItem = storedItem<Record<string, unknown>>('session:tabs', { fallback: {} });

/** The entries that parse; each one that does not goes to quarantine, the rest stay usable. */
async function readList<T>(item: StoredItem<unknown[]>, schema: z.ZodMiniType<T>, key: string, migrate?: (value: unknown, version: number | undefined) => unknown): Promise<T[]> {
  const raw = await item.getValue();
  const version = migrate ? await item.getVersion() : undefined;
  const out: T[] = [];
  // Not a list at all (a bug, another tool, a hand edit): read as empty, but
  // the whole value is kept, so the next save cannot lose it (issue 11, finding 6).
  if (!Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) await quarantine(key, raw, true);
    return out;
  }
  for (const value of raw) {
    const parsed = schema.safeParse(migrate ? migrate(value, version) : value);
    if (parsed.success) out.push(parsed.data);
    else await quarantine(key, value);
  }
  return out;
}

/**
 * Keeps a copy of a stored value that no longer parses. A bad entry stays in
 * place until the next write of its item and is met again on every read, so it
 * is kept once, not once per read (which would push everything else out).
 */
async function quarantine(key: string, value: unknown, whole = false): Promise<void> {
  const text = JSON.stringify(value);
  await updateItem(quarantineItem, (list) => {
    if (list.some((q) => q.key === key && JSON.stringify(q.value) === text)) return list;
    return capQuarantine([...list, { key, value, at: new Date().toISOString(), ...(whole ? { whole: true } : {}) }]);
  });
}

const QUARANTINE_CAP = 100;

/** The last QUARANTINE_CAP entries; whole items are kept before single entries, as they are all a user had. */
function capQuarantine(list: QuarantineEntry[]): QuarantineEntry[] {
  let excess = list.length - QUARANTINE_CAP;
  if (excess <= 0) return list;
  const out: QuarantineEntry[] = [];
  for (const q of list) {
    if (excess > 0 && !q.whole) {
      excess--;
      continue;
    }
    out.push(q);
  }
  return out.slice(-QUARANTINE_CAP);
}

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every earlier task queued on the same item, in this worker. */
function queued<R>(item: object, task: () => Promise<R>): Promise<R> {
  const previous = queues.get(item) ?? Promise.resolve();
  const done = previous.then(task, task);
  queues.set(item, done);
  return done;
}

/**
 * Read-modify-write of one item. Updates of the same item are queued, so two
 * concurrent ones (two tabs opening at once, two verdicts landing together,
 * a first-use pin while the popup saves one) cannot each write back a copy
 * missing the other's change. `change` gets a copy: an item hands out its
 * `fallback` object itself while nothing is stored, and mutating that would
 * leak into every later read of an empty item.
 */
export function updateItem<T>(item: StoredItem<T>, change: (value: T) => T): Promise<void> {
  return queued(item, async () => {
    await item.setValue(change(structuredClone(await item.getValue())));
  });
}

/** Pins changed as one queued step; returns the pins as written. */
export function changePins(change: (pins: Pin[]) => Pin[]): Promise<Pin[]> {
  return queued(pinsItem, async () => {
    const next = change(await readPins());
    await writePins(next);
    return next;
  });
}

/** Acknowledgements changed as one queued step; returns them as written. */
export function changeAcks(change: (acks: Acknowledgement[]) => Acknowledgement[]): Promise<Acknowledgement[]> {
  return queued(acksItem, async () => {
    const next = change(await readAcks());
    await writeAcks(next);
    return next;
  });
}

export function readPins(): Promise<Pin[]> {
  return readList(pinsItem, pinSchema, 'pins', migratePinEntry);
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

/** Settings changed as one queued step (the options page and the registry switch may write at once); returns them as written. */
export function changeSettings(change: (settings: Settings) => Settings): Promise<Settings> {
  return queued(settingsItem, async () => {
    const next = settingsSchema.parse(change(await readSettings()));
    await writeSettings(next);
    return next;
  });
}

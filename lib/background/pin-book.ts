import { pinFileSchema, pinKey, pinSchema, type Pin } from '../policy/pins';
import { normalizePackageName } from './release-key';
import { zodIssue } from '../errors/zod-issue';

export class PinImportError extends Error {
  override readonly name = 'PinImportError';
}

/** Pins keyed by (ecosystem, normalized package); later entries win. */
export function upsertPin(pins: readonly Pin[], pin: Pin, replace?: { ecosystem: string; package: string }): Pin[] {
  const normalized = { ...pin, package: normalizePackageName(pin.ecosystem, pin.package) };
  const drop = new Set([pinKey(normalized.ecosystem, normalized.package)]);
  if (replace) drop.add(pinKey(replace.ecosystem, replace.package));
  return [...pins.filter((p) => !drop.has(pinKey(p.ecosystem, p.package))), normalized];
}

export function removePin(pins: readonly Pin[], ecosystem: string, pkg: string): Pin[] {
  return pins.filter((p) => pinKey(p.ecosystem, p.package) !== pinKey(ecosystem, pkg));
}

export function exportPins(pins: readonly Pin[]): string {
  return `${JSON.stringify({ format: 'provenant-pins', version: 1, pins }, null, 2)}\n`;
}

/**
 * Parses an exported pin file. All or nothing: one bad pin rejects the whole
 * file with a message naming it, so an import never half-applies.
 */
export function parsePinFile(text: string): Pin[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PinImportError(`The file is not JSON (${(e as Error).message}).`);
  }
  const parsed = pinFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new PinImportError(`The file is not a Provenant pin export at ${zodIssue(parsed.error, 'its top level')}.`);
  }
  return parsed.data.pins.map((p) => pinSchema.parse({ ...p, source: 'import' }));
}

/**
 * The pins after an import: imported pins replace the existing pin of their
 * package (and moved to the end, as upsertPin does). One map pass, so an
 * import of thousands of pins is linear (issue 11, finding 10: a 12,834-pin
 * import took 9 s with one upsert per pin).
 */
export function mergeImported(existing: readonly Pin[], imported: readonly Pin[]): Pin[] {
  const byKey = new Map<string, Pin>();
  for (const pin of existing) byKey.set(pinKey(pin.ecosystem, normalizePackageName(pin.ecosystem, pin.package)), pin);
  for (const pin of imported) {
    const normalized = { ...pin, package: normalizePackageName(pin.ecosystem, pin.package) };
    const key = pinKey(normalized.ecosystem, normalized.package);
    byKey.delete(key);
    byKey.set(key, normalized);
  }
  return [...byKey.values()];
}

/** The fields of a pin that constrain an identity. */
const CONSTRAINING = ['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'refPattern', 'environment', 'issuer', 'email', 'builder'] as const;

export interface PinWeakening {
  ecosystem: Pin['ecosystem'];
  package: string;
  /** Fields the existing pin constrains that the imported one drops or changes. */
  fields: string[];
}

/**
 * Which existing pins an import would weaken or change: a field the existing
 * pin names that the imported pin leaves out or sets differently (issue 11,
 * finding 10: an import silently replaced a pin with a weaker one). Adding
 * constraints is not a weakening. One pass over each list.
 */
export function importWeakenings(existing: readonly Pin[], imported: readonly Pin[]): PinWeakening[] {
  const current = new Map(existing.map((p) => [pinKey(p.ecosystem, normalizePackageName(p.ecosystem, p.package)), p]));
  const last = new Map(imported.map((p) => [pinKey(p.ecosystem, normalizePackageName(p.ecosystem, p.package)), p]));
  const out: PinWeakening[] = [];
  for (const [key, next] of last) {
    const before = current.get(key);
    if (!before) continue;
    const fields = CONSTRAINING.filter((f) => before[f] !== undefined && before[f] !== next[f]);
    if (fields.length > 0) out.push({ ecosystem: before.ecosystem, package: before.package, fields: [...fields] });
  }
  return out;
}

export function describeWeakenings(list: readonly PinWeakening[]): string {
  const shown = list.slice(0, 5).map((w) => `${w.package} (${w.fields.join(', ')})`);
  const more = list.length > shown.length ? ` and ${list.length - shown.length} more` : '';
  return `This import would drop or change what ${list.length === 1 ? 'a pin checks' : `${list.length} pins check`}: ${shown.join('; ')}${more}. Import it anyway only if you expected that.`;
}


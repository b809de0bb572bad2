import { liftLegacyPin, PIN_IDENTITY_FIELDS, pinFileSchema, pinKey, pinSchema, type Pin, type PinIdentity } from '../policy/pins';
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
  return `${JSON.stringify({ format: 'provenant-pins', version: 2, pins }, null, 2)}\n`;
}

/**
 * Parses an exported pin file: version 2 (pins with `identities`) or version
 * 1 (one identity per pin, as exported before pins held a set). All or
 * nothing: one bad pin rejects the whole file with a message naming it, so
 * an import never half-applies.
 */
export function parsePinFile(text: string): Pin[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PinImportError(`The file is not JSON (${(e as Error).message}).`);
  }
  const parsed = pinFileSchema.safeParse(liftLegacyFile(json));
  if (!parsed.success) {
    throw new PinImportError(`The file is not a Provenant pin export at ${zodIssue(parsed.error, 'its top level')}.`);
  }
  return parsed.data.pins.map((p) => pinSchema.parse({ ...p, source: 'import' }));
}

/** A version 1 file read as version 2: each pin's one identity becomes its list of one. */
function liftLegacyFile(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || (json as { version?: unknown }).version !== 1) return json;
  const file = json as { pins?: unknown };
  return { ...file, version: 2, pins: Array.isArray(file.pins) ? file.pins.map(liftLegacyPin) : file.pins };
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

export interface PinWeakening {
  ecosystem: Pin['ecosystem'];
  package: string;
  /** Fields an existing accepted identity constrains that an imported one drops or changes. */
  fields: string[];
  /** How many imported identities the existing pin did not already accept (each one is a publisher the pin now lets through). */
  added: number;
  /** The imported pin accepts more identities than the existing one. */
  widened: boolean;
}

/**
 * The fields of `existing` that `candidate` drops or changes: empty when
 * the candidate is at least as strict (it names every field `existing`
 * names, with the same value, and may add more).
 */
function loosened(existing: PinIdentity, candidate: PinIdentity): string[] {
  return PIN_IDENTITY_FIELDS.filter((f) => existing[f] !== undefined && existing[f] !== candidate[f]);
}

/**
 * Which existing pins an import would weaken or change (issue 11, finding
 * 10: an import silently replaced a pin with a weaker one). An imported
 * identity weakens a pin unless one of the pin's accepted identities is
 * already at least as strict, so adding an accepted identity to a pin is a
 * weakening; dropping one, or adding constraints, is not. Linear in the
 * number of pins; per pin, identities × identities (both capped).
 */
export function importWeakenings(existing: readonly Pin[], imported: readonly Pin[]): PinWeakening[] {
  const current = new Map(existing.map((p) => [pinKey(p.ecosystem, normalizePackageName(p.ecosystem, p.package)), p]));
  const last = new Map(imported.map((p) => [pinKey(p.ecosystem, normalizePackageName(p.ecosystem, p.package)), p]));
  const out: PinWeakening[] = [];
  for (const [key, next] of last) {
    const before = current.get(key);
    if (!before) continue;
    const fields = new Set<string>();
    let added = 0;
    for (const candidate of next.identities) {
      // Measured against the existing identity it loosens least.
      let least: string[] | undefined;
      for (const accepted of before.identities) {
        const f = loosened(accepted, candidate);
        if (!least || f.length < least.length) least = f;
      }
      if (least && least.length > 0) {
        added++;
        for (const f of least) fields.add(f);
      }
    }
    if (added > 0) out.push({ ecosystem: before.ecosystem, package: before.package, fields: PIN_IDENTITY_FIELDS.filter((f) => fields.has(f)), added, widened: next.identities.length > before.identities.length });
  }
  return out;
}

export function describeWeakenings(list: readonly PinWeakening[]): string {
  const shown = list.slice(0, 5).map((w) => `${w.package} (${w.fields.join(', ')})${w.widened ? ', accepting another identity' : ''}`);
  const more = list.length > shown.length ? ` and ${list.length - shown.length} more` : '';
  return `This import would drop or change what ${list.length === 1 ? 'a pin checks' : `${list.length} pins check`}: ${shown.join('; ')}${more}. Import it anyway only if you expected that.`;
}


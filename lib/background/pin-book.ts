import * as z from '../zod';
import { pinFileSchema, pinKey, pinSchema, type Pin } from '../policy/pins';
import { normalizePackageName } from './release-key';

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
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new PinImportError(`The file is not a Provenant pin export${where}: ${issue?.message ?? 'invalid'}.`);
  }
  // Each pin parsed already, with the file; parsing it again doubled the time of a large import.
  return parsed.data.pins.map((p) => ({ ...p, source: 'import' as const }));
}

/**
 * The pins after an import: as if each imported pin were upserted in turn
 * (same order, later entries win), in one pass. Upserting one by one copies
 * the whole list per pin: a 12,834-pin file took 10 s.
 */
export function mergeImported(existing: readonly Pin[], imported: readonly Pin[]): Pin[] {
  // Each key's last imported pin, in the order of those last occurrences (Map
  // order after delete + set), which is where upsertPin leaves them.
  const last = new Map<string, Pin>();
  for (const pin of imported) {
    const normalized = { ...pin, package: normalizePackageName(pin.ecosystem, pin.package) };
    const key = pinKey(normalized.ecosystem, normalized.package);
    last.delete(key);
    last.set(key, normalized);
  }
  return [...existing.filter((p) => !last.has(pinKey(p.ecosystem, p.package))), ...last.values()];
}

export const pinListSchema = z.array(pinSchema);

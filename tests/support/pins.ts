import { PIN_IDENTITY_FIELDS, pinSchema, type Pin } from '../../lib/policy/pins';

/**
 * A pin accepting one identity, written the short way tests had before pins
 * held a set: the identity's fields beside the package. Split by hand here
 * (not by the storage migration), so tests of the migration stay independent.
 */
export function onePin(flat: Record<string, unknown>): Pin {
  return pinSchema.parse(onePinRaw(flat));
}

/** The same, unparsed: what a test stores or sends as a current-shape pin. */
export function onePinRaw(flat: Record<string, unknown>): Record<string, unknown> {
  const identity: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) ((PIN_IDENTITY_FIELDS as readonly string[]).includes(k) ? identity : rest)[k] = v;
  return { ...rest, identities: [identity] };
}

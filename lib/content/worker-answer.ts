/**
 * Reading the worker's answers in the content script, by hand and without zod
 * (lib/content/badge-verdict.ts says why): the shared first steps of the
 * badge's and the details panel's readers.
 */
export type Bag = Record<string, unknown>;

export const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);

const errorText = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 2048 ? v : undefined);

/** The value of the protocol's envelope (`{ok: true, value}`); its error, or anything else, throws. */
export function unwrap(envelope: unknown): unknown {
  if (isBag(envelope) && envelope.ok === true) return envelope.value;
  const error = isBag(envelope) && isBag(envelope.error) ? envelope.error : {};
  throw new Error(errorText(error.message) || errorText(error.code) || 'no answer');
}

import { browser, type PublicPath } from 'wxt/browser';
import { ProvenantError } from '../errors/provenant-error';
import * as z from '../zod';

/**
 * The trust seeds are packaged files under public/trust/ (written at build
 * time by scripts/public-good-seed.mjs and scripts/github-trust-seed.mjs), not
 * part of the worker's bundle (issue 14). They are trust material, so what is
 * read is checked before it can become a seed, and a seed that cannot be read
 * or checked is TRUST_ROOT_INVALID: nothing verifies against it.
 */

/** The TUF root.json a refresh starts from (its signatures are checked by the refresh, lib/trust/tuf-update.ts). */
export const tufRootFile = z.looseObject({ signed: z.looseObject({ _type: z.literal('root'), version: z.number(), expires: z.string() }) });

/** A Sigstore trusted_root.json (checked in full when loaded, lib/verify/trust-root.ts). */
export const trustedRootFile = z.looseObject({ mediaType: z.string().check(z.startsWith('application/vnd.dev.sigstore.trustedroot')) });


/** Reads a packaged file from the extension itself (never web-accessible: only extension contexts can fetch it). */
export async function readPackagedJSON(path: PublicPath, what: string): Promise<unknown> {
  try {
    const response = await fetch(browser.runtime.getURL(path));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  } catch (e) {
    throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `${what} could not be read: ${(e as Error).message}`, { cause: e });
  }
}

/** The schema's verdict on a seed file, as TRUST_ROOT_INVALID when it does not match. */
export function checkSeedFile<T>(schema: z.ZodMiniType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ProvenantError('verify', 'TRUST_ROOT_INVALID', `${what} does not match the schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

import type * as z from '../../zod';
import { ProvenantError } from '../../errors/provenant-error';
import { parseVersionList, type VersionList } from './schema';
import { versionsUrl } from './names';

/**
 * GET a rubygems.org API URL and return its JSON, throwing RegistryError
 * (NOT_FOUND for 404; retryable codes for 429, 5xx, time-outs). The worker
 * will pass `(url) => fetchRegistryJSON(client, url, z.unknown())` (bounded,
 * no credentials, no redirects) once the registry descriptor adds
 * rubygems.org to the hosts lib/net/registry-fetch.ts allows, which today
 * are PyPI's and npm's only; every response is parsed here with zod.
 */
export type RubygemsFetchJson = (url: string) => Promise<unknown>;

export function parseResponse<S extends z.ZodMiniType>(url: string, schema: S, json: unknown): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The gem's versions list; a response that is not a list is MALFORMED_RESPONSE, single bad records are skipped (./schema.ts). */
export async function fetchVersionList(fetchJson: RubygemsFetchJson, name: string): Promise<VersionList> {
  const url = versionsUrl(name);
  const json = await fetchJson(url);
  try {
    return parseVersionList(json);
  } catch (e) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: ${(e as Error).message}`);
  }
}

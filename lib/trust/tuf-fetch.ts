import { readLimited } from '../net/read-limited';
import { ProvenantError } from '../errors/provenant-error';

/**
 * The only fetcher that talks to Sigstore's TUF CDN. Kept apart from
 * lib/net/registry-fetch.ts so the registry client's host list stays the
 * registries: this one reaches exactly one origin, by relative path, with no
 * cookies, no redirects, a deadline and a byte limit per file (TUF 1.0 §5
 * asks for upper bounds on every download, or an endless-data attack stalls
 * the client).
 */
export const TUF_ORIGIN = 'https://tuf-repo-cdn.sigstore.dev';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Fetches one repository file; `undefined` when the CDN says it is not there:
 * 404, or 403, which a bucket without list access answers for absent objects
 * (tuf-js ends the root walk on both too). Treating it as "absent" gives an
 * attacker nothing a dropped connection would not: expiry still catches a freeze.
 */
export type TufFetch = (path: string, maxBytes: number) => Promise<Uint8Array | undefined>;

export function tufFetcher(options: { fetchImpl?: FetchLike; timeoutMs?: number; origin?: string } = {}): TufFetch {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const origin = options.origin ?? TUF_ORIGIN;
  return async (path, maxBytes) => {
    // Paths come from signed metadata; still, nothing may climb out of the repository.
    if (!/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(path) || path.split('/').some((p) => p === '..' || p === '.')) {
      throw new ProvenantError('trust', 'MALFORMED', `refusing repository path ${JSON.stringify(path.slice(0, 100))}`);
    }
    const url = `${origin}/${path}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        // `no-store`: timestamp.json must be fresh, and a stale cached copy would look like a freeze.
        response = await fetchImpl(url, { signal: controller.signal, credentials: 'omit', redirect: 'error', cache: 'no-store' });
      } catch (e) {
        if (controller.signal.aborted) throw new ProvenantError('trust', 'TIMEOUT', `${url}: no answer within ${timeoutMs} ms`);
        throw new ProvenantError('trust', 'NETWORK', `${url}: ${(e as Error).message}`);
      }
      if (response.status === 404 || response.status === 403) {
        await response.body?.cancel().catch(() => undefined);
        return undefined;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new ProvenantError('trust', 'HTTP_STATUS', `${url}: HTTP ${response.status}`);
      }
      return await readLimited(response, url, maxBytes, controller.signal, (code, message) => new ProvenantError('trust', code, message));
    } finally {
      clearTimeout(timer);
    }
  };
}


import { readLimited } from '../../net/read-limited';
import type * as z from '../../zod';
import { githubError, malformedAnswer } from './errors';
import { ProvenantError } from '../../errors/provenant-error';
import { GITHUB_API_ORIGIN } from './page';

/**
 * The two kinds of request the GitHub adapter makes, kept apart on purpose:
 * - the REST API at api.github.com, the only place a token is ever sent;
 * - the attestation storage a `bundle_url` points to (another host), fetched
 *   without credentials or token: the URL carries its own access signature,
 *   and a token sent there would leak to a third party.
 * Neither follows redirects; both have a deadline and a byte limit.
 */

/** Hosts a `bundle_url` may point to (lib/net/host-permissions.ts lists them as optional permissions). */
export const BUNDLE_HOSTS: ReadonlySet<string> = new Set(['tmaproduction.blob.core.windows.net']);

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface GithubClient {
  fetchImpl: FetchLike;
  /** A token from the options page; sent only to api.github.com. Unauthenticated: 60 requests an hour. */
  token?: string | undefined;
  timeoutMs: number;
  maxBytes: number;
}

export function githubClient(overrides: Partial<GithubClient> = {}): GithubClient {
  return {
    fetchImpl: overrides.fetchImpl ?? ((input, init) => fetch(input, init)),
    token: overrides.token,
    timeoutMs: overrides.timeoutMs ?? 10_000,
    maxBytes: overrides.maxBytes ?? 8 * 1024 * 1024,
  };
}

/**
 * GET an API URL and parse its JSON with `schema`; `undefined` on 404 (the
 * caller decides: no release, or no attestation for a digest).
 */
export async function fetchApiJSON<S extends z.ZodMiniType>(client: GithubClient, url: string, schema: S): Promise<z.infer<S> | undefined> {
  if (!url.startsWith(`${GITHUB_API_ORIGIN}/`)) throw githubError('INTERNAL_ERROR', `not an API URL: ${url.slice(0, 200)}`);
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  const bytes = await request(client, url, headers, 'API_ERROR');
  if (bytes === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw malformedAnswer(`${url}: body is not JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformedAnswer(`${url}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The raw (snappy-compressed) bundle at a `bundle_url`: no token, no cookies, known hosts only. */
export async function fetchBundleBytes(client: GithubClient, url: string): Promise<Uint8Array> {
  let host: string | undefined;
  try {
    const u = new URL(url);
    host = u.protocol === 'https:' && u.port === '' ? u.hostname : undefined;
  } catch {
    host = undefined;
  }
  if (!host || !BUNDLE_HOSTS.has(host)) throw githubError('BUNDLE_UNREADABLE', `bundle_url is not on a known attestation host: ${url.slice(0, 200)}`);
  const bytes = await request(client, url, {}, 'BUNDLE_UNAVAILABLE');
  if (bytes === undefined) throw githubError('BUNDLE_UNAVAILABLE', `${host}: 404`);
  return bytes;
}

async function request(client: GithubClient, url: string, headers: Record<string, string>, failCode: 'API_ERROR' | 'BUNDLE_UNAVAILABLE'): Promise<Uint8Array | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), client.timeoutMs);
  const where = url.split('?')[0]!.slice(0, 300);
  try {
    let response: Response;
    try {
      response = await client.fetchImpl(url, { headers, signal: controller.signal, credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' });
    } catch (e) {
      throw githubError(failCode, controller.signal.aborted ? `${where}: no answer within ${client.timeoutMs} ms` : `${where}: ${(e as Error).message}`);
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw statusError(where, response, failCode, client.token !== undefined && failCode === 'API_ERROR');
    }
    return await readLimited(response, where, client.maxBytes, controller.signal, (code, message) =>
      code === 'TOO_LARGE' ? new ProvenantError('registry', 'TOO_LARGE', message) : githubError(failCode, message),
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GitHub says "rate limited" with 403 or 429 and `x-ratelimit-remaining: 0`
 * (primary limit), or 403/429 with `retry-after` (secondary limit); a 403
 * without either is a refusal, not a limit.
 */
function statusError(where: string, response: Response, failCode: 'API_ERROR' | 'BUNDLE_UNAVAILABLE', withToken: boolean): ProvenantError<'release'> {
  const s = response.status;
  const remaining = response.headers.get('x-ratelimit-remaining');
  const retryAfter = response.headers.get('retry-after');
  if (failCode === 'API_ERROR' && (s === 403 || s === 429) && (remaining === '0' || retryAfter !== null)) {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const limit = response.headers.get('x-ratelimit-limit');
    const when = Number.isFinite(reset) && reset > 0 ? `resets at ${new Date(reset * 1000).toISOString()}` : retryAfter !== null ? `retry after ${retryAfter.slice(0, 20)} s` : 'reset time not given';
    return githubError('GITHUB_RATE_LIMITED', `${where}: HTTP ${s}, limit ${limit ?? '?'} requests an hour${withToken ? ' (with token)' : ' (no token)'}, ${when}`);
  }
  if (failCode === 'API_ERROR' && s === 401) return githubError('TOKEN_REJECTED', `${where}: HTTP 401`);
  return githubError(failCode, `${where}: HTTP ${s}`);
}

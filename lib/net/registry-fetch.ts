import type * as z from '../zod';
import { readLimited } from './read-limited';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import { zodIssue } from '../errors/zod-issue';
import { API_HOSTS } from '../registries/sites';

/** The only hosts Provenant ever requests: every registry's `apiHosts`. */
export const ALLOWED_HOSTS: ReadonlySet<string> = API_HOSTS;

export interface FetchPolicy {
  timeoutMs: number;
  /** Attempts in total, including the first. */
  attempts: number;
  /** Base back-off; doubled per retry, capped by Retry-After when it is shorter than maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  maxBytes: number;
}

export const DEFAULT_POLICY: FetchPolicy = {
  timeoutMs: 10_000,
  attempts: 3,
  backoffMs: 500,
  maxBackoffMs: 5_000,
  maxBytes: 8 * 1024 * 1024,
};

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RegistryClient {
  fetchImpl: FetchLike;
  policy: FetchPolicy;
  sleep: (ms: number) => Promise<void>;
}

export function registryClient(overrides: Partial<RegistryClient> & { policy?: Partial<FetchPolicy> } = {}): RegistryClient {
  return {
    fetchImpl: overrides.fetchImpl ?? ((input, init) => fetch(input, init)),
    policy: { ...DEFAULT_POLICY, ...overrides.policy },
    sleep: overrides.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
  };
}

/**
 * GET a registry URL and parse its JSON body with `schema`.
 * 404 → NOT_FOUND (callers decide whether that means "absent"); 429/5xx,
 * time-outs and network failures are retried with back-off, then reported
 * as retryable errors; everything else is a typed error, never a crash.
 */
export async function fetchRegistryJSON<S extends z.ZodMiniType>(
  client: RegistryClient,
  url: string,
  schema: S,
  init: { accept?: string } = {},
): Promise<z.infer<S>> {
  const bytes = await fetchRegistryBytes(client, url, { accept: init.accept ?? 'application/json' });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: body is not JSON (${(e as Error).message})`);
  }
  // Later steps walk and re-serialise parts of the response recursively
  // (JSON.stringify, zod): a response nested thousands deep would overflow
  // the stack there (issue 11, finding 8). Real ones are about ten deep.
  if (nestedDeeperThan(json, MAX_JSON_DEPTH)) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: ${zodIssue(parsed.error)}`);
  }
  return parsed.data;
}

export const MAX_JSON_DEPTH = 64;

/** Whether arrays and objects nest deeper than `max`; iterative, so any depth can be measured. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export async function fetchRegistryBytes(client: RegistryClient, url: string, init: { accept?: string } = {}): Promise<Uint8Array> {
  const host = safeHost(url);
  if (!host || !ALLOWED_HOSTS.has(host)) throw new ProvenantError('registry', 'HOST_NOT_ALLOWED', url);
  const { policy } = client;
  let last: ProvenantError<'registry'> | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await fetchOnce(client, url, init.accept);
    } catch (e) {
      if (!(isProvenantError(e, 'registry')) || !e.retryable || attempt === policy.attempts) throw e;
      last = e;
      const backoff = Math.min(policy.backoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
      await client.sleep(retryAfterMs(e) ?? backoff);
    }
  }
  throw last ?? new ProvenantError('registry', 'NETWORK', url);
}

const retryAfter = new WeakMap<ProvenantError<'registry'>, number>();

function retryAfterMs(e: ProvenantError<'registry'>): number | undefined {
  return retryAfter.get(e);
}

async function fetchOnce(client: RegistryClient, url: string, accept: string | undefined): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), client.policy.timeoutMs);
  try {
    let response: Response;
    try {
      response = await client.fetchImpl(url, {
        headers: accept ? { accept } : {},
        signal: controller.signal,
        credentials: 'omit',
        redirect: 'error',
      });
    } catch (e) {
      if (controller.signal.aborted) throw new ProvenantError('registry', 'TIMEOUT', `${url}: no answer within ${client.policy.timeoutMs} ms`);
      throw new ProvenantError('registry', 'NETWORK', `${url}: ${(e as Error).message}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw statusError(url, response);
    }
    return await readLimited(response, url, client.policy.maxBytes, controller.signal, (code, message) => new ProvenantError('registry', code, message));
  } finally {
    clearTimeout(timer);
  }
}

function statusError(url: string, response: Response): ProvenantError<'registry'> {
  const s = response.status;
  const error =
    // Only 404 is "not there": callers read it as "no provenance", and a 410 from a cache or proxy must not become that.
    s === 404 ? new ProvenantError('registry', 'NOT_FOUND', url, { httpStatus: s })
    : s === 403 ? new ProvenantError('registry', 'FORBIDDEN', url, { httpStatus: s })
    : s === 406 ? new ProvenantError('registry', 'NOT_ACCEPTABLE', url, { httpStatus: s })
    : s === 429 ? new ProvenantError('registry', 'RATE_LIMITED', url, { httpStatus: s })
    : s >= 500 ? new ProvenantError('registry', 'SERVER_ERROR', `${url}: HTTP ${s}`, { httpStatus: s })
    : new ProvenantError('registry', 'UNEXPECTED_STATUS', `${url}: HTTP ${s}`, { httpStatus: s });
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0 && seconds <= 30) retryAfter.set(error, seconds * 1000);
  return error;
}


function safeHost(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Local HTTPS stand-in for the registries Provenant talks to.
 *
 * Chromium is started with --host-resolver-rules that point pypi.org, www.npmjs.com,
 * registry.npmjs.org and files.pythonhosted.org at this server, and with
 * --ignore-certificate-errors-spki-list set to the SPKI hash of the throw-away
 * certificate generated here, so pages, content scripts and the service worker all
 * talk to it as if it were the real host. Tests decide what each host answers through
 * a mutable route table and can read back every request that arrived.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Hosts the certificate covers and that the browser maps to this server. The
 * TUF CDN is here because the worker asks it at start (lib/trust/): unrouted,
 * it answers 404, a failed refresh that changes nothing.
 */
export const REPLAY_HOSTS = ['pypi.org', 'www.npmjs.com', 'registry.npmjs.org', 'files.pythonhosted.org', 'tuf-repo-cdn.sigstore.dev', 'rubygems.org'] as const;

export interface ReplayRequest {
  method: string;
  /** Host header without port, lower-cased. */
  host: string;
  /** Path including the query string, as sent. */
  path: string;
  /** Path without the query string. */
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Named groups (or positional captures as "1", "2", …) of a RegExp route. */
  params: Record<string, string>;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else is sent as JSON. */
  body?: string | Buffer | unknown;
  /** Wait this long before answering (to exercise time-outs and spinners). */
  delayMs?: number;
  /** Never answer; the socket is only closed by reset(), stop() or the client giving up. */
  hang?: boolean;
}

export type ReplayHandler = ReplayResponse | ((req: ReplayRequest) => ReplayResponse | Promise<ReplayResponse>);

export interface LoggedRequest {
  method: string;
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  time: number;
  /** Filled in when the answer was written; undefined while pending or for hung requests. */
  status?: number;
  /** False when no route matched (answered 404 / preflight). */
  matched: boolean;
}

export interface RouteHandle {
  /** Replace what this route answers from now on. */
  set(handler: ReplayHandler): void;
  remove(): void;
  /** How many requests this route has answered. */
  readonly hits: number;
}

interface RouteEntry {
  host: string;
  matcher: string | RegExp;
  handler: ReplayHandler;
  hits: number;
  method?: string;
}

export interface RouteOptions {
  /** Only match this HTTP method (default: any). */
  method?: string;
}

export interface ReplayServerOptions {
  /** Extra DNS names for the certificate. */
  extraHosts?: string[];
  /** Add `access-control-allow-origin: *` to every answer (default true). */
  cors?: boolean;
}

export interface ReplayServer {
  readonly port: number;
  /** base64(SHA-256(SubjectPublicKeyInfo DER)) for --ignore-certificate-errors-spki-list. */
  readonly spkiHash: string;
  /** PEM of the generated certificate (for node-side clients that want to trust it). */
  readonly certPem: string;
  readonly hosts: readonly string[];
  /** Every request received since start or the last reset(), in arrival order. */
  readonly requests: LoggedRequest[];
  /**
   * Answer requests for `host` (or '*' for any host) whose path matches. A string
   * matches the pathname exactly, or the full path if it contains '?'. A RegExp is
   * tested against the full path. The most recently added matching route wins, so a
   * test can override a default route and remove() the override afterwards.
   */
  route(host: string, path: string | RegExp, handler: ReplayHandler, options?: RouteOptions): RouteHandle;
  /** Requests for a host (and optionally a pathname prefix or RegExp over the full path). */
  requestsTo(host: string, path?: string | RegExp): LoggedRequest[];
  /** Wait until a request matching the predicate has been logged. */
  waitForRequest(predicate: (r: LoggedRequest) => boolean, timeoutMs?: number): Promise<LoggedRequest>;
  /** Clear routes and the request log and drop hung connections. */
  reset(): void;
  /** Clear only the request log. */
  clearLog(): void;
  stop(): Promise<void>;
}

/** Answers in turn; the last one repeats (e.g. `sequence(error(500), error(500), json(x))`). */
export function sequence(...handlers: ReplayHandler[]): ReplayHandler {
  if (handlers.length === 0) throw new Error('sequence() needs at least one handler');
  let i = 0;
  return (req) => {
    const h = handlers[Math.min(i, handlers.length - 1)]!;
    i++;
    return typeof h === 'function' ? h(req) : h;
  };
}

/** Fail `times` times with `status`, then answer with `then`. */
export function failThen(times: number, then: ReplayHandler, status = 500): ReplayHandler {
  return sequence(...Array.from({ length: times }, () => error(status)), then);
}

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): ReplayResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** An HTML answer. */
export function html(body: string, status = 200, headers: Record<string, string> = {}): ReplayResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

/** An error answer with a small JSON body. */
export function error(status: number, message = `replay: status ${status}`): ReplayResponse {
  return json({ message }, status);
}

/** Never answers. */
export function hang(): ReplayResponse {
  return { hang: true };
}

function requireOpenssl(): void {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
  } catch {
    throw new Error('replay-server: the `openssl` command is needed to make a test certificate (apt-get install -y openssl)');
  }
}

/** A fresh self-signed EC P-256 certificate for `hosts`; nothing is kept on disk. */
export function generateCertificate(hosts: readonly string[]): { keyPem: string; certPem: string; spkiHash: string } {
  requireOpenssl();
  const dir = mkdtempSync(join(tmpdir(), 'provenant-replay-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const cnfPath = join(dir, 'openssl.cnf');
    // A config file rather than -addext keeps the SAN list readable and lets us mark the
    // certificate as a server certificate; Chromium wants SANs, it ignores the CN.
    writeFileSync(
      cnfPath,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        'CN = provenant-replay',
        '[ext]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        `subjectAltName = ${hosts.map((h) => `DNS:${h}`).join(', ')}`,
        '',
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-new', '-nodes',
        '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-keyout', keyPath, '-out', certPath,
        '-days', '7', '-sha256', '-config', cnfPath,
      ],
      { stdio: 'pipe' },
    );
    const keyPem = readFileSync(keyPath, 'utf8');
    const certPem = readFileSync(certPath, 'utf8');
    const spkiDer = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    const spkiHash = createHash('sha256').update(spkiDer).digest('base64');
    return { keyPem, certPem, spkiHash };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function normaliseHost(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

function matchRoute(entry: RouteEntry, req: { method: string; host: string; path: string; pathname: string }) {
  if (entry.method && entry.method !== req.method) return null;
  if (entry.host !== '*' && entry.host !== req.host) return null;
  if (typeof entry.matcher === 'string') {
    const target = entry.matcher.includes('?') ? req.path : req.pathname;
    return target === entry.matcher ? {} : null;
  }
  entry.matcher.lastIndex = 0;
  const m = entry.matcher.exec(req.path);
  if (!m) return null;
  const params: Record<string, string> = {};
  m.slice(1).forEach((v, i) => {
    if (v !== undefined) params[String(i + 1)] = v;
  });
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) params[k] = v;
  return params;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const hosts = [...REPLAY_HOSTS, ...(options.extraHosts ?? [])];
  const cors = options.cors ?? true;
  const { keyPem, certPem, spkiHash } = generateCertificate(hosts);

  let routes: RouteEntry[] = [];
  const requests: LoggedRequest[] = [];
  const waiters = new Set<{ predicate: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }>();
  // Responses being delayed or hung, so reset()/stop() can cut them off.
  const pending = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  function log(entry: LoggedRequest) {
    requests.push(entry);
    for (const w of waiters) {
      if (w.predicate(entry)) {
        waiters.delete(w);
        w.resolve(entry);
      }
    }
  }

  function send(res: ServerResponse, entry: LoggedRequest, r: ReplayResponse) {
    const status = r.status ?? 200;
    const headers: Record<string, string> = {};
    if (cors) headers['access-control-allow-origin'] = '*';
    let body: Buffer;
    if (r.body === undefined || r.body === null) body = Buffer.alloc(0);
    else if (Buffer.isBuffer(r.body)) body = r.body;
    else if (typeof r.body === 'string') body = Buffer.from(r.body, 'utf8');
    else {
      body = Buffer.from(JSON.stringify(r.body), 'utf8');
      headers['content-type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
    if (!headers['cache-control']) headers['cache-control'] = 'no-store';
    headers['content-length'] = String(body.length);
    entry.status = status;
    res.writeHead(status, headers);
    res.end(entry.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? 'GET').toUpperCase();
    const host = normaliseHost(req.headers.host);
    const path = req.url ?? '/';
    const url = new URL(path, `https://${host || 'replay.invalid'}`);
    const entry: LoggedRequest = { method, host, path, headers: req.headers, time: Date.now(), matched: false };
    const body = await readBody(req);

    let found: { route: RouteEntry; params: Record<string, string> } | undefined;
    for (let i = routes.length - 1; i >= 0; i--) {
      const route = routes[i]!;
      const params = matchRoute(route, { method, host, path, pathname: url.pathname });
      if (params) {
        found = { route, params };
        break;
      }
    }
    entry.matched = !!found;
    log(entry);

    if (!found) {
      if (method === 'OPTIONS' && cors) {
        // CORS preflight for a route the test did not write explicitly.
        send(res, entry, {
          status: 204,
          headers: {
            'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
            'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
            'access-control-max-age': '0',
          },
        });
        return;
      }
      send(res, entry, { status: 404, body: { message: 'replay: no route', host, path } });
      return;
    }

    found.route.hits++;
    const { handler } = found.route;
    let r: ReplayResponse;
    try {
      r =
        typeof handler === 'function'
          ? await handler({ method, host, path, pathname: url.pathname, query: url.searchParams, headers: req.headers, body, params: found.params })
          : handler;
    } catch (e) {
      send(res, entry, { status: 500, body: { message: `replay handler threw: ${(e as Error).message}` } });
      return;
    }
    if (r.hang) {
      pending.add(res);
      res.on('close', () => pending.delete(res));
      return;
    }
    if (r.delayMs && r.delayMs > 0) {
      pending.add(res);
      const t = setTimeout(() => {
        timers.delete(t);
        pending.delete(res);
        if (!res.destroyed) send(res, entry, r);
      }, r.delayMs);
      timers.add(t);
      res.on('close', () => {
        clearTimeout(t);
        timers.delete(t);
        pending.delete(res);
      });
      return;
    }
    send(res, entry, r);
  }

  const server: Server = createServer({ key: keyPem, cert: certPem }, (req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      }
    });
  });
  // Chromium keeps connections alive; do not let idle sockets hold stop() up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  function dropPending() {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    for (const res of pending) res.destroy();
    pending.clear();
  }

  const api: ReplayServer = {
    port,
    spkiHash,
    certPem,
    hosts,
    requests,
    route(host, path, handler, opts = {}) {
      const entry: RouteEntry = { host: host.toLowerCase(), matcher: path, handler, hits: 0, method: opts.method?.toUpperCase() };
      routes.push(entry);
      return {
        set(h) {
          entry.handler = h;
        },
        remove() {
          routes = routes.filter((r) => r !== entry);
        },
        get hits() {
          return entry.hits;
        },
      };
    },
    requestsTo(host, path) {
      return requests.filter((r) => {
        if (r.host !== host) return false;
        if (path === undefined) return true;
        return typeof path === 'string' ? r.path.startsWith(path) : path.test(r.path);
      });
    },
    waitForRequest(predicate, timeoutMs = 10_000) {
      const already = requests.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const w = {
          predicate,
          resolve: (r: LoggedRequest) => {
            clearTimeout(t);
            resolve(r);
          },
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`replay: no matching request within ${timeoutMs} ms; saw ${requests.map((r) => `${r.host}${r.path}`).join(', ') || 'nothing'}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    reset() {
      routes = [];
      requests.length = 0;
      dropPending();
    },
    clearLog() {
      requests.length = 0;
    },
    async stop() {
      dropPending();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

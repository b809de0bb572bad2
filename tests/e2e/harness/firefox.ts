/**
 * Real Firefox ESR with the Firefox build of the extension installed, its network pointed
 * at the replay server through a local CONNECT proxy.
 *
 * Facts this relies on (measured on Firefox 153 ESR
 * with puppeteer-core 24 over WebDriver BiDi):
 * - Firefox has no host-resolver flag. Instead the profile points its HTTP and HTTPS
 *   proxies at startConnectProxy(), which tunnels CONNECTs for the registry hosts to the
 *   replay server and refuses everything else, recording it. Every request of every
 *   context (pages, content scripts, the extension's background) goes through it, so the
 *   proxy's refusals are what "left for another host" means here.
 * - `acceptInsecureCerts: true` turns off certificate checks for the whole browser,
 *   background fetches included, so the replay's self-signed certificate is accepted.
 * - `browser.installExtension(dir)` installs the unpacked build as a temporary add-on.
 * - Navigating to moz-extension:// pages is refused in this mode: the popup and options
 *   pages are tested in Chromium only.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from './browser.ts';
import type { ReplayServer } from './replay-server.ts';

export const DEFAULT_FIREFOX_EXTENSION_PATH = '.output/firefox-mv3';

/** The registries Provenant talks to (its manifest's host_permissions less the TUF CDN, which nothing fetches yet); only these are tunnelled. */
// With the TUF CDN, which the worker asks at start (lib/trust/).
export const REGISTRY_HOSTS = ['pypi.org', 'www.npmjs.com', 'registry.npmjs.org', 'tuf-repo-cdn.sigstore.dev'] as const;

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

/** True when the Firefox binary exists and is executable. */
export function haveFirefox(path = firefoxPath()): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Firefox build to install: PROVENANT_FIREFOX_EXTENSION_PATH, else .output/firefox-mv3 (absolute). */
export function firefoxExtensionPathFor(path = process.env.PROVENANT_FIREFOX_EXTENSION_PATH || DEFAULT_FIREFOX_EXTENSION_PATH): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

// ---------------------------------------------------------------------------------------
// The CONNECT proxy

export interface ConnectProxy {
  readonly port: number;
  /** `host:port` of every tunnel opened to the replay server, in order. */
  readonly tunnelled: string[];
  /** Everything refused: `CONNECT host:port` or `GET http://…`, in order. */
  readonly refused: string[];
  stop(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** Hosts tunnelled (port 443 only) to the target; anything else is refused. */
  hosts: readonly string[];
  /** Where tunnels go: the replay server. */
  target: { host: string; port: number };
}

/**
 * A minimal HTTP proxy: `CONNECT host:443` for an allowed host is piped to the target;
 * any other CONNECT and any plain proxied request gets a 403 and is recorded.
 */
export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const allowed = new Set(options.hosts.map((h) => h.toLowerCase()));
  const tunnelled: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const server: Server = createHttpServer((req, res) => {
    // A plain proxied request (http://…): nothing Provenant does is plain HTTP.
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('provenant e2e proxy: refused\n');
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = (req.url ?? '').toLowerCase();
    const m = /^([^:]+):(\d+)$/.exec(target);
    if (!m || m[2] !== '443' || !allowed.has(m[1]!)) {
      refused.push(`CONNECT ${target}`);
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    tunnelled.push(target);
    const upstream = connect(options.target.port, options.target.host);
    track(upstream);
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    tunnelled,
    refused,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// ---------------------------------------------------------------------------------------
// Firefox

/**
 * Profile preferences on top of puppeteer's defaults (@puppeteer/browsers: no updates,
 * no telemetry upload, no safe browsing, no Normandy) and the remote agent's recommended
 * preferences. Measured with these: over 25 s and several page loads, the proxy refused
 * nothing, so anything it refuses during a test is a request something on the page or in
 * the extension made.
 */
export function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // Every http(s)/ws(s) request goes through the test proxy, localhost included, with
    // no direct fallback.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.failover_direct': false,
    // No name lookups of its own that would bypass the proxy's accounting: no DNS
    // prefetching for links, no DNS over HTTPS.
    'network.dns.disablePrefetch': true,
    'network.trr.mode': 5,
    // Remote settings otherwise polls firefox.settings.services.mozilla.com right after
    // start-up (seen at the proxy: 14 CONNECTs in 25 s). Release builds ignore this
    // override unless MOZ_REMOTE_SETTINGS_DEVTOOLS=1 is in Firefox's environment, which
    // launchFirefoxExtension sets; the data: URL is the dummy Mozilla's own harnesses use.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
  };
}

export interface FirefoxLaunchOptions {
  /** Replay server the registry hosts are tunnelled to. */
  server: ReplayServer;
  /** Built Firefox extension folder, relative to the repository root or absolute. */
  extensionPath?: string;
  /** Hosts tunnelled to the replay (default: the three registries). */
  hosts?: readonly string[];
  headless?: boolean;
  /** Extra profile preferences. */
  prefs?: Record<string, unknown>;
}

export interface FirefoxHarness {
  browser: Browser;
  proxy: ConnectProxy;
  /** The add-on id Firefox gave the installed build (its gecko id). */
  extensionId: string;
  /** The profile folder (deleted on close). */
  profileDir: string;
  /** URLs of every request the test's pages reported, in order. */
  readonly pageRequests: string[];
  /** A new tab whose requests are logged. */
  newPage(): Promise<Page>;
  /**
   * Requests for anything other than the tunnelled hosts: refusals at the proxy (any
   * context: pages, content scripts, background) plus page requests that never reached it.
   */
  unexpectedRequests(): string[];
  /** The extension's entry in the profile's extension-preferences.json (granted permissions and origins). */
  grantedPermissions(): { permissions: string[]; origins: string[] } | undefined;
  close(): Promise<void>;
}

export async function launchFirefoxExtension(options: FirefoxLaunchOptions): Promise<FirefoxHarness> {
  const { server, headless = true } = options;
  const hosts = options.hosts ?? REGISTRY_HOSTS;
  const extensionPath = firefoxExtensionPathFor(options.extensionPath);
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionPath} (run \`npm run build:firefox\`)`);
  }
  const executablePath = firefoxPath();
  if (!haveFirefox(executablePath)) {
    throw new Error(`Firefox not found at ${executablePath}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  }

  const proxy = await startConnectProxy({ hosts, target: { host: '127.0.0.1', port: server.port } });
  const profileDir = mkdtempSync(join(tmpdir(), 'provenant-e2e-firefox-'));
  let browser: Browser | undefined;
  let closed = false;
  const closeAll = async () => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    await proxy.stop().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
  };

  let extensionId: string;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      acceptInsecureCerts: true,
      userDataDir: profileDir,
      extraPrefsFirefox: { ...firefoxPrefs(proxy.port), ...(options.prefs ?? {}) },
      // Firefox's own stdout/stderr is noise unless something breaks; keep it off the log.
      dumpio: false,
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    });
    extensionId = await browser.installExtension(extensionPath);
  } catch (e) {
    await closeAll();
    throw e;
  }

  const pageRequests: string[] = [];
  const allowed = new Set(hosts);
  const b = browser;
  return {
    browser: b,
    proxy,
    extensionId,
    profileDir,
    pageRequests,
    async newPage() {
      const page = await b.newPage();
      page.on('request', (r) => {
        pageRequests.push(r.url());
      });
      return page;
    },
    unexpectedRequests() {
      const fromPages = pageRequests.filter((u) => {
        const url = new URL(u);
        if (['moz-extension:', 'data:', 'blob:', 'about:', 'resource:', 'chrome:'].includes(url.protocol)) return false;
        return !(url.protocol === 'https:' && allowed.has(url.hostname));
      });
      return [...proxy.refused, ...fromPages];
    },
    grantedPermissions() {
      const file = join(profileDir, 'extension-preferences.json');
      if (!existsSync(file)) return undefined;
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { permissions: string[]; origins: string[] }>;
      return all[extensionId];
    },
    close: closeAll,
  };
}

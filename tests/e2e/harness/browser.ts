/**
 * Real Chromium with the built extension loaded, its network pointed at the replay server.
 *
 * Facts this relies on (measured on Chromium 156, headless, with playwright-core 1.65):
 * - --host-resolver-rules + --ignore-certificate-errors-spki-list reach pages, content
 *   scripts and the extension service worker alike; Playwright's ignoreHTTPSErrors does
 *   not cover the worker.
 * - While Playwright is attached, Chromium never stops the worker for idleness, so the
 *   30-second MV3 idle kill has to be simulated: restartServiceWorker() stops the worker
 *   through the DevTools ServiceWorker domain and starts it again.
 * - Opening an extension page does not start a stopped worker (it has no fetch handler);
 *   chrome.runtime.sendMessage from an extension page does, even with no listener.
 * - The DevTools target of the worker keeps its id across stop/start, so Playwright keeps
 *   the same Worker object and it talks to the fresh instance once that is running; an
 *   evaluate() sent while the worker is stopped hangs, hence the probing with time-outs.
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Request, type Worker } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { browser as wxtBrowser } from 'wxt/browser';
import type { ReplayServer } from './replay-server.ts';

/**
 * Typing for code passed to evaluate() in extension contexts (worker, extension pages):
 * write `(globalThis as unknown as ExtensionGlobal).chrome.tabs…`; the cast vanishes when
 * Playwright serialises the function, and `chrome` is the real API there.
 */
export type ExtensionGlobal = { chrome: typeof wxtBrowser };

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_EXTENSION_PATH = '.output/chrome-mv3';
/** `npm run build:diagnostics`: the production build plus `provenantDiagnostics` on the worker global (wxt.config.ts). */
export const DIAGNOSTICS_EXTENSION_PATH = resolve(REPO_ROOT, '.output-test/diagnostics/chrome-mv3');

/** The built extension to load: PROVENANT_EXTENSION_PATH, else .output/chrome-mv3 (absolute). */
export function extensionPathFor(path = process.env.PROVENANT_EXTENSION_PATH || DEFAULT_EXTENSION_PATH): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

export function chromePath(): string {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/** Flags that keep an offline Chromium quiet (see PLATFORM.md, "Real Chromium, offline"). */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface LaunchOptions {
  /** Replay server whose hosts the browser should resolve to it. */
  server?: ReplayServer;
  /** Built extension folder, relative to the repository root or absolute (default: extensionPathFor()). */
  extensionPath?: string;
  headless?: boolean;
  /**
   * Resolve every host that is not mapped to the replay as NOTFOUND, so a request to any
   * other host fails instead of leaking out (default true).
   */
  blockUnmappedHosts?: boolean;
  /** Extra Chromium arguments. */
  args?: string[];
  /** A profile folder the caller owns and keeps (a browser restart reuses it); default: a fresh one, removed on close. */
  userDataDir?: string;
  /** Extra environment for the browser process, e.g. `{ TZ: 'Asia/Tokyo' }` for its time zone. */
  env?: Record<string, string>;
}

export interface RestartOptions {
  /**
   * How to start the stopped worker again: 'devtools' (ServiceWorker.startWorker, default)
   * or 'message' (chrome.runtime.sendMessage from an extension page, the way a real
   * event would wake it).
   */
  wake?: 'devtools' | 'message';
  timeoutMs?: number;
}

export interface ExtensionHarness {
  context: BrowserContext;
  /** The current worker handle (the same object is reused across restarts). */
  readonly serviceWorker: Worker;
  extensionId: string;
  /** URLs of every request the browser made (pages, content scripts and worker), in order. */
  readonly browserRequests: string[];
  /** The worker's console output ("type: text"), across restarts. */
  readonly workerConsole: string[];
  /** Requests to anything other than the replay hosts and the browser's own schemes. */
  unexpectedRequests(): string[];
  /** popup.html, opened as a tab; with tabId it carries `?tabId=` for the tab under test. */
  popupUrl(tabId?: number): string;
  optionsUrl: string;
  /** The chrome.tabs id of a Playwright page. */
  tabIdOf(page: Page): Promise<number>;
  /** Stop the worker as Chromium's idle timer would; it stays stopped until an event wakes it. */
  stopServiceWorker(): Promise<void>;
  /** Stop the worker, start a fresh instance and return its handle once it answers. */
  restartServiceWorker(options?: RestartOptions): Promise<Worker>;
  /** performance.timeOrigin of the running worker: differs between worker instances. */
  workerStartTime(): Promise<number>;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SwVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
  status: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const { server, headless = true, blockUnmappedHosts = true } = options;
  const extensionPath = extensionPathFor(options.extensionPath);
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath} (run \`npm run build\`)`);
  }
  const executablePath = chromePath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROME_PATH)`);
  }

  const rules: string[] = [];
  if (server) for (const h of server.hosts) rules.push(`MAP ${h} 127.0.0.1:${server.port}`);
  if (blockUnmappedHosts) rules.push('MAP * ~NOTFOUND');
  const args = [
    ...QUIET_FLAGS,
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    ...(rules.length ? [`--host-resolver-rules=${rules.join(', ')}`] : []),
    ...(server ? [`--ignore-certificate-errors-spki-list=${server.spkiHash}`] : []),
    ...(options.args ?? []),
  ];

  const ownProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'provenant-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless, args, ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}) });
  } catch (e) {
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }

  const browserRequests: string[] = [];
  context.on('request', (r: Request) => browserRequests.push(r.url()));

  let serviceWorker: Worker;
  let closed = false;
  async function closeAll() {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
  }

  try {
    serviceWorker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 15_000,
      }));
  } catch (e) {
    await closeAll();
    throw new Error(`The extension's service worker did not start: ${(e as Error).message}`, { cause: e });
  }
  const extensionId = new URL(serviceWorker.url()).host;
  const workerConsole: string[] = [];
  const listening = new WeakSet<Worker>();
  const listen = (w: Worker) => {
    if (listening.has(w)) return;
    listening.add(w);
    w.on('console', (m) => workerConsole.push(`${m.type()}: ${m.text()}`));
  };
  listen(serviceWorker);
  const origin = `chrome-extension://${extensionId}`;
  const allowedHosts = new Set(server?.hosts ?? []);

  /**
   * A DevTools session on some page, for the ServiceWorker domain (the persistent
   * context has no browser-level session). A page of our own is opened only if the test
   * closed every page, and closed again afterwards.
   */
  async function withDevtools<T>(fn: (cdp: CDPSession) => Promise<T>): Promise<T> {
    let page = context.pages()[0];
    let own = false;
    if (!page) {
      page = await context.newPage();
      own = true;
    }
    const cdp = await context.newCDPSession(page);
    try {
      return await fn(cdp);
    } finally {
      await cdp.detach().catch(() => {});
      if (own) await page.close().catch(() => {});
    }
  }

  /** Track our worker's version (and its reported errors) through ServiceWorker.* events. */
  async function watchVersion(cdp: CDPSession) {
    const versions = new Map<string, SwVersion>();
    const errors: string[] = [];
    const listeners = new Set<() => void>();
    // The live version: the newest activated one, else the newest one at all.
    const current = (): SwVersion | undefined => {
      const all = [...versions.values()].sort((a, b) => Number(b.versionId) - Number(a.versionId));
      return all.find((v) => v.status === 'activated') ?? all[0];
    };
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: SwVersion[] }) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(`${origin}/`)) versions.set(v.versionId, v);
      for (const l of listeners) l();
    });
    cdp.on('ServiceWorker.workerErrorReported', (e: { errorMessage: { errorMessage: string; sourceURL: string; lineNumber: number } }) => {
      const m = e.errorMessage;
      errors.push(m.sourceURL ? `${m.errorMessage} (${m.sourceURL}:${m.lineNumber})` : m.errorMessage);
    });
    await cdp.send('ServiceWorker.enable');
    const waitFor = (pred: (v: SwVersion) => boolean, ms: number, what: string) =>
      withTimeout(
        new Promise<SwVersion>((resolveV) => {
          const check = () => {
            const v = current();
            if (v && pred(v)) {
              listeners.delete(check);
              resolveV(v);
            }
          };
          listeners.add(check);
          check();
        }),
        ms,
        what,
      );
    await waitFor(() => true, 5_000, 'ServiceWorker.enable reporting the extension worker');
    return { get: () => current()!, waitFor, errors };
  }

  // A worker whose script throws at top level still shows up as a Playwright Worker for
  // a moment, but its registration fails (status "redundant"): fail the launch loudly.
  try {
    await withDevtools(async (cdp) => {
      const version = await watchVersion(cdp);
      const v = await version.waitFor((x) => x.status === 'activated' || x.status === 'redundant', 15_000, 'activating the service worker');
      if (v.status === 'redundant') {
        await sleep(200); // let the error reports arrive
        throw new Error(
          `The extension's service worker failed to register (${extensionPath}/manifest.json background):\n  ` +
            (version.errors.length ? [...new Set(version.errors)].join('\n  ') : 'no error was reported; open chrome://serviceworker-internals with headless: false'),
        );
      }
    });
  } catch (e) {
    await closeAll();
    throw e;
  }

  async function stopWorker(cdp: CDPSession, version: Awaited<ReturnType<typeof watchVersion>>, timeoutMs: number) {
    if (version.get().runningStatus !== 'stopped') {
      await cdp.send('ServiceWorker.stopWorker', { versionId: version.get().versionId });
      await version.waitFor((v) => v.runningStatus === 'stopped', timeoutMs, 'stopping the service worker');
    }
    return version;
  }

  /** The worker handle once its new instance answers evaluate(). */
  async function reattach(previousStart: number | undefined, timeoutMs: number): Promise<Worker> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      const w = context.serviceWorkers().find((x) => x.url().startsWith(`${origin}/`));
      if (w) {
        try {
          const start = await withTimeout(w.evaluate(() => performance.timeOrigin), 1_000, 'probe');
          if (previousStart === undefined || start !== previousStart) {
            listen(w);
            serviceWorker = w;
            return w;
          }
        } catch (e) {
          lastError = e;
        }
      }
      await sleep(100);
    }
    throw new Error(`The restarted service worker did not answer within ${timeoutMs} ms (${String(lastError ?? 'no worker')})`);
  }

  const harness: ExtensionHarness = {
    context,
    get serviceWorker() {
      return serviceWorker;
    },
    extensionId,
    browserRequests,
    workerConsole,
    unexpectedRequests() {
      return browserRequests.filter((u) => {
        const url = new URL(u);
        if (['chrome-extension:', 'data:', 'blob:', 'about:', 'chrome:'].includes(url.protocol)) return false;
        return !(url.protocol === 'https:' && allowedHosts.has(url.hostname));
      });
    },
    popupUrl(tabId) {
      return `${origin}/popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`;
    },
    optionsUrl: `${origin}/options.html`,
    async tabIdOf(page) {
      await page.bringToFront();
      const url = page.url();
      const tabs = await serviceWorker.evaluate(async () => {
        const all = await (globalThis as unknown as ExtensionGlobal).chrome.tabs.query({});
        return all.map((t) => ({ id: t.id, url: t.url ?? t.pendingUrl, active: t.active }));
      });
      const sameUrl = tabs.filter((t) => t.url === url);
      const pick = sameUrl.length === 1 ? sameUrl[0] : sameUrl.find((t) => t.active);
      if (pick?.id === undefined) throw new Error(`No unique tab for ${url}: ${JSON.stringify(tabs)}`);
      return pick.id;
    },
    async stopServiceWorker() {
      await withDevtools(async (cdp) => stopWorker(cdp, await watchVersion(cdp), 10_000));
    },
    async restartServiceWorker({ wake = 'devtools', timeoutMs = 15_000 } = {}) {
      const previousStart = await withDevtools(async (cdp) => {
        const version = await watchVersion(cdp);
        // Only ask a running worker: an evaluate() sent to a stopped one just waits.
        const before =
          version.get().runningStatus === 'running'
            ? await withTimeout(serviceWorker.evaluate(() => performance.timeOrigin), 2_000, 'reading the worker start time').catch(() => undefined)
            : undefined;
        await stopWorker(cdp, version, timeoutMs);
        if (wake === 'devtools') {
          await cdp.send('ServiceWorker.startWorker', { scopeURL: `${origin}/` });
        } else {
          const page = await context.newPage();
          try {
            await page.goto(harness.optionsUrl);
            // Any message wakes the worker, listener or not; "Receiving end does not exist" is fine.
            await page.evaluate(() =>
              (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'e2e:wake' }).catch(() => undefined),
            );
          } finally {
            await page.close();
          }
        }
        await version.waitFor((v) => v.runningStatus === 'running', timeoutMs, 'starting the service worker');
        return before;
      });
      return reattach(previousStart, timeoutMs);
    },
    async workerStartTime() {
      return withTimeout(serviceWorker.evaluate(() => performance.timeOrigin), 5_000, 'reading the worker start time');
    },
    close: closeAll,
  };
  return harness;
}

/** Screenshot into docs/screenshots/<name>.png (or `dir`); returns the file path. */
export async function screenshot(page: Page, name: string, options: { dir?: string; fullPage?: boolean } = {}): Promise<string> {
  const dir = options.dir ?? join(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

/**
 * The real toolbar popup, opened by `chrome.action.openPopup()` the way a
 * click on the icon opens it (no `?tabId=`: it must find the window's active
 * tab itself). Playwright does not list that page, so it is driven over CDP:
 * `evaluate` runs an expression in it and returns its value.
 */
export async function openActionPopup(h: ExtensionHarness, page: Page): Promise<ActionPopup> {
  await page.bringToFront();
  const opened = await h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.action.openPopup().then(() => 'ok', (e: Error) => e.message));
  if (opened !== 'ok') throw new Error(`chrome.action.openPopup: ${opened}`);
  const popup = await attachToActionPopup(h, page);
  if (!popup) throw new Error('The toolbar popup did not open');
  return popup;
}

export interface ActionPopup {
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** The DevTools target ids of open toolbar popups (popup.html with no `?tabId=`). */
export async function actionPopupTargets(h: ExtensionHarness, page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    return targetInfos.filter((t) => t.type === 'page' && t.url === h.popupUrl()).map((t) => t.targetId);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The toolbar popup once it is open (by openActionPopup, or by a click on the
 * badge), driven over CDP; undefined if none opens within `timeoutMs`.
 */
export async function attachToActionPopup(h: ExtensionHarness, page: Page, timeoutMs = 5_000): Promise<ActionPopup | undefined> {
  const cdp = await page.context().newCDPSession(page);
  const popupUrl = h.popupUrl();
  let targetId: string | undefined;
  for (let waited = 0; waited <= timeoutMs && !targetId; waited += 100) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    targetId = targetInfos.find((t) => t.type === 'page' && t.url === popupUrl)?.targetId;
    if (!targetId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!targetId) {
    await cdp.detach().catch(() => undefined);
    return undefined;
  }
  // A flattened session is not reachable through Playwright's CDPSession; the message-wrapping one is.
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  const replies = new Map<number, { result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message);
    if (typeof m.id === 'number') replies.set(m.id, m);
  });
  let next = 0;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const id = ++next;
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }) });
      for (let i = 0; i < 100 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 50));
      const reply = replies.get(id);
      if (!reply?.result || reply.result.exceptionDetails) throw new Error(`popup evaluate failed: ${JSON.stringify(reply)}`);
      return reply.result.result?.value as T;
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId: targetId! }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

import { DIAGNOSTICS_EXTENSION_PATH, launchExtension, type ExtensionHarness } from '../tests/e2e/harness/browser';
import { startReplayServer, type ReplayServer } from '../tests/e2e/harness/replay-server';
import { recordedRegistries } from '../tests/e2e/scenario/recorded-registries';
import { benchCases } from './bench-cases';

type Timing = { rootLoadMs: number; firstMs: number; medianMs: number; runs: number };

const COLD_SAMPLES = 5;
const RELEASE_FILES = 50;
const RELEASE_SAMPLES = 5;
const BADGE_SAMPLES = Number(process.env.BENCH_BADGE_SAMPLES ?? 5);
/** The replayed pages whose badge the bench times, by bundle kind (registries from tests/e2e/scenario). */
export const BADGE_PAGES = {
  npm: 'https://www.npmjs.com/package/sigstore/v/1.0.0',
  pypi: 'https://pypi.org/project/pypi-attestations/',
} as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Times verification inside the built extension's service worker in Chromium:
 * the fast path and the @noble reference (memo off), the first verification
 * of a freshly started worker, a release of 50 files, and the time from
 * navigation to a painted badge when the verdict is cached.
 */
export async function benchBrowser(fixtures: string, runs: number) {
  const server = await startReplayServer();
  recordedRegistries(fixtures).install(server);
  // `npm run build:diagnostics` (scripts/bench.mjs builds it): the production worker plus provenantDiagnostics.
  const h = await launchExtension({ server, extensionPath: DIAGNOSTICS_EXTENSION_PATH });
  const diag = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    h.serviceWorker.evaluate(([f, a]) => (globalThis as any).provenantDiagnostics[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
  try {
    const cases = benchCases(fixtures);
    const rows = [];
    for (const c of cases) {
      const fast = await diag<Timing>('time', c.bundle, runs, { path: 'fast' });
      const reference = await diag<Timing>('time', c.bundle, runs, { path: 'reference' });
      rows.push({ name: c.name, ...fast, referenceMedianMs: reference.medianMs, referenceFirstMs: reference.firstMs });
    }
    // Cold: each sample stops the worker, starts a fresh instance and verifies one bundle first.
    const cold: number[][] = cases.map(() => []);
    for (let s = 0; s < COLD_SAMPLES; s++) {
      for (const [i, c] of cases.entries()) {
        await h.restartServiceWorker();
        cold[i]!.push(await diag<number>('coldFirst', c.bundle));
      }
    }
    // One real PEP 740 bundle, verified 50 times at once with the memo off.
    const pypi = cases.find((c) => c.name.startsWith('PyPI'))!;
    const release: number[] = [];
    for (let s = 0; s < RELEASE_SAMPLES; s++) release.push(await diag<number>('release', pypi.bundle, RELEASE_FILES));

    const badges = await timeBadges(h, server);
    const stats = await diag<Record<string, number>>('stats');
    return { rows: rows.map((r, i) => ({ ...r, coldMs: median(cold[i]!) })), releaseMs: median(release), releaseFiles: RELEASE_FILES, badges, stats };
  } finally {
    await h.close();
    await server.stop();
  }
}

type BadgeTimes = {
  samples: number;
  firstVisitMs: number;
  cachedMs: number;
  firstVisitRequests: number;
  firstVisitPaths: string[];
  cachedRequests: number;
  cachedLoadMs: number;
  cachedDclMs: number;
  cachedHostMs: number;
  cachedStatusMs: number;
  cachedAfterHostMs: number;
  /** Where a cached badge's time goes (medians): see BadgeSteps. */
  steps: BadgeSteps;
};

/**
 * A cached badge's path, from the diagnostics build's marks (lib/content/bench-marks.ts)
 * and the worker's message timings (lib/background/message-timing.ts), lined up by the
 * wall clock both sides share.
 */
type BadgeSteps = {
  /** Navigation start to the content script's first line. */
  scriptStartMs: number;
  /** The verdict asked (page time). */
  askedMs: number;
  /** The question's way to the worker. */
  toWorkerMs: number;
  /** The worker's handling of `verdict/get`. */
  workerMs: number;
  /** The answer's way back, until the content script runs with it. */
  backMs: number;
  /** The answer in the content script (page time). */
  answeredMs: number;
  /** The page's long tasks (over 50 ms) that began before the answer arrived, summed. */
  longTasksBeforeAnswerMs: number;
};

/**
 * One visit to a replayed page in a new tab, timed inside the page from its
 * navigation start: when the content script adds the badge host, the frame
 * after the host first says "verified" (polling from Playwright would add its
 * own delay), the page's own milestones, the diagnostics build's steps, and
 * the registry requests the visit made. Also used by tools/bench-run-at.ts.
 */
export async function visitBadge(h: ExtensionHarness, server: ReplayServer, url: string) {
  server.clearLog();
  const page = await h.context.newPage();
  await page.addInitScript(() => {
    const marks: Record<string, number> = {};
    (globalThis as any).__provenantBench = marks;
    const longTasks: { start: number; duration: number }[] = [];
    (globalThis as any).__provenantLongTasks = longTasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const host = document.querySelector('provenant-badge');
      if (host && marks.host === undefined) marks.host = performance.now();
      if (host?.getAttribute('data-status') === 'verified' && marks.verified === undefined) {
        marks.status = performance.now();
        marks.verified = -1;
        requestAnimationFrame(() => (marks.verified = performance.now()));
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => ((globalThis as any).__provenantBench?.verified ?? -1) > 0, undefined, { timeout: 30_000 });
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const m = (globalThis as any).__provenantBench as { host: number; status: number; verified: number };
    // The content script's marks: page time, and the wall clock in `detail`.
    const step = (name: string) => {
      const e = performance.getEntriesByName(`provenant:${name}`)[0] as PerformanceMark | undefined;
      return e ? { at: e.startTime, wall: e.detail as number } : undefined;
    };
    const longTasks = (globalThis as any).__provenantLongTasks as { start: number; duration: number }[];
    return { ...m, domInteractive: nav?.domInteractive ?? NaN, domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN, load: nav?.loadEventEnd ?? NaN, start: step('script-start'), asked: step('verdict-asked'), answered: step('verdict-answered'), longTasks };
  });
  const timings = await h.serviceWorker.evaluate(() => (globalThis as any).provenantDiagnostics.messageTimings() as { type: string; receivedAt: number; answeredAt: number }[]);
  const handled = timings.find((t) => t.type === 'verdict/get' && marks.asked !== undefined && t.receivedAt >= marks.asked.wall);
  const steps: BadgeSteps | undefined =
    marks.start && marks.asked && marks.answered && handled
      ? {
          scriptStartMs: marks.start.at,
          askedMs: marks.asked.at,
          toWorkerMs: handled.receivedAt - marks.asked.wall,
          workerMs: handled.answeredAt - handled.receivedAt,
          backMs: marks.answered.wall - handled.answeredAt,
          answeredMs: marks.answered.at,
          longTasksBeforeAnswerMs: marks.longTasks.filter((t) => t.start < marks.answered!.at).reduce((sum, t) => sum + t.duration, 0),
        }
      : undefined;
  // Let the history walk that follows the verdict finish before counting.
  await new Promise((r) => setTimeout(r, 2_000));
  // The page itself and the browser's own favicon request are not Provenant's.
  const asked = server.requests.filter((r) => !(r.host === new URL(url).host && (r.path === new URL(url).pathname || r.path === '/favicon.ico')));
  const requests = asked.length;
  await page.close();
  return { ms: marks.verified, domInteractiveMs: marks.domInteractive, requests, paths: asked.map((r) => `${r.host}${r.path}`), loadMs: marks.load, dclMs: marks.domContentLoaded, hostMs: marks.host, statusMs: marks.status, afterHostMs: marks.verified - marks.host, steps };
}

/** Navigation start to a painted badge on the replayed pages, first visit and cached. */
async function timeBadges(h: ExtensionHarness, server: ReplayServer): Promise<Record<string, BadgeTimes>> {
  const badges: Record<string, BadgeTimes> = {};
  for (const [kind, url] of Object.entries(BADGE_PAGES)) {
    const visit = () => visitBadge(h, server, url);
    const first = await visit();
    const cached = [];
    for (let s = 0; s < BADGE_SAMPLES; s++) cached.push(await visit());
    badges[kind] = { samples: BADGE_SAMPLES, firstVisitMs: first.ms, cachedMs: median(cached.map((v) => v.ms)), firstVisitRequests: first.requests, firstVisitPaths: first.paths, cachedRequests: median(cached.map((v) => v.requests)), cachedLoadMs: median(cached.map((v) => v.loadMs)), cachedDclMs: median(cached.map((v) => v.dclMs)), cachedHostMs: median(cached.map((v) => v.hostMs)), cachedStatusMs: median(cached.map((v) => v.statusMs)), cachedAfterHostMs: median(cached.map((v) => v.afterHostMs)), steps: medianSteps(cached.map((v) => v.steps)) };
  }
  return badges;
}

/** Each step's median over the samples that have all marks (a diagnostics build has them). */
function medianSteps(samples: (BadgeSteps | undefined)[]): BadgeSteps {
  const full = samples.filter((s): s is BadgeSteps => s !== undefined);
  const keys = ['scriptStartMs', 'askedMs', 'toWorkerMs', 'workerMs', 'backMs', 'answeredMs', 'longTasksBeforeAnswerMs'] as const;
  return Object.fromEntries(keys.map((k) => [k, full.length > 0 ? median(full.map((s) => s[k])) : NaN])) as BadgeSteps;
}

/** Only the cached-badge figures (`BENCH_ONLY=badges npm run bench`), for iterating on the badge's path. */
export async function benchBadges(fixtures: string) {
  const server = await startReplayServer();
  recordedRegistries(fixtures).install(server);
  const h = await launchExtension({ server, extensionPath: DIAGNOSTICS_EXTENSION_PATH });
  try {
    return { badges: await timeBadges(h, server) };
  } finally {
    await h.close();
    await server.stop();
  }
}

/**
 * A TUF refresh inside the Chromium service worker of the e2e test build
 * (.output-test/chrome-mv3: test clock, 2025-10-09 seed; built by
 * tests/e2e/live-trust.e2e.test.ts), against a local HTTPS replay of the
 * recorded repository. Wall time in the worker, local network included.
 */
export async function benchBrowserRefresh(fixtures: string, extensionPath: string) {
  const { startReplayServer } = await import('../tests/e2e/harness/replay-server');
  const { existsSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(fixtures, 'tuf/sigstore-root-signing/current');
  const server = await startReplayServer();
  server.route('tuf-repo-cdn.sigstore.dev', /.*/, (req) => {
    const file = join(dir, req.pathname.slice(1));
    return req.pathname.length > 1 && !req.pathname.includes('..') && existsSync(file) ? { body: readFileSync(file) } : { status: 404, body: '' };
  });
  const h = await launchExtension({ server, extensionPath });
  try {
    const refresh = () => h.serviceWorker.evaluate(() => (globalThis as any).provenantDiagnostics.timeRefresh()) as Promise<{ ms: number; ok: boolean; code?: string }>;
    // Let the worker's own start refresh finish, then forget it: the next refresh starts from the seed.
    await new Promise((r) => setTimeout(r, 2000));
    await h.serviceWorker.evaluate(() => (globalThis as any).chrome.storage.local.remove(['trust', 'trust$']));
    const fromSeed = await refresh();
    const again = await refresh();
    return [
      { name: 'Chromium SW (test build), from the 2025-10-09 seed: roots 14, 15, new metadata and trusted_root.json', ...fromSeed },
      { name: 'Chromium SW (test build), again: nothing new', ...again },
    ];
  } finally {
    await h.close();
    await server.stop();
  }
}

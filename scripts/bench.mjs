// `npm run bench`: figures only (no assertions). Verification time per bundle
// kind in Node and in the Chromium service worker, next to sigstore-js itself
// on Node with native node:crypto (the anchor) in the same invocation; the
// first verification of a fresh worker, a 50-file PyPI release, the time to a
// cached badge; trusted-root load time; size of each built entrypoint, and
// where background.js's bytes come from (a source-mapped copy of the build).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests/fixtures');
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const fmt = (ms) => `${ms.toFixed(1)} ms`;

if (!existsSync(fixtures)) {
  console.error(`bench needs tests/fixtures (${fixtures} not found)`);
  process.exit(1);
}

// `BENCH_ONLY=badges`: only the cached-badge figures and the sizes (builds unless BENCH_SKIP_BUILD).
if (process.env.BENCH_ONLY === 'badges') {
  if (!process.env.BENCH_SKIP_BUILD) {
    spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    spawnSync('npm', ['run', 'build:diagnostics'], { cwd: root, stdio: 'ignore' });
    buildSourceMapped();
  }
  const browserOut = join(root, 'node_modules/.cache/provenant/bench-browser.mjs');
  await build({ entryPoints: [join(root, 'tools/bench-browser.ts')], outfile: browserOut, bundle: true, format: 'esm', platform: 'node', target: 'node22', packages: 'external', logLevel: 'warning' });
  const { benchBadges } = await import(pathToFileURL(browserOut).href);
  printBadges((await benchBadges(fixtures)).badges);
  printRunAt(await benchRunAtFigures());
  printSizes();
  await printAttribution();
  process.exit(0);
}

// 1. Node, through the same vendor bundle and crypto replacement as the extension.
const nodeOut = join(root, 'node_modules/.cache/provenant/bench-node.mjs');
await build({ entryPoints: [join(root, 'tools/bench-node.ts')], outfile: nodeOut, bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning' });
const { benchNode } = await import(pathToFileURL(nodeOut).href);
const node = await benchNode(fixtures, RUNS);
const trustOut = join(root, 'node_modules/.cache/provenant/bench-trust.mjs');
await build({ entryPoints: [join(root, 'tools/bench-trust.ts')], outfile: trustOut, bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning' });
const { benchTrust } = await import(pathToFileURL(trustOut).href);
const trust = await benchTrust(fixtures, Math.min(RUNS, 10));

// 1b. The anchor: sigstore-js from node_modules on Node's native crypto.
const anchorOut = join(root, 'node_modules/.cache/provenant/bench-anchor.mjs');
await build({ entryPoints: [join(root, 'tools/bench-anchor.ts')], outfile: anchorOut, bundle: true, format: 'esm', platform: 'node', target: 'node22', packages: 'external', logLevel: 'warning' });
const { benchAnchor } = await import(pathToFileURL(anchorOut).href);
const anchor = benchAnchor(fixtures, RUNS);

// 2. The built extension's service worker in Debian's Chromium: the diagnostics
// build (the production build plus `provenantDiagnostics`, which the bench drives).
if (!process.env.BENCH_SKIP_BUILD) {
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  spawnSync('npm', ['run', 'build:diagnostics'], { cwd: root, stdio: 'ignore' });
  buildSourceMapped();
}
let browser;
let browserRefresh;
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (existsSync(chromePath)) {
  const browserOut = join(root, 'node_modules/.cache/provenant/bench-browser.mjs');
  await build({ entryPoints: [join(root, 'tools/bench-browser.ts')], outfile: browserOut, bundle: true, format: 'esm', platform: 'node', target: 'node22', packages: 'external', logLevel: 'warning' });
  const { benchBrowser, benchBrowserRefresh } = await import(pathToFileURL(browserOut).href);
  browser = await benchBrowser(fixtures, RUNS);
  browser.runAt = await benchRunAtFigures();
  // Only with the e2e test build (tests/e2e/live-trust.e2e.test.ts makes it): the recording is expired for a production build.
  const testBuild = join(root, '.output-test/chrome-mv3');
  if (existsSync(join(testBuild, 'manifest.json'))) browserRefresh = await benchBrowserRefresh(fixtures, testBuild);
}

console.log(`\nProvenant bench — ${new Date().toISOString()} — ${RUNS} runs per bundle after the first\n`);
const browserRows = browser?.rows;
console.log(`Trusted-root load: Node ${fmt(node.rootLoadMs)}${browserRows ? `, service worker ${fmt(browserRows[0].rootLoadMs)}` : ''}\n`);
// The first five columns keep their meaning (Provenant's pipeline, now the
// native fast path, signature memo off); new columns go to the right.
console.log('| bundle | Node first | Node median | Chromium SW first | Chromium SW median | sigstore-js Node (native crypto) median | SW / sigstore-js | SW @noble only median | cold first (fresh SW) | 50-file PyPI release | cached badge after navigation |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const na = 'n/a';
for (const [i, r] of node.rows.entries()) {
  const b = browserRows?.[i];
  const a = anchor[i];
  const isPypi = r.name.startsWith('PyPI');
  const badge = browser?.badges[r.name.startsWith('npm') ? 'npm' : isPypi ? 'pypi' : ''];
  console.log(
    `| ${r.name} | ${fmt(r.firstMs)} | ${fmt(r.medianMs)} | ${b ? fmt(b.firstMs) : na} | ${b ? fmt(b.medianMs) : na} ` +
      `| ${fmt(a.medianMs)} | ${b ? `${(b.medianMs / a.medianMs).toFixed(2)}×` : na} | ${b ? fmt(b.referenceMedianMs) : na} ` +
      `| ${b ? fmt(b.coldMs) : na} | ${isPypi && browser ? fmt(browser.releaseMs) : '—'} | ${badge ? fmt(badge.cachedMs) : '—'} |`,
  );
}
if (browser) {
  console.log(`\nCold first: the first bundle verified by a freshly started worker (stopped and started between samples), with the live trust material the extension uses; its parsing is included unless the start-up warm-up (lib/verify/warm-up.ts) has done it; median of 5.`);
  console.log(`50-file release: one real PEP 740 bundle (${node.rows.find((r) => r.name.startsWith('PyPI')).name}) verified ${browser.releaseFiles} times in the worker, four at a time as the PyPI adapter does, signature memo off; median of 5.`);
  printBadges(browser.badges);
  printRunAt(browser.runAt);
  for (const [kind, v] of Object.entries(browser.badges)) console.log(`Registry requests, ${kind} page, first visit (verdict and history): ${v.firstVisitPaths.join(', ')}`);
  console.log(`Fast path in the last worker instance: ${browser.stats.verifications} verifications, ${browser.stats.checks} signature checks, ${browser.stats.fallbacks} fallbacks to @noble.`);
}
console.log('\n| TUF refresh (Node, files from memory, incl. loading the trusted root) | first | median |');
console.log('|---|---:|---:|');
for (const r of trust) console.log(`| ${r.name} | ${fmt(r.firstMs)} | ${fmt(r.medianMs)} |`);
if (browserRefresh) {
  console.log('\n| TUF refresh in the service worker (wall time, local HTTPS replay) | time | outcome |');
  console.log('|---|---:|---|');
  for (const r of browserRefresh) console.log(`| ${r.name} | ${fmt(r.ms)} | ${r.ok ? 'ok' : r.code} |`);
}
printSizes();
await printAttribution();

/** lib/content/run-at.ts's choice, measured on the same build (tools/bench-run-at.ts). */
async function benchRunAtFigures() {
  const out = join(root, 'node_modules/.cache/provenant/bench-run-at.mjs');
  await build({ entryPoints: [join(root, 'tools/bench-run-at.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node22', packages: 'external', logLevel: 'warning' });
  const { benchRunAt } = await import(pathToFileURL(out).href);
  return benchRunAt(fixtures);
}

function printRunAt(figures) {
  console.log('\nWhen the badge script starts (lib/content/run-at.ts): the same build with its manifest\'s run_at rewritten, interleaved visits, medians; cached badge and the page\'s own domInteractive, from navigation start.\n');
  console.log('| page | run_at | cached badge | page domInteractive | visits |');
  console.log('|---|---|---:|---:|---:|');
  for (const [kind, byRunAt] of Object.entries(figures)) {
    for (const [runAt, v] of Object.entries(byRunAt)) console.log(`| ${kind} | \`${runAt}\` | ${fmt(v.badgeMs)} | ${fmt(v.domInteractiveMs)} | ${v.samples} |`);
  }
}

function printBadges(badges) {
  for (const [kind, v] of Object.entries(badges)) {
    console.log(
      `Badge, ${kind} page: first visit ${fmt(v.firstVisitMs)} (${v.firstVisitRequests} registry requests), cached ${fmt(v.cachedMs)} (${v.cachedRequests} registry requests), navigation start to the frame after the badge says verified, median of ${v.samples}; ` +
        `timed in the page from navigation start: DOMContentLoaded ${fmt(v.cachedDclMs)}, load ${fmt(v.cachedLoadMs)}, badge host added by the content script ${fmt(v.cachedHostMs)}, badge set to verified ${fmt(v.cachedStatusMs)}, verdict painted (next frame) ${fmt(v.cachedAfterHostMs)} after the host was added.`,
    );
    const s = v.steps;
    console.log(
      `  where a cached ${kind} badge's time goes (medians): content script starts ${fmt(s.scriptStartMs)} after navigation start and asks at ${fmt(s.askedMs)}; ` +
        `the question takes ${fmt(s.toWorkerMs)} to reach the worker, the worker answers in ${fmt(s.workerMs)}, the answer takes ${fmt(s.backMs)} to reach the content script (at ${fmt(s.answeredMs)}); ` +
        `the page ran ${fmt(s.longTasksBeforeAnswerMs)} of long tasks before the answer arrived.`,
    );
  }
}

/** Sizes of the built entrypoints, in bytes and kB of 1000 bytes (the size targets are in kB). */
function printSizes() {
  const ext = join(root, '.output/chrome-mv3');
  const files = [];
  const walk = (d) => readdirSync(d).forEach((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|css|html)$/.test(f)) files.push(p);
  });
  if (existsSync(ext)) walk(ext);
  const kb = (n) => `${n.toLocaleString('en-US')} B (${(n / 1000).toFixed(1)} kB)`;
  console.log('\n| built file | minified | gzip |');
  console.log('|---|---:|---:|');
  for (const f of files.sort()) {
    const bytes = readFileSync(f);
    console.log(`| ${relative(ext, f)} | ${kb(bytes.length)} | ${kb(gzipSync(bytes).length)} |`);
  }
  const background = join(ext, 'background.js');
  if (existsSync(background)) console.log(`\nbackground.js: ${(statSync(background).size / 1000).toFixed(1)} kB minified (issue 14's target: 350 kB).`);
}

/** The production build again with source maps, where releases never go (wxt.config.ts, PROVENANT_SOURCEMAP). */
function buildSourceMapped() {
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, PROVENANT_SOURCEMAP: '1' } });
}

/**
 * Where background.js's bytes come from, by npm package and lib/ folder (the
 * vendored sigstore bundle by the package each of its modules came from), read
 * from the source-mapped copy. Said only when that copy's code is the
 * production file's, byte for byte, but for its sourceMappingURL line.
 */
async function printAttribution() {
  const mapped = join(root, '.output-test/sourcemap/chrome-mv3/background.js');
  const production = join(root, '.output/chrome-mv3/background.js');
  if (!existsSync(`${mapped}.map`) || !existsSync(production)) {
    console.log('\nbackground.js by source: no source-mapped build (PROVENANT_SOURCEMAP=1 npm run build).');
    return;
  }
  const code = readFileSync(mapped, 'utf8').replace(/\/\/# sourceMappingURL=\S+\n?$/, '');
  if (code !== readFileSync(production, 'utf8')) {
    console.log('\nbackground.js by source: the source-mapped build differs from .output/chrome-mv3/background.js (built from other sources?); not attributed.');
    return;
  }
  const out = join(root, 'node_modules/.cache/provenant/bundle-attribution.mjs');
  await build({ entryPoints: [join(root, 'tools/bundle-attribution.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node22', logLevel: 'warning' });
  const { attribute, packageOf } = await import(pathToFileURL(out).href);
  const { rows, unmapped, total } = attribute(code, JSON.parse(readFileSync(`${mapped}.map`, 'utf8')), packageOf);
  const share = (n) => `${((100 * n) / total).toFixed(1)}%`;
  console.log('\n| background.js by source (package, lib folder; lib/vendor by bundled package) | bytes | share |');
  console.log('|---|---:|---:|');
  for (const [row, n] of rows) console.log(`| ${row} | ${n.toLocaleString('en-US')} | ${share(n)} |`);
  console.log(`| (no source: bundler glue, newlines) | ${unmapped.toLocaleString('en-US')} | ${share(unmapped)} |`);
  console.log(`| **total** | ${total.toLocaleString('en-US')} | 100.0% |`);
}

/**
 * `npm run demo`: the offline replay of pypi.org, www.npmjs.com,
 * registry.npmjs.org and rubygems.org with real recorded registry data, and Chromium with the
 * built extension open on a few package pages. With DEMO_HEADLESS=1 it takes
 * screenshots into test-results/demo/ (not tracked) instead of staying open.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension, screenshot } from '../tests/e2e/harness/browser';
import { pregrantedExtensionCopy, turnOnInOptions } from '../tests/e2e/harness/optional-registries';
import { startReplayServer } from '../tests/e2e/harness/replay-server';
import { recordedRegistries } from '../tests/e2e/scenario/recorded-registries';

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function guidePage(pages: { url: string; title: string }[], optionsUrl: string): string {
  const items = pages.map((p) => `<li><a href="${escape(p.url)}">${escape(p.url.replace('https://', ''))}</a> — ${escape(p.title)}</li>`).join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Provenant demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}code{background:#eee;padding:0 .2em}</style>
<h1>Provenant — offline demo</h1>
<p>This browser has Provenant loaded and reaches <code>pypi.org</code>, <code>www.npmjs.com</code> and
<code>registry.npmjs.org</code> only through a local replay of <strong>real recorded registry data</strong>
(Sigstore attestations, packuments, distribution files). Nothing else on the network is contacted.</p>
<p>Open a page below. A <strong>Provenant badge</strong> appears next to the package name: it says whether
that release's provenance was verified <em>in your browser</em> — certificate chain, transparency log,
signature, artifact digest and publisher — and by whom it was built. <strong>Click the badge</strong> (or the
Provenant toolbar icon) for the details, pin the identity you expect, and see alerts when a version loses its
provenance or changes publisher.</p>
<ul>${items}</ul>
<p>The options page (right-click the toolbar icon → Options, or <code>${escape(optionsUrl)}</code>) lists your pins.
RubyGems is off until you turn it on there, under <em>Registries</em>: your browser then asks for access to
<code>rubygems.org</code>, which this demo replays too.</p>`;
}

export async function main(): Promise<void> {
  const fixtures = join(process.cwd(), 'tests', 'fixtures');
  if (!existsSync(fixtures)) throw new Error(`The demo replays real recorded data from ${fixtures}, which this checkout lacks.`);
  // Without a display (a server, CI, a container) a windowed Chromium cannot start: run the
  // same demo headless and leave screenshots, and say so rather than fail.
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const headless = process.env.DEMO_HEADLESS === '1' || noDisplay;
  if (noDisplay && process.env.DEMO_HEADLESS !== '1') {
    console.log('No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the demo headless and saving a screenshot of each demo page under test-results/demo/.');
  }
  const registries = recordedRegistries(fixtures);
  const server = await startReplayServer();
  registries.install(server);
  // Headless, nobody can answer the browser's permission prompt: load a copy with the
  // optional registries' hosts granted at install and turn them on in the options page
  // (tests/e2e/harness/optional-registries.ts). Windowed, the person does it.
  const turnOn = [...new Set(registries.demoPages.flatMap((p) => (p.turnOn ? [p.turnOn] : [])))];
  const copy = headless && turnOn.length > 0 ? pregrantedExtensionCopy(turnOn) : undefined;
  const h = await launchExtension({ server, headless, blockUnmappedHosts: true, ...(copy ? { extensionPath: copy } : {}) });
  if (copy) for (const id of turnOn) await turnOnInOptions(h.context, h.optionsUrl, id);
  const guide = join(mkdtempSync(join(tmpdir(), 'provenant-demo-')), 'index.html');
  writeFileSync(guide, guidePage(registries.demoPages, h.optionsUrl));
  console.log(`Replay on 127.0.0.1:${server.port}; extension ${h.extensionId}`);
  const guideTab = h.context.pages()[0] ?? (await h.context.newPage());
  await guideTab.goto(`file://${guide}`);
  for (const p of registries.demoPages.slice(0, 4)) {
    const tab = await h.context.newPage();
    await tab.goto(p.url);
  }
  if (headless) {
    for (const p of registries.demoPages) {
      const tab = await h.context.newPage();
      await tab.goto(p.url);
      await tab.waitForFunction(() => {
        const s = document.querySelector('provenant-badge')?.getAttribute('data-status');
        return s && s !== 'pending';
      }, undefined, { timeout: 20_000 }).catch(() => undefined);
      const name = p.url.replace(/^https:\/\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
      console.log(`${p.url}: ${await tab.locator('provenant-badge').getAttribute('data-status').catch(() => 'no badge')}`);
      console.log(`  ${await screenshot(tab, name, { dir: join(process.cwd(), 'test-results', 'demo') })}`);
    }
    await h.close();
    await server.stop();
    if (copy) rmSync(copy, { recursive: true, force: true });
    return;
  }
  console.log('Chromium is open with the demo. Close the browser window (or press Ctrl+C) to stop.');
  await new Promise<void>((resolve) => {
    h.context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
  await h.close().catch(() => undefined);
  await server.stop();
}

/**
 * The toolbar icon a person sees, in Chromium on the replayed registries. There
 * is no API to read an action's icon back, so the worker's own
 * `chrome.action.setIcon` is wrapped (from the harness's worker handle) to
 * record each call and whether Chromium accepted the image; the built
 * manifests and PNGs are checked against a fresh rasterization.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionPathFor, REPO_ROOT, type ExtensionGlobal } from './harness/browser';
import { firefoxExtensionPathFor } from './harness/firefox';
import { html, json } from './harness/replay-server';
import { extensionOnReplay } from './harness/suite';
import { attestationsUrl } from '../../lib/registries/npm/names';
import { tamper } from '../support/tamper';
import { MARK_ICONS, TOOLBAR_ICONS, toolbarIconPaths, type ToolbarIcon } from '../../lib/background/toolbar-icons';

const FINAL = ['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch'];

interface IconCall {
  tabId?: number;
  path16?: string;
  /** Whether Chromium loaded the image: undefined while pending. */
  ok?: boolean;
  error?: string;
}
type Spied = ExtensionGlobal & { __provenantIconCalls?: IconCall[] };

describe('toolbar icons in Chromium', () => {
  const suite = extensionOnReplay({
    routes: (server) => {
      server.route('pypi.org', '/', html('<!doctype html><html lang="en"><head><title>PyPI</title></head><body><h1>Find, install and publish Python packages</h1></body></html>'));
    },
  });
  const { open } = suite;

  const waitForStatus = async (page: Page, statuses = FINAL) => {
    await page.waitForFunction((wanted) => wanted.includes(document.querySelector('provenant-badge')?.getAttribute('data-status') ?? ''), statuses, { timeout: 20_000 });
    return page.locator('provenant-badge').getAttribute('data-status');
  };

  /** Records every setIcon the worker makes from now on (a restarted worker would drop the wrapper: none here). */
  const spyOnSetIcon = () =>
    suite.h.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as Spied;
      if (g.__provenantIconCalls) return;
      const calls: IconCall[] = (g.__provenantIconCalls = []);
      const action = g.chrome.action;
      const original = action.setIcon.bind(action);
      action.setIcon = ((details: { tabId?: number; path?: Record<string, string> }) => {
        const call: IconCall = { tabId: details.tabId, path16: details.path?.['16'] };
        calls.push(call);
        const done = original(details as Parameters<typeof original>[0]);
        done.then(
          () => (call.ok = true),
          (e: unknown) => ((call.ok = false), (call.error = String(e))),
        );
        return done;
      }) as typeof action.setIcon;
    });

  /** The last icon set for a tab (or, with no tab, as the default), once Chromium has taken it. */
  const lastIcon = (tabId?: number) =>
    suite.h.serviceWorker.evaluate((id) => {
      const calls = ((globalThis as unknown as Spied).__provenantIconCalls ?? []).filter((c) => c.tabId === (id ?? undefined));
      const last = calls[calls.length - 1];
      return last && last.ok !== undefined ? { path16: last.path16, ok: last.ok, error: last.error } : undefined;
    }, tabId ?? null);

  const expectIcon = async (icon: ToolbarIcon, tabId?: number) => {
    await expect.poll(() => lastIcon(tabId), { timeout: 15_000 }).toEqual({ path16: toolbarIconPaths(icon)[16], ok: true, error: undefined });
  };

  it('a verified release: the verified icon, which Chromium loads', async () => {
    await spyOnSetIcon();
    const page = await open('https://pypi.org/project/pypi-attestations/');
    expect(await waitForStatus(page)).toBe('verified');
    await expectIcon('verified', await suite.h.tabIdOf(page));
  });

  it('a tampered attestation: the failed icon', async () => {
    await spyOnSetIcon();
    const original = suite.registries.npmAttestations['tuf-js']!['1.0.0']!;
    const tampered = structuredClone(original);
    tampered.attestations[0].bundle = tamper(tampered.attestations[0].bundle, 'signature');
    const route = suite.server.route('registry.npmjs.org', new URL(attestationsUrl('tuf-js', '1.0.0')).pathname, json(tampered));
    try {
      const page = await open('https://www.npmjs.com/package/tuf-js/v/1.0.0');
      expect(await waitForStatus(page)).toBe('failed');
      await expectIcon('failed', await suite.h.tabIdOf(page));
    } finally {
      route.remove();
    }
  });

  it('a verified release whose workflow changed within its repository (medium alert): the caution icon, not the verified one', async () => {
    await spyOnSetIcon();
    const page = await open('https://www.npmjs.com/package/sigstore/v/2.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.includes('publisher-changed'), undefined, { timeout: 20_000 });
    expect(await page.locator('provenant-badge').getAttribute('data-alert-level')).toBe('medium');
    await expectIcon('caution', await suite.h.tabIdOf(page));
  });

  it('a release that lost its provenance after verified ones (high alert): the alert icon', async () => {
    await spyOnSetIcon();
    const page = await open('https://www.npmjs.com/package/sigstore/v/5.0.1');
    await page.waitForFunction(() => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.includes('provenance-lost'), undefined, { timeout: 20_000 });
    expect(await page.locator('provenant-badge').getAttribute('data-alert-level')).toBe('high');
    await expectIcon('alert', await suite.h.tabIdOf(page));
  });

  it('a tab that leaves its package page gets the default mark back', async () => {
    await spyOnSetIcon();
    const page = await open('https://www.npmjs.com/package/sigstore/v/1.0.0');
    expect(await waitForStatus(page)).toBe('verified');
    const tabId = await suite.h.tabIdOf(page);
    await expectIcon('verified', tabId);
    await page.goto('https://pypi.org/');
    await expectIcon('default', tabId);
  });

  it('site access withheld: the OFF icon as the default; given back: the plain mark', async () => {
    await spyOnSetIcon();
    const setHostAccess = async (hostAccess: 'ON_CLICK' | 'ON_ALL_SITES') => {
      const settings = await open('chrome://extensions');
      await settings.evaluate(
        ({ id, access }) => (globalThis as any).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }),
        { id: suite.h.extensionId, access: hostAccess },
      );
    };
    try {
      await setHostAccess('ON_CLICK');
      await expectIcon('off');
    } finally {
      await setHostAccess('ON_ALL_SITES');
    }
    await expectIcon('default');
  });
});

describe('the built extensions', () => {
  const builds = [extensionPathFor(), firefoxExtensionPathFor()].filter((dir) => existsSync(join(dir, 'manifest.json')));

  it.each(builds)('%s: the manifest lists the mark at 16, 32, 48 and 128 px for the extension and its toolbar button', (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.icons).toEqual(MARK_ICONS);
    expect(manifest.action.default_icon).toEqual(MARK_ICONS);
  });

  it.each(builds)('%s: carries every icon, byte for byte as a fresh rasterization draws it', (dir) => {
    const fresh = mkdtempSync(join(tmpdir(), 'provenant-icons-'));
    try {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/icons.mjs'), '--out', fresh], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const paths = [...Object.values(MARK_ICONS), ...TOOLBAR_ICONS.flatMap((i) => Object.values(toolbarIconPaths(i)).map((p) => p.slice(1)))];
      for (const path of new Set(paths)) {
        expect(existsSync(join(dir, path)), path).toBe(true);
        expect(readFileSync(join(dir, path)).equals(readFileSync(join(fresh, path))), path).toBe(true);
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

/**
 * Text contrast in the popup, the options page and the in-page badge, in the
 * light and the dark colour scheme: every visible text at least 4.5:1 against
 * what is painted behind it (WCAG AA for normal text), measured on the
 * computed styles Chromium actually uses. The badge's details panel too:
 * its pages open in a window without focus, where the browser refuses the
 * toolbar popup and the badge opens the panel instead.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionGlobal } from './harness/browser';
import { extensionOnReplay } from './harness/suite';

type Finding = { text: string; ratio: number; fg: string; bg: string };

/** Runs in the page: the lowest-contrast texts under `root` (a selector, optionally inside a shadow host). */
function lowContrast(args: { host?: string; root: string }): { checked: number; dark: boolean; low: Finding[] } {
  const parse = (c: string): [number, number, number, number] => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a] = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r!, g!, b!, a ?? 1];
  };
  const over = (top: number[], under: number[]) => top.slice(0, 3).map((v, i) => v * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
  const background = (el: Element | null): number[] => {
    const layers: number[][] = [];
    for (let e: Element | null = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg: number[];
    if (layers.length && layers[layers.length - 1]![3]! >= 1) bg = layers.pop()!;
    else bg = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
    while (layers.length) bg = over(layers.pop()!, bg);
    return bg;
  };
  const lum = (c: number[]) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const scope: ParentNode | null | undefined = args.host ? document.querySelector(args.host)?.shadowRoot : document;
  const root = scope?.querySelector(args.root);
  if (!root) throw new Error(`no ${args.root}`);
  const out: Finding[] = [];
  let checked = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim()) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
    checked++;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1! + 0.05) / (l2! + 0.05);
    if (ratio < 4.5) out.push({ text: n.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, fg: style.color, bg: `rgb(${bg.slice(0, 3).join(', ')})` });
  }
  return { checked, dark: lum(background(root instanceof Element ? root : null)) < 0.2, low: out };
}

describe('contrast in the light and the dark scheme', () => {
  const suite = extensionOnReplay();

  const check = async (page: Page, args: { host?: string; root: string }, scheme: 'light' | 'dark') => {
    const result = await page.evaluate(lowContrast, args);
    // The measurement saw text, in the scheme asked for.
    expect(result.checked).toBeGreaterThan(0);
    expect(result.dark).toBe(scheme === 'dark');
    return result.low;
  };

  it('the measurement finds low contrast where there is some', async () => {
    const options = await suite.h.context.newPage();
    await options.goto(suite.h.optionsUrl);
    await options.waitForSelector('main');
    await options.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'grey on grey';
      p.style.cssText = 'color:#777;background:#888';
      document.querySelector('main')!.append(p);
    });
    expect((await options.evaluate(lowContrast, { root: 'main' })).low.map((f) => f.text)).toEqual(['grey on grey']);
    await options.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: badge, details panel, popup and options for verified, partial and absent releases`, async () => {
      const findings: Record<string, Finding[]> = {};
      for (const url of ['https://www.npmjs.com/package/sigstore/v/1.0.0', 'https://pypi.org/project/pypi-attestation-models/', 'https://www.npmjs.com/package/lodash']) {
        const opened = suite.h.context.waitForEvent('page');
        await suite.h.serviceWorker.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.windows.create({ focused: false, url: 'about:blank' }));
        const page = await opened;
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url);
        await page.waitForFunction(() => ['verified', 'partial', 'absent'].includes(document.querySelector('provenant-badge')?.getAttribute('data-status') ?? ''), undefined, { timeout: 20_000 });
        findings[`badge ${url}`] = await check(page, { host: 'provenant-badge', root: '.pv-badge' }, scheme);
        await page.locator('provenant-badge .pv-badge').focus();
        await page.keyboard.press('Enter');
        await page.locator('provenant-badge .pv-panel [data-meaning]').waitFor({ timeout: 10_000 });
        findings[`panel ${url}`] = await check(page, { host: 'provenant-badge', root: '.pv-panel' }, scheme);
        const popup = await suite.h.context.newPage();
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.goto(suite.h.popupUrl(await suite.h.tabIdOf(page)));
        await popup.waitForSelector('main[data-status]:not([data-status="pending"])');
        await popup.locator('[data-timeline-version]').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
        await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        findings[`popup ${url}`] = await check(popup, { root: 'main' }, scheme);
        await popup.close();
        await page.close();
      }
      const options = await suite.h.context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(suite.h.optionsUrl);
      await options.waitForSelector('main');
      findings.options = await check(options, { root: 'main' }, scheme);
      await options.close();
      expect(Object.fromEntries(Object.entries(findings).filter(([, f]) => f.length > 0))).toEqual({});
    });
  }
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProvenantBadge, badgeTitle } from '../../components/badge/ProvenantBadge';
import { addAlerts, applyFailure, applyVerdict, initialView } from '../../lib/content/badge-state';
import type { BadgeVerdict } from '../../lib/content/badge-verdict';
import { placeHost } from '../../lib/content/place-host';
import { badgeStatusSchema } from '../../lib/policy/verdict';
import { STATUS_TONE, STATUS_WORDS } from '../../lib/ui/status-text';
import { readFileSync } from 'node:fs';
import { createDom, installDom, mount, uninstallDom } from './dom';

const page = { ecosystem: 'npm', package: 'sigstore' } as const;
const identity = { publisherKind: 'github', repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/release.yml' } as const;
const verdict = (status: BadgeVerdict['status']): BadgeVerdict => ({ status, version: '3.0.0', identity: { ...identity }, message: undefined });

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

describe('ProvenantBadge', () => {
  it.each(badgeStatusSchema.options)('shows words and an icon for %s', async (status) => {
    const view = status === 'pending' ? initialView(page) : applyVerdict(initialView(page), verdict(status));
    const root = await mount(<ProvenantBadge view={view} placement="inline" />, dom);
    const badge = root.querySelector('.pv-badge')!;
    // A button (keyboard-focusable, Enter and Space click it) inside a live region that announces the verdict.
    expect(badge.tagName).toBe('BUTTON');
    expect(badge.getAttribute('type')).toBe('button');
    expect(badge.getAttribute('aria-haspopup')).toBe('dialog');
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(badge.parentElement!.getAttribute('role')).toBe('status');
    expect(badge.querySelector('.pv-words')!.textContent).toBe(STATUS_WORDS[status]);
    expect(badge.querySelector(`svg.pv-icon-${status}`)).not.toBeNull();
    expect(badge.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(badge.classList.contains(`pv-status-${status}`)).toBe(true);
  });

  it.each(['verified', 'partial'] as const)('%s: one short identity line', async (status) => {
    const root = await mount(<ProvenantBadge view={applyVerdict(initialView(page), verdict(status))} placement="inline" />, dom);
    expect(root.querySelector('.pv-identity')!.textContent).toBe('sigstore/sigstore-js \u00B7 release.yml');
  });

  it('mismatch: loud, says it is not the pinned identity and who built it', async () => {
    const root = await mount(<ProvenantBadge view={applyVerdict(initialView(page), verdict('mismatch'))} placement="inline" />, dom);
    const badge = root.querySelector('.pv-badge')!;
    expect(badge.classList.contains('pv-status-mismatch')).toBe(true);
    expect(badge.textContent).toContain('Not the pinned identity');
    expect(root.querySelector('.pv-identity')!.textContent).toBe('built by sigstore/sigstore-js \u00B7 release.yml');
  });

  it.each(['absent', 'failed', 'unsupported', 'error'] as const)('%s: no identity line', async (status) => {
    const root = await mount(<ProvenantBadge view={applyVerdict(initialView(page), verdict(status))} placement="inline" />, dom);
    expect(root.querySelector('.pv-identity')).toBeNull();
  });

  it('shows history alerts in words next to the status', async () => {
    const view = addAlerts(applyVerdict(initialView(page), verdict('absent')), ['provenance-lost', 'future-kind']);
    const root = await mount(<ProvenantBadge view={view} placement="inline" />, dom);
    expect(root.querySelector('.pv-words')!.textContent).toBe(STATUS_WORDS.absent);
    expect([...root.querySelectorAll('.pv-alert')].map((a) => a.textContent)).toEqual(['\u26A0 Earlier versions had provenance', '\u26A0 future-kind']);
  });

  it('a high alert turns a verified badge red, a medium one amber (its colour follows the highest alert)', async () => {
    const verifiedView = applyVerdict(initialView(page), verdict('verified'));
    const high = await mount(<ProvenantBadge view={addAlerts(verifiedView, ['publisher-changed'], 'high')} placement="inline" />, dom);
    expect(high.querySelector('.pv-badge')!.className).toContain('pv-level-high');
    const medium = await mount(<ProvenantBadge view={addAlerts(verifiedView, ['publisher-changed'], 'medium')} placement="inline" />, dom);
    expect(medium.querySelector('.pv-badge')!.className).toContain('pv-level-medium');
    const quiet = await mount(<ProvenantBadge view={verifiedView} placement="inline" />, dom);
    expect(quiet.querySelector('.pv-badge')!.className).not.toContain('pv-level');
  });

  it('on a version-less page it names the version it judged (issue 11, finding 7), not on a versioned one', async () => {
    const latest = await mount(<ProvenantBadge view={applyVerdict(initialView({ ecosystem: 'npm', package: 'sigstore' }), verdict('verified'))} placement="inline" />, dom);
    expect(latest.querySelector('.pv-version')!.textContent).toBe(verdict('verified').version);
    const pending = await mount(<ProvenantBadge view={initialView({ ecosystem: 'npm', package: 'sigstore' })} placement="inline" />, dom);
    expect(pending.querySelector('.pv-version')).toBeNull();
    const versioned = await mount(<ProvenantBadge view={applyVerdict(initialView({ ...page, version: '3.0.0' }), verdict('verified'))} placement="inline" />, dom);
    expect(versioned.querySelector('.pv-version')).toBeNull();
  });

  it('in a corner it says whose badge it is', async () => {
    const root = await mount(<ProvenantBadge view={initialView(page)} placement="corner" />, dom);
    expect(root.querySelector('.pv-badge')!.classList.contains('pv-corner')).toBe(true);
    expect(root.querySelector('.pv-brand')!.textContent).toBe('Provenant');
  });

  it('renders registry text as text, never as markup', async () => {
    const hostile = { ...verdict('verified'), identity: { publisherKind: 'github' as const, repositoryUrl: '<img src=x onerror=alert(1)>', workflowPath: '<b>x</b>' } };
    const root = await mount(<ProvenantBadge view={applyVerdict(initialView(page), hostile)} placement="inline" />, dom);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.pv-identity')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('title names the state, where the details are and, for errors, why', () => {
    expect(badgeTitle(applyVerdict(initialView(page), verdict('verified')))).toBe('Provenant: Provenance verified. Click for details.');
    expect(badgeTitle(applyFailure(initialView(page), 'registry timed out'))).toContain('(registry timed out)');
  });

  it('title of a calm status beside an alert says so: ALERT for high, Caution for medium (never "all good")', () => {
    const verified = applyVerdict(initialView(page), verdict('verified'));
    expect(badgeTitle(addAlerts(verified, ['publisher-changed'], 'medium'))).toBe('Provenant: Provenance verified. Caution: Publisher changed. Click for details.');
    expect(badgeTitle(addAlerts(verified, ['registry-disagrees', 'publisher-changed'], 'high'))).toBe('Provenant: Provenance verified. ALERT: Registry disagrees, Publisher changed. Click for details.');
  });
});

describe('ProvenantBadge as a button', () => {
  it('calls onActivate on a click and says whether the details are open', async () => {
    const clicks: unknown[] = [];
    const view = applyVerdict(initialView(page), verdict('verified'));
    const root = await mount(<ProvenantBadge view={view} placement="inline" expanded onActivate={(e) => clicks.push(e)} />, dom);
    const badge = root.querySelector<HTMLElement>('.pv-badge')!;
    expect(badge.getAttribute('aria-expanded')).toBe('true');
    badge.click();
    expect(clicks).toHaveLength(1);
  });
});

describe('badge.css', () => {
  const css = readFileSync(new URL('../../components/badge/badge.css', import.meta.url), 'utf8');
  // The light-scheme rule that gives each status its colours, e.g. `.pv-status-failed, .pv-status-mismatch { --pv-bg: #b3261e; ... }`.
  const backgroundOf = (status: string) => {
    const rule = css.split('@media')[0]!.split('}').find((r) => new RegExp(`\\.pv-status-${status}\\b[^{]*\\{[^}]*--pv-bg`).test(r));
    return rule ? /--pv-bg:\s*(#[0-9a-f]+)/i.exec(rule)?.[1] : undefined;
  };

  it('colours statuses as STATUS_TONE says', () => {
    const byTone = new Map<string, Set<string | undefined>>();
    for (const status of badgeStatusSchema.options) {
      const set = byTone.get(STATUS_TONE[status]) ?? new Set();
      set.add(backgroundOf(status));
      byTone.set(STATUS_TONE[status], set);
    }
    // One background per tone, and different tones look different.
    for (const set of byTone.values()) expect(set.size).toBe(1);
    const backgrounds = [...byTone.values()].map((s) => [...s][0]);
    expect(new Set(backgrounds).size).toBe(byTone.size);
    expect(backgroundOf('mismatch')).toBe('#b3261e');
    expect(backgroundOf('pending')).toBeUndefined(); // neutral: the :host default
  });

  it('gives a high alert the failed colours, after the status rules so it wins', () => {
    const light = css.split('@media')[0]!;
    expect(light).toMatch(/\.pv-badge\.pv-level-high\s*\{[^}]*--pv-bg:\s*#b3261e/);
    expect(light.indexOf('.pv-level-high')).toBeGreaterThan(light.indexOf('.pv-status-verified {'));
  });

  it('selects only its own classes and the shadow host', () => {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...withoutComments.matchAll(/([^{}]+)\{/g)]
      .map((m) => m[1]!.trim())
      .filter((s) => !s.startsWith('@') && !/^(from|to|[\d.]+%)$/.test(s))
      .flatMap((s) => s.split(',').map((x) => x.trim()));
    expect(selectors.length).toBeGreaterThan(10);
    for (const selector of selectors) expect(selector, selector).toMatch(/^(:host|\.pv-[\w-]+)/);
  });
});

describe('placeHost', () => {
  const page1 = '<!doctype html><html><body><main id="top"><div><h1>sigstore</h1><span>3.0.0</span></div></main></body></html>';

  it('puts the badge right after the title', () => {
    const { document } = createDom(page1);
    const host = document.createElement('provenant-badge');
    expect(placeHost(host as unknown as Element, document as unknown as Document, '#top h1')).toBe('inline');
    expect(document.querySelector('#top h1')!.nextElementSibling).toBe(host);
  });

  it('falls back to the end of the body, then moves (not copies) the badge when the title appears', () => {
    const { document } = createDom('<!doctype html><html><body><main id="top"></main></body></html>');
    const host = document.createElement('provenant-badge') as unknown as Element;
    const doc = document as unknown as Document;
    expect(placeHost(host, doc, '#top h1')).toBe('corner');
    expect(document.body.lastElementChild).toBe(host);
    document.querySelector('#top')!.appendChild(document.createElement('h1'));
    expect(placeHost(host, doc, '#top h1')).toBe('inline');
    expect(placeHost(host, doc, '#top h1')).toBe('inline');
    expect(document.querySelectorAll('provenant-badge').length).toBe(1);
    expect(document.querySelector('#top h1')!.nextElementSibling).toBe(host);
  });

  it('puts the badge back after the page re-renders its header', () => {
    const { document } = createDom(page1);
    const doc = document as unknown as Document;
    const host = document.createElement('provenant-badge') as unknown as Element;
    placeHost(host, doc, '#top h1');
    // A client-side navigation replaces the header, dropping the badge with it.
    const top = document.querySelector('#top')!;
    top.replaceChildren();
    const header = document.createElement('div');
    header.appendChild(document.createElement('h1')).textContent = '@sigstore/verify';
    top.appendChild(header);
    expect((host as unknown as { isConnected: boolean }).isConnected).toBe(false);
    expect(placeHost(host, doc, '#top h1')).toBe('inline');
    expect(document.querySelector('#top h1')!.nextElementSibling).toBe(host);
    expect(document.querySelectorAll('provenant-badge').length).toBe(1);
  });
});

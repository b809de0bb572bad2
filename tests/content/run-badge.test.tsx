import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';

type Listener = (message: unknown, sender: { id?: string }) => void;
const runtime = vi.hoisted(() => ({
  id: 'provenant',
  listeners: [] as Listener[],
  asked: [] as { type: string; page?: { package: string }; retry?: boolean }[],
  status: {} as Record<string, string>,
  codes: {} as Record<string, string>,
  /** How many badges the page had when each verdict/get left. */
  badgesWhenAsked: [] as number[],
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: runtime.id,
      sendMessage: async (m: { type: string; page: { package: string } }) => {
        runtime.asked.push(m);
        if (m.type === 'verdict/get') runtime.badgesWhenAsked.push(globalThis.document?.querySelectorAll?.('provenant-badge').length ?? -1);
        if (m.type === 'history/get') return { ok: true, value: { version: '1.0.0', entries: [], alerts: [], acknowledged: [] } };
        const status = runtime.status[m.page.package] ?? 'verified';
        const code = runtime.codes[m.page.package];
        return { ok: true, value: { status, pinDifferences: [], report: { ecosystem: 'npm', package: m.page.package, version: '1.0.0', status, artifacts: [], checkedAt: 'x', ...(code ? { code } : {}) } } };
      },
      onMessage: {
        addListener: (l: Listener) => void runtime.listeners.push(l),
        removeListener: (l: Listener) => void runtime.listeners.splice(runtime.listeners.indexOf(l), 1),
      },
    },
  },
}));

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A www.npmjs.com document with the Navigation API, as Chromium gives it. */
function npmPage(path: string) {
  const { window, document } = parseHTML('<!doctype html><html><head></head><body><main id="top"><div><h1>pkg</h1></div></main></body></html>');
  const g = globalThis as Record<string, unknown>;
  const win = new EventTarget() as EventTarget & { postMessage(): void };
  win.postMessage = () => {};
  const navigation = new EventTarget();
  Object.assign(g, {
    window: win,
    document,
    navigation,
    location: new URL(`https://www.npmjs.com${path}`),
    MutationObserver: (window as unknown as { MutationObserver: unknown }).MutationObserver,
    CustomEvent: (window as unknown as { CustomEvent: unknown }).CustomEvent,
    requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0),
    cancelAnimationFrame: clearTimeout,
  });
  const badge = () => {
    const hosts = document.querySelectorAll('provenant-badge');
    expect(hosts.length).toBeLessThanOrEqual(1);
    const host = hosts[0];
    return host ? { status: host.getAttribute('data-status'), package: host.getAttribute('data-package') } : null;
  };
  /** The user starts a navigation; `commit` says whether this document ever gets the new URL. */
  const navigate = (to: string, commit: boolean) => {
    navigation.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url: `https://www.npmjs.com${to}` }, navigationType: 'push' }));
    if (!commit) return;
    g.location = new URL(`https://www.npmjs.com${to}`);
    navigation.dispatchEvent(new Event('currententrychange'));
  };
  return { badge, navigate };
}

const saved = { ...globalThis } as Record<string, unknown>;
beforeEach(() => {
  runtime.listeners.length = 0;
  runtime.asked.length = 0;
  runtime.status = {};
  runtime.codes = {};
  runtime.badgesWhenAsked.length = 0;
  vi.resetModules();
});
afterEach(() => {
  for (const k of ['window', 'document', 'navigation', 'location', 'MutationObserver', 'CustomEvent', 'requestAnimationFrame', 'cancelAnimationFrame']) {
    (globalThis as Record<string, unknown>)[k] = saved[k];
  }
});

async function start(path: string, beforeStart: (doc: Document) => void = () => {}) {
  const page = npmPage(path);
  beforeStart(globalThis.document);
  const { ContentScriptContext } = await import('wxt/utils/content-script-context');
  const { runBadge } = await import('../../components/badge/run-badge');
  const { npmPage: NPM_SITE } = await import('../../lib/registries/npm/page');
  const ctx = new ContentScriptContext('npm', { noScriptStartedPostMessage: true } as never);
  await runBadge(ctx, NPM_SITE);
  await settle();
  return { ...page, ctx };
}

describe('the badge on npmjs.com follows the URL the document has', () => {
  it('a navigation that starts but never commits here (a download, a 204, Stop) leaves the badge as it was', async () => {
    const { badge, navigate } = await start('/package/sigstore/v/1.0.0');
    expect(badge()).toEqual({ status: 'verified', package: 'sigstore' });
    runtime.status.lodash = 'absent';
    navigate('/package/lodash', false);
    navigate('/search?q=x', false);
    await settle();
    expect(badge()).toEqual({ status: 'verified', package: 'sigstore' });
    expect(runtime.asked.filter((m) => m.type === 'verdict/get').map((m) => m.page!.package)).toEqual(['sigstore']);
  });

  it('a committed in-page navigation moves the one badge to the new package, and a page that is no package removes it', async () => {
    const { badge, navigate } = await start('/package/sigstore/v/1.0.0');
    runtime.status.lodash = 'absent';
    navigate('/package/lodash', true);
    await settle();
    expect(badge()).toEqual({ status: 'absent', package: 'lodash' });
    navigate('/search?q=x', true);
    await settle();
    expect(badge()).toBeNull();
  });
});

describe('the first question', () => {
  it('leaves before the first paint: drawing the "checking" badge is not on a cached verdict\u2019s path', async () => {
    const { badge } = await start('/package/sigstore/v/1.0.0');
    expect(runtime.badgesWhenAsked).toEqual([0]);
    expect(badge()).toEqual({ status: 'verified', package: 'sigstore' });
  });
});

describe('started before the page is parsed (document_start)', () => {
  it('asks for the verdict at once, draws nothing into the loading document, and draws the answer when DOMContentLoaded comes', async () => {
    let state = 'loading';
    const { badge } = await start('/package/sigstore/v/1.0.0', (doc) => Object.defineProperty(doc, 'readyState', { get: () => state, configurable: true }));
    expect(runtime.asked.filter((m) => m.type === 'verdict/get').map((m) => m.page!.package)).toEqual(['sigstore']);
    expect(badge()).toBeNull();
    state = 'interactive';
    const { Event: DomEvent } = (document as unknown as { defaultView: { Event: typeof Event } }).defaultView;
    document.dispatchEvent(new DomEvent('DOMContentLoaded'));
    await settle();
    // The first thing drawn is the answer already received: no "checking" before it.
    expect(badge()).toEqual({ status: 'verified', package: 'sigstore' });
    expect(document.querySelector('h1')?.nextElementSibling?.tagName.toLowerCase()).toBe('provenant-badge');
  });
});

describe('badge/refresh from the background', () => {
  it('asks again, so a pin saved meanwhile turns verified into mismatch', async () => {
    const { badge } = await start('/package/tuf-js/v/1.0.0');
    expect(badge()?.status).toBe('verified');
    runtime.status['tuf-js'] = 'mismatch';
    for (const l of [...runtime.listeners]) l({ type: 'badge/refresh' }, { id: 'provenant' });
    await settle();
    expect(badge()?.status).toBe('mismatch');
  });

  it('the registry turned off while the page is open (REGISTRY_OFF): the badge leaves the page instead of showing an error', async () => {
    const { badge } = await start('/package/tuf-js/v/1.0.0');
    expect(badge()?.status).toBe('verified');
    runtime.status['tuf-js'] = 'error';
    runtime.codes['tuf-js'] = 'REGISTRY_OFF';
    for (const l of [...runtime.listeners]) l({ type: 'badge/refresh' }, { id: 'provenant' });
    await settle();
    expect(badge()).toBeNull();
    // Any other error still shows as one.
    runtime.codes['tuf-js'] = 'REGISTRY_UNAVAILABLE';
    const other = await start('/package/tuf-js/v/1.0.0');
    expect(other.badge()?.status).toBe('error');
  });

  it('ignores other senders and other messages', async () => {
    const { badge } = await start('/package/tuf-js/v/1.0.0');
    runtime.status['tuf-js'] = 'mismatch';
    for (const l of [...runtime.listeners]) {
      l({ type: 'badge/refresh' }, { id: 'another-extension' });
      l({ type: 'badge/refresh', status: 'verified' }, { id: 'provenant' });
      l('badge/refresh', { id: 'provenant' });
    }
    await settle();
    expect(badge()?.status).toBe('verified');
    expect(runtime.asked.filter((m) => m.type === 'verdict/get')).toHaveLength(1);
  });

  it('stops listening once the content script is invalidated', async () => {
    const { ctx } = await start('/package/tuf-js/v/1.0.0');
    expect(runtime.listeners).toHaveLength(1);
    ctx.abort();
    expect(runtime.listeners).toHaveLength(0);
  });
});

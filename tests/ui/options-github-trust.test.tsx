import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extensionOptionsApi, type OptionsApi } from '../../components/options/options-api';
import { OptionsApp } from '../../components/options/OptionsApp';
import { optionalRegistries } from '../../lib/background/optional-registries';
import { createRouter } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import { GITHUB_TUF_ORIGIN, githubTrustService } from '../../lib/trust/github-trust';
import type { TrustRecord } from '../../lib/trust/stored-trust';
import { TrustService } from '../../lib/trust/trust-service';
import { loadGithubSeed } from '../support/github-seed';
import { CLOCK, REPO, repoFile, serve } from '../trust/tuf-repo';
import { click, installDom, mount, settle, uninstallDom, until } from './dom';

/*
 * The options page over the real worker side: the page's own api
 * (extensionOptionsApi, so the messages are the ones it sends), the real
 * router and handlers, the real optional-registry logic over the real
 * registry list, public-good's recorded TUF repository and GitHub's real
 * packaged root (tuf-repo.github.com v9). Only the browser's grants and the
 * user's stored choice are in memory, and every request to GitHub's TUF
 * repository is recorded and answered 404 (nothing beyond its root could be recorded).
 */
const OPTIONS_PAGE = { id: 'abc', url: 'chrome-extension://abc/options.html' };

function worker() {
  const memory = { granted: new Set<string>(), wanted: [] as string[] };
  const store = () => {
    let stored: unknown = {};
    return { read: async () => stored, write: async (r: TrustRecord) => void (stored = r) };
  };
  const publicGood = serve(REPO.current);
  const trust = new TrustService({ seed: { root: repoFile(REPO.current, '1.root.json'), targets: { trustedRoot: '{}', npmKeys: '{}' } }, store: store(), fetch: publicGood.fetch, now: () => CLOCK.current });
  const githubRequests: string[] = [];
  const githubTrust = githubTrustService({
    store: store(),
    loadSeed: loadGithubSeed,
    fetchImpl: async (url) => (githubRequests.push(url), new Response('', { status: 404 })),
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
  const registries = optionalRegistries({
    contains: async (origins) => origins.every((o) => memory.granted.has(o)),
    remove: async (origins) => (origins.forEach((o) => memory.granted.delete(o)), true),
    registeredScripts: async () => [],
    register: async () => {},
    unregister: async () => {},
    readWanted: async () => [...memory.wanted],
    changeWanted: async (change) => void (memory.wanted = change([...memory.wanted])),
  });
  const service = new VerdictService({
    verifyRelease: async () => { throw new Error('not used'); },
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const route = createRouter({
    extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc', service, trust, githubTrust, optionalRegistries: registries,
    setToolbar: async () => {}, history: async () => { throw new Error('not used'); }, tabUrl: async () => undefined, refreshBadge: async () => {},
    openPopup: async () => { throw new Error('not used'); }, injectPanel: async () => { throw new Error('not used'); }, verifiedIdentities: async () => [],
  });
  const sent: unknown[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => (sent.push(message), route(message, OPTIONS_PAGE as never))) as never);
  const api: OptionsApi = {
    ...extensionOptionsApi(),
    // The browser's permission prompt, answered yes.
    requestOrigins: async (origins) => (origins.forEach((o) => memory.granted.add(o)), true),
    // The rest of the page is not under test here.
    listPins: async () => [], getSettings: async () => ({ trustOnFirstUse: false }), listAcks: async () => [], listQuarantine: async () => [],
    githubTokenStatus: undefined, saveGithubToken: undefined,
  };
  return { api, memory, sent, githubRequests, publicGoodRequests: publicGood.requests };
}

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  fakeBrowser.reset();
  dom = installDom();
});
afterEach(() => {
  uninstallDom();
  vi.restoreAllMocks();
});

const section = (root: HTMLElement, instance: string) => root.querySelector<HTMLElement>(`section[data-trust-instance="${instance}"]`);
const field = (root: ParentNode | null, name: string) => root?.querySelector(`[data-trust-field="${name}"]`)?.textContent;
const refreshButton = (s: HTMLElement) => [...s.querySelectorAll('button')].find((b) => b.textContent === 'Refresh now')!;

async function turn(root: HTMLElement, ecosystem: string, on: boolean) {
  const box = root.querySelector<HTMLInputElement>(`[data-registry="${ecosystem}"]`)!;
  await act(() => {
    box.checked = on;
    box.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
  });
  await settle();
}

describe('options: GitHub\u2019s Sigstore trust material', () => {
  it('shows only while GitHub releases is on: its own heading and words, the packaged root\u2019s status, its own "Refresh now"', async () => {
    const w = worker();
    const root = await mount(<OptionsApp api={w.api} />, dom);
    await until(() => root.querySelector('[data-registry="github"]'));
    await until(() => field(section(root, 'public-good'), 'root-version'));
    expect(section(root, 'github')).toBeNull();

    await turn(root, 'github', true);
    const github = await until(() => section(root, 'github'));
    await until(() => field(github, 'root-version') === '9');
    expect(github.querySelector('h2')?.textContent).toBe('GitHub\u2019s Sigstore trust material');
    const hint = github.querySelector('.hint')?.textContent ?? '';
    expect(hint).toContain('It has no public transparency log');
    expect(hint).toContain('Its trusted root comes from GitHub\u2019s TUF repository, tuf-repo.github.com');
    expect(field(github, 'source')).toBe('Embedded in this version of Provenant');
    expect(field(github, 'expires')).toBe('2027-01-28 20:18:53 UTC');
    // Public-good's section is unchanged beside it, and its messages still carry no instance.
    expect(section(root, 'public-good')?.querySelector('h2')?.textContent).toBe('Sigstore trust material');
    expect(w.sent).toContainEqual({ type: 'trust/status' });
    expect(w.sent).toContainEqual({ type: 'trust/status', instance: 'github' });

    await click(refreshButton(github), dom);
    await until(() => github.querySelector('.trust-result')?.textContent?.startsWith('Not refreshed: ') || null);
    expect(field(github, 'last-attempt')).toMatch(/failed: /);
    expect(w.githubRequests).toEqual([`${GITHUB_TUF_ORIGIN}/10.root.json`, `${GITHUB_TUF_ORIGIN}/timestamp.json`]);
    // Only GitHub's repository was asked, and public-good's section says nothing of it.
    expect(w.publicGoodRequests).toEqual([]);
    expect(section(root, 'public-good')?.querySelector('.trust-result')?.textContent).toBe('');

    await turn(root, 'github', false);
    await until(() => (section(root, 'github') ? null : true));
    expect(section(root, 'public-good')).not.toBeNull();
  });

  it('a refresh after the access was taken away in the browser is refused, and says why', async () => {
    const w = worker();
    const root = await mount(<OptionsApp api={w.api} />, dom);
    await until(() => root.querySelector('[data-registry="github"]'));
    await turn(root, 'github', true);
    const github = await until(() => section(root, 'github'));
    await until(() => field(github, 'root-version') === '9');
    // Revoked in the browser's own settings: the page has not heard yet.
    w.memory.granted.clear();
    await click(refreshButton(github), dom);
    await until(() => github.querySelector('.trust-result')?.textContent?.startsWith('Not refreshed: ') || null);
    expect(github.querySelector('.trust-result')?.textContent).toMatch(
      /^Not refreshed: GitHub\u2019s trust material is used, and refreshed from tuf-repo\.github\.com, only while GitHub releases or Homebrew is turned on in the options page/,
    );
    expect(w.githubRequests).toEqual([]);
  });
});

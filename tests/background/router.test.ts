import { onePinRaw } from '../support/pins';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, senderKind, senderPageRefusal } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import type { ReleaseReport } from '../../lib/report/model';
import { pinsItem, quarantineItem, readPins } from '../../lib/storage/items';
import { exportPylock, parsePylock } from '../../lib/policy/pep751';
import { extensionOptionsApi } from '../../components/options/options-api';
import { pinSchema } from '../../lib/policy/pins';

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const popup = { id: 'abc', url: 'chrome-extension://abc/popup.html' };
const contentScript = { id: 'abc', url: 'https://www.npmjs.com/package/lodash', tab: { id: 7, url: 'https://www.npmjs.com/package/lodash' } };
const otherExtension = { id: 'evil', url: 'chrome-extension://evil/page.html' };
const pageOnOtherSite = { id: 'abc', url: 'https://example.com/', tab: { id: 8, url: 'https://example.com/' } };

/** The pin as a version 1 file (and earlier storage) held it: one identity's fields beside the package. */
const flatPin = { ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', createdAt: '2026-01-01T00:00:00Z', source: 'manual' };
const pin = onePinRaw(flatPin);
/** `pin` with these identity fields changed or added. */
const pinWith = (fields: Record<string, string>) => onePinRaw({ ...flatPin, ...fields });

function router() {
  const report = (version: string): ReleaseReport => ({ ecosystem: 'npm', package: 'lodash', version, status: 'absent', artifacts: [], checkedAt: 'x' });
  const service = new VerdictService({
    verifyRelease: async (p) => report(p.version ?? '4.17.21'),
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const toolbar: unknown[] = [];
  const tabUrls = new Map<number, string>([[7, contentScript.tab.url]]);
  const opened: number[] = [];
  const popupAnswer: { value: 'opened' | 'NO_FOCUSED_WINDOW' | 'POPUP_REFUSED' } = { value: 'opened' };
  const clock = { now: 1_000_000 };
  const identityAsks: [string, string][] = [];
  const injected: [number, number][] = [];
  const route = createRouter({
    ...EXT,
    service,
    setToolbar: async (...args) => void toolbar.push(args),
    history: async () => ({ version: '4.17.21', entries: [], alerts: [], acknowledged: [] }),
    tabUrl: async (tabId) => tabUrls.get(tabId),
    refreshBadge: async () => {},
    openPopup: async (tabId) => {
      opened.push(tabId);
      return popupAnswer.value;
    },
    injectPanel: async (tabId, frameId) => void injected.push([tabId, frameId]),
    verifiedIdentities: async (ecosystem, pkg) => {
      identityAsks.push([ecosystem, pkg]);
      return [{ version: '4.17.21', identity: { publisherKind: 'github', repositoryUrl: 'https://github.com/lodash/lodash', repositoryId: '1' }, checkedAt: '2026-01-01T00:00:00Z' }];
    },
    now: () => clock.now,
  });
  return { route, toolbar, tabUrls, opened, popupAnswer, clock, identityAsks, injected };
}

describe('message router', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['popup', popup, 'extension-page'],
    ['content script on a registry page', contentScript, 'content-script'],
    ['another extension', otherExtension, 'unknown'],
    ['our content script on another site', pageOnOtherSite, 'unknown'],
  ] as const)('classifies %s', (_n, sender, kind) => {
    expect(senderKind(sender as never, EXT)).toBe(kind);
  });

  it('content scripts may ask for verdicts but not change pins or settings', async () => {
    const { route } = router();
    expect(await route({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, contentScript as never)).toMatchObject({ ok: true, value: { status: 'absent' } });
    for (const msg of [{ type: 'pins/save', pin }, { type: 'pins/list' }, { type: 'settings/save', settings: { trustOnFirstUse: true } }, { type: 'pins/import', text: '{}' }, { type: 'quarantine/list' }]) {
      expect(await route(msg, contentScript as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await pinsItem.getValue()).toEqual([]);
  });

  describe('details/open (a click on the badge)', () => {
    const open = { type: 'details/open', page: { ecosystem: 'npm', package: 'lodash' } };

    it('opens the popup for the content script\u2019s own tab', async () => {
      const { route, opened, injected } = router();
      expect(await route(open, contentScript as never)).toEqual({ ok: true, value: { opened: true } });
      expect(opened).toEqual([7]);
      expect(injected).toEqual([]);
    });

    it('says why when the browser would not open it, so the badge shows its panel', async () => {
      const { route, popupAnswer, injected } = router();
      popupAnswer.value = 'NO_FOCUSED_WINDOW';
      expect(await route(open, contentScript as never)).toEqual({ ok: true, value: { opened: false, reason: 'NO_FOCUSED_WINDOW' } });
      // The panel's code is in the tab before the badge reads the answer.
      expect(injected).toEqual([[7, 0]]);
    });

    it('is refused for a package the tab does not show', async () => {
      const { route, opened, injected } = router();
      expect(await route({ type: 'details/open', page: { ecosystem: 'npm', package: 'left-pad' } }, contentScript as never)).toMatchObject({ ok: false, error: { code: 'NOT_SENDER_PAGE' } });
      expect(opened).toEqual([]);
      expect(injected).toEqual([]);
    });

    it.each([
      ['an extension page', popup],
      ['another extension', otherExtension],
      ['our content script on another site', pageOnOtherSite],
    ])('is refused from %s', async (_n, sender) => {
      const { route, opened } = router();
      expect(await route(open, sender as never)).toMatchObject({ ok: false });
      expect(opened).toEqual([]);
    });

    it('is rate-limited per tab: one a second, six a minute', async () => {
      const { route, opened, clock } = router();
      expect(await route(open, contentScript as never)).toMatchObject({ ok: true });
      clock.now += 500;
      expect(await route(open, contentScript as never)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      for (let i = 0; i < 5; i++) {
        clock.now += 1_000;
        expect(await route(open, contentScript as never)).toMatchObject({ ok: true });
      }
      clock.now += 1_000;
      expect(await route(open, contentScript as never)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(opened).toHaveLength(6);
      clock.now += 60_000;
      expect(await route(open, contentScript as never)).toMatchObject({ ok: true });
    });

    it.each([
      ['no page', { type: 'details/open' }],
      ['an unknown registry', { type: 'details/open', page: { ecosystem: 'cargo', package: 'lodash' } }],
    ])('rejects a malformed request: %s', async (_n, msg) => {
      const { route, opened } = router();
      const answer = await route(msg, contentScript as never);
      expect(answer.ok).toBe(false);
      expect(opened).toEqual([]);
    });
  });

  it('identities/list answers extension pages only, for the normalized package', async () => {
    const { route, identityAsks } = router();
    const ask = { type: 'identities/list', ecosystem: 'pypi', package: 'Pypi_Attestations' };
    expect(await route(ask, contentScript as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await route(ask, popup as never)).toMatchObject({ ok: true, value: [{ version: '4.17.21' }] });
    expect(identityAsks).toEqual([['pypi', 'pypi-attestations']]);
  });

  it('extension pages may change pins', async () => {
    const { route } = router();
    expect(await route({ type: 'pins/save', pin }, popup as never)).toMatchObject({ ok: true });
    expect(await pinsItem.getValue()).toHaveLength(1);
  });

  it('other extensions are refused everything', async () => {
    const { route } = router();
    expect(await route({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, otherExtension as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each([
    ['unknown type', { type: 'pins/wipe' }],
    ['missing fields', { type: 'verdict/get' }],
    ['wrong ecosystem', { type: 'verdict/get', page: { ecosystem: 'cargo', package: 'x' } }],
    ['not an object', 'verdict/get'],
  ])('rejects a malformed message: %s', async (_n, msg) => {
    const { route } = router();
    expect(await route(msg, popup as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('a bad import changes nothing and says why', async () => {
    const { route } = router();
    await route({ type: 'pins/save', pin }, popup as never);
    const before = await pinsItem.getValue();
    const answer = await route({ type: 'pins/import', text: JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'npm' }] }) }, popup as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect(await pinsItem.getValue()).toEqual(before);
  });

  it('pin field limits hold at import, at save and when read (issue 11, finding 5)', async () => {
    const { route } = router();
    const huge = pinWith({ refPattern: `refs/${'*'.repeat(300)}` });
    const file = JSON.stringify({ format: 'provenant-pins', version: 2, pins: [huge] });
    const hugeV1 = JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ...flatPin, refPattern: `refs/${'*'.repeat(300)}` }] });
    expect(await route({ type: 'pins/import', text: hugeV1 }, popup as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect(await route({ type: 'pins/import', text: file }, popup as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect(await route({ type: 'pins/save', pin: huge }, popup as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await pinsItem.getValue()).toEqual([]);
    // Written by an older version or by hand: not used, kept in quarantine.
    await pinsItem.setValue([huge as never]);
    expect(await readPins()).toEqual([]);
    expect((await quarantineItem.getValue()).map((q) => q.key)).toEqual(['pins']);
  });

  it('an import that would weaken a pin is refused until confirmed, saying what it would drop (issue 11, finding 10)', async () => {
    const { route } = router();
    const strong = pinWith({ repositoryId: '2', workflowPath: '.github/workflows/release.yml' });
    await route({ type: 'pins/save', pin: strong }, popup as never);
    const weaker = JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ...flatPin, repositoryUrl: 'https://github.com/evil/lodash' }] });
    const refused = await route({ type: 'pins/import', text: weaker }, popup as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_WEAKENS' } });
    expect((refused as { error: { message: string } }).error.message).toContain('lodash (repositoryUrl, repositoryId, workflowPath)');
    expect(await readPins()).toMatchObject([{ identities: [{ repositoryUrl: 'https://github.com/lodash/lodash', repositoryId: '2' }] }]);
    expect(await route({ type: 'pins/import', text: weaker, allowWeaker: true }, popup as never)).toMatchObject({ ok: true, value: [{ identities: [{ repositoryUrl: 'https://github.com/evil/lodash' }] }] });
    // Adding constraints needs no confirmation.
    const stronger = JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ...flatPin, repositoryUrl: 'https://github.com/evil/lodash', ownerId: '7' }] });
    expect(await route({ type: 'pins/import', text: stronger }, popup as never)).toMatchObject({ ok: true });
    // Accepting one more identity (issue 13, part 5) lets another publisher through: refused like a weakening.
    const current = (await readPins())[0]!;
    const another = JSON.stringify({ format: 'provenant-pins', version: 2, pins: [{ ...current, identities: [...current.identities, { repositoryUrl: 'https://github.com/evil/lodash', workflowPath: '.github/workflows/publish.yml' }] }] });
    const added = await route({ type: 'pins/import', text: another }, popup as never);
    expect(added).toMatchObject({ ok: false, error: { code: 'IMPORT_WEAKENS' } });
    expect((added as { error: { message: string } }).error.message).toContain('lodash (ownerId), accepting another identity');
    expect((await readPins())[0]!.identities).toHaveLength(1);
  });

  it('PEP 751 attestation identities (read by the options page) merge like a pin file: checked by pinSchema, refused whole when bad, and as a weakening when they accept another publisher', async () => {
    const { route } = router();
    const pypi = { ecosystem: 'pypi', package: 'sampleproject', identities: [{ repositoryUrl: 'https://github.com/pypa/sampleproject', workflowPath: '.github/workflows/release.yml', repositoryId: '1' }], createdAt: 'x', source: 'manual' };
    await route({ type: 'pins/save', pin: pypi }, popup as never);
    // The options page's export and import (components/options/options-api.ts).
    const toml = exportPylock(await readPins()).text;
    expect(toml).toContain('repository = "pypa/sampleproject"');
    expect(toml).toContain('Not carried by PEP 751 (still checked by Provenant): repositoryId');
    const read = parsePylock(toml);
    // Read back, it drops the repository id: a weakening, refused until confirmed.
    expect(await route({ type: 'pins/merge', pins: read }, popup as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_WEAKENS', message: expect.stringContaining('sampleproject (repositoryId)') } });
    // The worker trusts the page no more than a file: a pin pinSchema refuses (no identity, a non-https repository) refuses them all.
    expect(await route({ type: 'pins/merge', pins: [...read, { ...read[0]!, package: 'other', identities: [] }], allowWeaker: true }, popup as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await route({ type: 'pins/merge', pins: [{ ...read[0]!, identities: [{ repositoryUrl: 'http://github.com/pypa/sampleproject' }] }], allowWeaker: true }, popup as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Nor from a content script.
    expect(await route({ type: 'pins/merge', pins: read, allowWeaker: true }, contentScript as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The worker reads no PEP 751 text: TOML is refused as a Provenant pin file, with or without the old `format`.
    expect(await route({ type: 'pins/import', text: toml }, popup as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect(await route({ type: 'pins/import', text: toml, format: 'pep751' }, popup as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID' } });
    expect((await readPins())[0]!.identities).toEqual(pypi.identities);
    // Confirmed: merged, and whatever source the page gave, they are imported pins.
    const merged = await route({ type: 'pins/merge', pins: read.map((p) => ({ ...p, source: 'manual' })), allowWeaker: true }, popup as never);
    expect(merged).toMatchObject({ ok: true, value: [{ package: 'sampleproject', source: 'import', identities: [{ repositoryUrl: 'https://github.com/pypa/sampleproject', workflowPath: '.github/workflows/release.yml' }] }] });
  });

  it("the options page's own API: PEP 751 read and written in the page, the worker sent pins and asked for the list", async () => {
    const { route } = router();
    const sent: { type: string }[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      sent.push(message as { type: string });
      return route(message, popup as never);
    });
    const api = extensionOptionsApi();
    await api.savePin(pinSchema.parse({ ecosystem: 'pypi', package: 'sampleproject', identities: [{ repositoryUrl: 'https://github.com/pypa/sampleproject', workflowPath: '.github/workflows/release.yml' }], createdAt: 'x' }));
    const toml = await api.exportPins('pep751');
    expect(toml).toContain('repository = "pypa/sampleproject"');
    expect(await api.exportPins('pnpm')).toContain('trustPolicy: no-downgrade');
    expect(JSON.parse(await api.exportPins()).pins).toHaveLength(1);
    expect(sent.map((m) => m.type)).toEqual(['pins/save', 'pins/list', 'pins/list', 'pins/export']);
    // Another workflow: a weakening, refused by the worker until confirmed.
    const other = toml.replace('.github/workflows/release.yml', '.github/workflows/other.yml').replace('workflow = "release.yml"', 'workflow = "other.yml"');
    await expect(api.importPins(other, false, 'pep751')).rejects.toMatchObject({ code: 'IMPORT_WEAKENS' });
    expect(sent.at(-1)).toMatchObject({ type: 'pins/merge', pins: [{ package: 'sampleproject' }] });
    // A file that does not parse never reaches the worker, and reads as the worker's refusal did.
    const before = sent.length;
    await expect(api.importPins(toml.replace(/^\[\[packages\]\]$/m, '[metadata]'), false, 'pep751')).rejects.toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringMatching(/^The file is not PEP 751 attestation identities as Provenant writes them: line \d+/) });
    expect(sent.length).toBe(before);
    expect(await api.importPins(other, true, 'pep751')).toMatchObject([{ package: 'sampleproject', source: 'import', identities: [{ workflowPath: '.github/workflows/other.yml' }] }]);
  });

  it('records the tab and sets the toolbar for content-script verdicts', async () => {
    const { route, toolbar } = router();
    await route({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, contentScript as never);
    expect(toolbar.map((t) => (t as unknown[])[2])).toEqual([true, false]);
    const state = await route({ type: 'tab/get', tabId: 7 }, popup as never);
    expect(state).toMatchObject({ ok: true, value: { tabId: 7, page: { package: 'lodash' } } });
  });
});

describe('content scripts ask only about their own page', () => {
  beforeEach(() => fakeBrowser.reset());

  const on = (url: string, tabUrl = url) => ({ id: 'abc', url, tab: { id: 7, url: tabUrl } });

  it.each([
    ['another package', { ecosystem: 'npm', package: 'evil' }],
    ['another version', { ecosystem: 'npm', package: 'lodash', version: '4.17.20' }],
    ['a version where the page shows the latest', { ecosystem: 'npm', package: 'lodash', version: '4.17.21' }],
    ['another registry', { ecosystem: 'pypi', package: 'lodash' }],
  ] as const)('verdict/get and history/get for %s are refused, and the toolbar is not touched', async (_n, page) => {
    const { route, toolbar } = router();
    for (const type of ['verdict/get', 'history/get'] as const) {
      expect(await route({ type, page }, contentScript as never)).toMatchObject({ ok: false, error: { code: 'NOT_SENDER_PAGE' } });
    }
    expect(toolbar).toEqual([]);
    // Nothing was recorded for the tab either: the popup shows no package for it.
    expect(await route({ type: 'tab/get', tabId: 7 }, popup as never)).toEqual({ ok: true, value: { tabId: 7, pending: false } });
  });

  it('the page is derived from the tab\u2019s URL as the content scripts detect it (PEP 503 names, query and hash ignored)', () => {
    const pypi = on('https://pypi.org/project/Flask_SQLAlchemy/3.1.1/#files');
    expect(senderPageRefusal({ type: 'verdict/get', page: { ecosystem: 'pypi', package: 'flask-sqlalchemy', version: '3.1.1' } }, pypi as never)).toBeUndefined();
    expect(senderPageRefusal({ type: 'history/get', page: { ecosystem: 'npm', package: 'sigstore' } }, on('https://www.npmjs.com/package/sigstore?activeTab=versions') as never)).toBeUndefined();
    // npmjs.com navigates in the page: the tab's URL (the address bar) is what counts, not the URL the document was loaded with.
    const moved = on('https://www.npmjs.com/package/lodash', 'https://www.npmjs.com/package/sigstore/v/3.0.0');
    expect(senderPageRefusal({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'sigstore', version: '3.0.0' } }, moved as never)).toBeUndefined();
    expect(senderPageRefusal({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, moved as never)?.code).toBe('NOT_SENDER_PAGE');
    // Without a visible tab URL, the sender's own URL decides.
    expect(senderPageRefusal({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, { id: 'abc', url: 'https://www.npmjs.com/package/lodash', tab: { id: 7 } } as never)).toBeUndefined();
    // A registry page that is no package page may ask about nothing.
    expect(senderPageRefusal({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, on('https://www.npmjs.com/search?q=lodash') as never)?.code).toBe('NOT_SENDER_PAGE');
  });

  it('the extension\u2019s own pages may still ask about any package', async () => {
    const { route } = router();
    expect(await route({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash', version: '4.17.20' } }, popup as never)).toMatchObject({ ok: true, value: { status: 'absent' } });
  });
});

describe('the toolbar follows what each tab shows', () => {
  beforeEach(() => fakeBrowser.reset());

  const identity = (repo: string) => ({ publisherKind: 'github' as const, repositoryUrl: `https://github.com/${repo}`, workflowPath: '.github/workflows/release.yml', issuer: 'https://token.actions.githubusercontent.com' });
  const report = (pkg: string, status: 'verified' | 'failed', repo = `o/${pkg}`): ReleaseReport => ({
    ecosystem: 'npm', package: pkg, version: '1.0.0', status, checkedAt: 'x',
    artifacts: [{ name: `pkg:npm/${pkg}@1.0.0`, digest: { algorithm: 'sha512', hex: 'ab' }, status, attestations: [], ...(status === 'verified' ? { identity: identity(repo) } : {}) }],
    ...(status === 'verified' ? { identity: identity(repo) } : {}),
  });
  const at = (pkg: string) => `https://www.npmjs.com/package/${pkg}/v/1.0.0`;
  const from = (pkg: string) => ({ id: 'abc', url: at(pkg), tab: { id: 7, url: at(pkg) } });
  const page = (pkg: string) => ({ ecosystem: 'npm' as const, package: pkg, version: '1.0.0' });

  function setup(verify: (pkg: string) => Promise<ReleaseReport>, beforePaint: (pending: boolean) => Promise<void> = async () => {}) {
    const tabUrls = new Map<number, string>();
    const reports = new Map<string, any>();
    const service = new VerdictService({
      verifyRelease: (p) => verify(p.package),
      store: {
        getReport: async (k) => reports.get(k),
        putReport: async (k, e) => void reports.set(k, e),
        getPin: async (eco, pkg) => (await readPins()).find((p) => p.ecosystem === eco && p.package === pkg),
        addPin: async () => {},
        trustOnFirstUse: async () => false,
      },
    });
    const toolbar: [number, string | undefined, boolean, readonly string[] | undefined][] = [];
    const refreshed: number[] = [];
    const route = createRouter({
      ...EXT,
      service,
      setToolbar: async (tabId, verdict, pending, alerts) => {
        await beforePaint(pending);
        toolbar.push([tabId, verdict?.status, pending, alerts]);
      },
      history: async () => ({ version: '1.0.0', entries: [], alerts: [{ kind: 'provenance-lost' }] as never, acknowledged: [] }),
      tabUrl: async (tabId) => tabUrls.get(tabId),
      refreshBadge: async (tabId) => void refreshed.push(tabId),
      openPopup: async () => 'opened',
      injectPanel: async () => {},
      verifiedIdentities: async () => [],
    });
    return { route, toolbar, tabUrls, refreshed };
  }

  it('answers the badge before painting the toolbar, and paints the alerts the badge asks for next after the verdict', async () => {
    let releasePaint!: () => void;
    const gate = new Promise<void>((r) => (releasePaint = r));
    let finalPaints = 0;
    const { route, toolbar, tabUrls } = setup(
      async () => report('a', 'verified'),
      async (pending) => {
        if (!pending && finalPaints++ === 0) await gate;
      },
    );
    tabUrls.set(7, at('a'));
    const early: unknown[] = [];
    let settled = false;
    const verdict = route({ type: 'verdict/get', page: page('a') }, from('a') as never, (e) => early.push(e)).then((e) => ((settled = true), e));
    await vi.waitFor(() => expect(early).toHaveLength(1));
    expect(early[0]).toMatchObject({ ok: true, value: { status: 'verified' } });
    expect(settled).toBe(false);
    expect(toolbar.filter((t) => !t[2])).toEqual([]);
    // The badge, having its verdict, asks for the history while the verdict's toolbar is still being painted.
    const history = route({ type: 'history/get', page: page('a') }, from('a') as never, () => {});
    await new Promise((r) => setTimeout(r, 5));
    releasePaint();
    expect(await verdict).toMatchObject({ ok: true, value: { status: 'verified' } });
    await history;
    expect(toolbar.filter((t) => !t[2]).map((t) => t[3])).toEqual([[], ['provenance-lost']]);
    expect(early).toHaveLength(1);
  });

  it('a slow verdict for the page the tab has left does not paint over the one it shows now', async () => {
    let releaseA!: () => void;
    const gateA = new Promise<void>((r) => (releaseA = r));
    const { route, toolbar, tabUrls } = setup(async (pkg) => {
      if (pkg === 'a') await gateA;
      return pkg === 'a' ? report('a', 'verified') : report('b', 'failed');
    });
    tabUrls.set(7, at('a'));
    const slow = route({ type: 'verdict/get', page: page('a') }, from('a') as never);
    await new Promise((r) => setTimeout(r, 5));
    // npmjs.com navigates in the page: the same tab now shows b.
    tabUrls.set(7, at('b'));
    await route({ type: 'verdict/get', page: page('b') }, from('b') as never);
    releaseA();
    expect(await slow).toMatchObject({ ok: true, value: { status: 'verified' } });
    expect(toolbar.filter((t) => !t[2]).map((t) => t[1])).toEqual(['failed']);
    expect(await route({ type: 'tab/get', tabId: 7 }, popup as never)).toMatchObject({ value: { page: { package: 'b' }, verdict: { status: 'failed' } } });
  });

  it('a pin saved in the options page repaints the toolbar of a tab it now contradicts, keeping its alerts, and refreshes its badge', async () => {
    const { route, toolbar, tabUrls, refreshed } = setup(async () => report('a', 'verified', 'good/a'));
    tabUrls.set(7, at('a'));
    await route({ type: 'verdict/get', page: page('a') }, from('a') as never);
    await route({ type: 'history/get', page: page('a') }, from('a') as never);
    expect(toolbar.at(-1)).toEqual([7, 'verified', false, ['provenance-lost']]);
    const options = { id: 'abc', url: 'chrome-extension://abc/options.html', tab: { id: 9, url: 'chrome-extension://abc/options.html' } };
    const saved = await route({ type: 'pins/save', pin: { ecosystem: 'npm', package: 'a', identities: [{ repositoryUrl: 'https://github.com/other/a' }], createdAt: 'x' } }, options as never);
    expect(saved).toMatchObject({ ok: true });
    expect(toolbar.at(-1)).toEqual([7, 'mismatch', false, ['provenance-lost']]);
    expect(refreshed).toEqual([7]);
    await route({ type: 'pins/remove', ecosystem: 'npm', package: 'a' }, options as never);
    expect(toolbar.at(-1)).toEqual([7, 'verified', false, ['provenance-lost']]);
  });

  it('a tab that has left the package page, or whose URL the browser no longer shows, has no package state', async () => {
    const { route, tabUrls } = setup(async () => report('a', 'verified'));
    tabUrls.set(7, at('a'));
    await route({ type: 'verdict/get', page: page('a') }, from('a') as never);
    expect(await route({ type: 'tab/get', tabId: 7 }, popup as never)).toMatchObject({ value: { page: { package: 'a' }, verdict: { status: 'verified' } } });
    for (const elsewhere of ['https://www.npmjs.com/search?q=a', 'https://pypi.org/', 'not a url', undefined]) {
      if (elsewhere === undefined) tabUrls.delete(7);
      else tabUrls.set(7, elsewhere);
      expect(await route({ type: 'tab/get', tabId: 7 }, popup as never)).toEqual({ ok: true, value: { tabId: 7, pending: false } });
      // Nor does "check again" verify, or paint the toolbar for, the page the tab left.
      expect(await route({ type: 'verdict/recheck', tabId: 7 }, popup as never)).toEqual({ ok: true, value: { tabId: 7, pending: false } });
      expect(await route({ type: 'pins/pin-current', tabId: 7, page: page('a'), version: '1.0.0' }, popup as never)).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_PIN' } });
    }
    // Query and hash do not make it another page.
    tabUrls.set(7, `${at('a')}?activeTab=versions#top`);
    expect(await route({ type: 'tab/get', tabId: 7 }, popup as never)).toMatchObject({ value: { page: { package: 'a' } } });
  });

  it('"Pin this identity" pins the release the popup showed, and never replaces a pin made meanwhile', async () => {
    const { route, tabUrls } = setup(async (pkg) => report(pkg, 'verified'));
    tabUrls.set(7, at('a'));
    await route({ type: 'verdict/get', page: page('a') }, from('a') as never);
    // The popup showed b (the tab has moved on to a since): nothing is pinned.
    expect(await route({ type: 'pins/pin-current', tabId: 7, page: page('b'), version: '1.0.0' }, popup as never)).toMatchObject({ ok: false, error: { code: 'TAB_CHANGED' } });
    expect(await route({ type: 'pins/pin-current', tabId: 7, page: page('a'), version: '0.9.0' }, popup as never)).toMatchObject({ ok: false, error: { code: 'TAB_CHANGED' } });
    expect(await readPins()).toEqual([]);
    const pinned = await route({ type: 'pins/pin-current', tabId: 7, page: page('a'), version: '1.0.0' }, popup as never);
    expect(pinned).toMatchObject({ ok: true, value: [{ package: 'a', identities: [{ repositoryUrl: 'https://github.com/o/a' }], source: 'popup' }] });
    const before = await readPins();
    expect(await route({ type: 'pins/pin-current', tabId: 7, page: page('a'), version: '1.0.0' }, popup as never)).toMatchObject({ ok: false, error: { code: 'PIN_EXISTS' } });
    expect(await readPins()).toEqual(before);
  });
});

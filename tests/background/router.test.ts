import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter, senderKind } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import type { ReleaseReport } from '../../lib/report/model';
import { pinsItem } from '../../lib/storage/items';

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const popup = { id: 'abc', url: 'chrome-extension://abc/popup.html' };
const contentScript = { id: 'abc', url: 'https://www.npmjs.com/package/lodash', tab: { id: 7, url: 'https://www.npmjs.com/package/lodash' } };
const otherExtension = { id: 'evil', url: 'chrome-extension://evil/page.html' };
const pageOnOtherSite = { id: 'abc', url: 'https://example.com/', tab: { id: 8, url: 'https://example.com/' } };

const pin = { ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', createdAt: '2026-01-01T00:00:00Z', source: 'manual' };

function router() {
  const report = (version: string): ReleaseReport => ({ ecosystem: 'npm', package: 'lodash', version, status: 'absent', artifacts: [], checkedAt: 'x' });
  const service = new VerdictService({
    verifyRelease: async (p) => report(p.version ?? '4.17.21'),
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const toolbar: unknown[] = [];
  const route = createRouter({
    ...EXT,
    service,
    setToolbar: async (...args) => void toolbar.push(args),
    history: async () => ({ version: '4.17.21', entries: [], alerts: [], acknowledged: [] }),
  });
  return { route, toolbar };
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
    for (const msg of [{ type: 'pins/save', pin }, { type: 'pins/list' }, { type: 'settings/save', settings: { trustOnFirstUse: true } }, { type: 'pins/import', text: '{}' }]) {
      expect(await route(msg, contentScript as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await pinsItem.getValue()).toEqual([]);
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

  it('records the tab and sets the toolbar for content-script verdicts', async () => {
    const { route, toolbar } = router();
    await route({ type: 'verdict/get', page: { ecosystem: 'npm', package: 'lodash' } }, contentScript as never);
    expect(toolbar.map((t) => (t as unknown[])[2])).toEqual([true, false]);
    const state = await route({ type: 'tab/get', tabId: 7 }, popup as never);
    expect(state).toMatchObject({ ok: true, value: { tabId: 7, page: { package: 'lodash' } } });
  });
});

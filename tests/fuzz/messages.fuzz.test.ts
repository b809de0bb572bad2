import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import { envelopeSchema, responseSchemas, type RequestType } from '../../lib/messages/protocol';
import type { ReleaseReport } from '../../lib/report/model';
import { pinsItem, settingsItem, acksItem } from '../../lib/storage/items';
import { applyMutations, mutationsArb, params, reportExcused, timed } from './support';

/**
 * The message boundary: anything a sender can post goes through the router's
 * entry point (zod parse, sender check, handler). Every answer is an envelope;
 * an error carries one of the router's documented codes (INTERNAL is a crash
 * that the router caught); an answer to a well-formed request parses with
 * that request's response schema; a content script never changes pins,
 * acknowledgements or settings.
 */

const ROUTER_ERROR_CODES = new Set([
  'BAD_REQUEST',
  'FORBIDDEN',
  'IMPORT_INVALID',
  'NOTHING_TO_PIN',
  'NOT_A_TAB',
  'NOT_SENDER_PAGE',
  'IMPORT_WEAKENS',
  'UNAVAILABLE',
  'PIN_EXISTS',
  'RATE_LIMITED',
  'TAB_CHANGED',
]);

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const SENDERS = {
  popup: { id: 'abc', url: 'chrome-extension://abc/popup.html' },
  contentScript: { id: 'abc', url: 'https://www.npmjs.com/package/lodash/v/4.17.21', tab: { id: 7, url: 'https://www.npmjs.com/package/lodash/v/4.17.21' }, frameId: 0 },
  pypiContentScript: { id: 'abc', url: 'https://pypi.org/project/sigstore/', tab: { id: 9, url: 'https://pypi.org/project/sigstore/' }, frameId: 0 },
  otherExtension: { id: 'evil', url: 'chrome-extension://evil/page.html' },
  otherSite: { id: 'abc', url: 'https://example.com/', tab: { id: 8, url: 'https://example.com/' } },
} as const;

const pin = { ecosystem: 'npm', package: 'lodash', identities: [{ repositoryUrl: 'https://github.com/lodash/lodash', workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/v*' }], createdAt: '2026-01-01T00:00:00Z', source: 'manual' };
const page = { ecosystem: 'npm', package: 'lodash', version: '4.17.21' };
const ack = { ecosystem: 'npm', package: 'lodash', version: '4.17.21', kind: 'provenance-lost' };

/** One well-formed request of every type, the seeds the mutations start from. */
const VALID: Record<RequestType, unknown> = {
  'verdict/get': { type: 'verdict/get', page },
  'tab/get': { type: 'tab/get', tabId: 7 },
  'verdict/recheck': { type: 'verdict/recheck', tabId: 7 },
  'pins/list': { type: 'pins/list' },
  'pins/save': { type: 'pins/save', pin },
  'pins/remove': { type: 'pins/remove', ecosystem: 'npm', package: 'lodash' },
  'pins/pin-current': { type: 'pins/pin-current', tabId: 7, page, version: '4.17.21' },
  'pins/import': { type: 'pins/import', text: JSON.stringify({ format: 'provenant-pins', version: 1, pins: [pin] }) },
  'pins/merge': { type: 'pins/merge', pins: [pin] },
  'pins/export': { type: 'pins/export' },
  'history/get': { type: 'history/get', page },
  'acks/list': { type: 'acks/list' },
  'acks/add': { type: 'acks/add', ack },
  'acks/remove': { type: 'acks/remove', ack },
  'settings/get': { type: 'settings/get' },
  'settings/save': { type: 'settings/save', settings: { trustOnFirstUse: true } },
  'details/open': { type: 'details/open', page },
  'identities/list': { type: 'identities/list', ecosystem: 'npm', package: 'lodash' },
  'quarantine/list': { type: 'quarantine/list' },
  'trust/status': { type: 'trust/status' },
  'trust/refresh': { type: 'trust/refresh' },
  'githubToken/status': { type: 'githubToken/status' },
  'githubToken/save': { type: 'githubToken/save', token: null },
  'registries/list': { type: 'registries/list' },
  'registries/set': { type: 'registries/set', ecosystem: 'npm', on: false },
};

function router() {
  const report = (version: string): ReleaseReport => ({ ecosystem: 'npm', package: 'lodash', version, status: 'absent', artifacts: [], checkedAt: '2026-01-01T00:00:00Z' });
  const service = new VerdictService({
    verifyRelease: async (p) => report(p.version ?? '4.17.21'),
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  return createRouter({
    ...EXT,
    service,
    setToolbar: async () => {},
    history: async () => ({ version: '4.17.21', entries: [], alerts: [], acknowledged: [] }),
    tabUrl: async (tabId) => (tabId === 7 ? SENDERS.contentScript.tab.url : tabId === 9 ? SENDERS.pypiContentScript.tab.url : undefined),
    refreshBadge: async () => {},
    openPopup: async () => 'NO_FOCUSED_WINDOW',
    injectPanel: async () => {},
    verifiedIdentities: async () => [],
    now: () => 1_000_000,
  });
}

const senderArb = fc.constantFrom(...(Object.keys(SENDERS) as (keyof typeof SENDERS)[]));
const typeArb = fc.constantFrom(...(Object.keys(VALID) as RequestType[]));

async function checkAnswer(message: unknown, senderName: keyof typeof SENDERS): Promise<boolean> {
  const route = router();
  const before = JSON.stringify([await pinsItem.getValue(), await acksItem.getValue(), await settingsItem.getValue()]);
  const answer = await timed(`route(${senderName})`, () => route(message, SENDERS[senderName] as never));
  const envelope = envelopeSchema.parse(answer);
  if (!envelope.ok) {
    expect(ROUTER_ERROR_CODES, `${envelope.error.code}: ${envelope.error.message}`).toContain(envelope.error.code);
  } else {
    const type = (message as { type: RequestType }).type;
    expect(responseSchemas[type].safeParse(envelope.value).success, `${type} answered ${JSON.stringify(envelope.value).slice(0, 200)}`).toBe(true);
  }
  if (senderName !== 'popup') {
    const after = JSON.stringify([await pinsItem.getValue(), await acksItem.getValue(), await settingsItem.getValue()]);
    expect(after, `${senderName} changed stored data`).toBe(before);
  }
  return envelope.ok;
}

describe('fuzz: messages through the router', () => {
  beforeEach(() => fakeBrowser.reset());
  afterAll(() => reportExcused('fuzz: messages'));

  it('mutated well-formed requests, from every kind of sender', async () => {
    await fc.assert(
      fc.asyncProperty(typeArb, senderArb, mutationsArb(3), async (type, sender, mutations) => {
        fakeBrowser.reset();
        await checkAnswer(applyMutations(VALID[type], mutations), sender);
      }),
      params(150),
    );
  });

  it('well-formed requests of every type, from every kind of sender', async () => {
    const answered: string[] = [];
    for (const type of Object.keys(VALID) as RequestType[]) {
      for (const sender of Object.keys(SENDERS) as (keyof typeof SENDERS)[]) {
        fakeBrowser.reset();
        if (await checkAnswer(VALID[type], sender)) answered.push(`${sender} ${type}`);
      }
    }
    // The seeds are real requests: the popup gets an answer to each it may send.
    // This router has no live trust material (UNAVAILABLE): tests/trust/trust-messages.test.ts answers trust/* with a real one.
    const unanswerable = new Set(['details/open', 'pins/pin-current', 'trust/status', 'trust/refresh']);
    for (const type of Object.keys(VALID).filter((t) => !unanswerable.has(t))) expect(answered).toContain(`popup ${type}`);
    expect(answered).toContain('contentScript verdict/get');
    expect(answered.filter((a) => a.startsWith('otherExtension') || a.startsWith('otherSite'))).toEqual([]);
  });

  it('generated values, typed or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.record({ type: typeArb, page: fc.anything(), tabId: fc.anything(), pin: fc.anything(), text: fc.string() })),
        senderArb,
        async (message, sender) => {
          fakeBrowser.reset();
          await checkAnswer(message, sender);
        },
      ),
      params(150),
    );
  });
});

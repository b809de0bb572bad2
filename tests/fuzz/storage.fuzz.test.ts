import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cacheEntrySchema, pruneReports, verifiedIdentitiesIn } from '../../lib/background/report-cache';
import { acknowledgementSchema } from '../../lib/history/alerts';
import { pinSchema } from '../../lib/policy/pins';
import { readAcks, readPins, readSettings, tabEntrySchema, tabsItem } from '../../lib/storage/items';
import { settingsSchema } from '../../lib/storage/settings';
import { applyMutations, mutationsArb, params, reportExcused, timed } from './support';

/**
 * The storage boundary: whatever storage.local and storage.session hold
 * (an older release's layout, a half-written value, a hand-edited profile),
 * the readers return values that parse with their schemas, never throw, and
 * answer within the time bound.
 */

const pin = { ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/v*', createdAt: '2026-01-01T00:00:00Z', source: 'manual' };
const ack = { ecosystem: 'npm', package: 'lodash', version: '4.17.21', kind: 'provenance-lost', at: '2026-01-01T00:00:00Z' };
const identity = { publisherKind: 'github', repositoryUrl: 'https://github.com/lodash/lodash', repositoryId: '1', workflowPath: '.github/workflows/release.yml' };
const report = { ecosystem: 'npm', package: 'lodash', version: '4.17.21', status: 'verified', identity, artifacts: [], checkedAt: '2026-01-01T00:00:00Z' };
const NOW = Date.parse('2026-01-01T00:05:00Z');

/** Real-shaped stored values, the seeds the mutations start from. */
const STORED = {
  pins: [pin, { ...pin, package: 'sigstore', ecosystem: 'pypi' }],
  acks: [ack],
  settings: { trustOnFirstUse: true },
  verdictCache: { 'npm:lodash@4.17.21': { report, storedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-01-01T00:10:00Z' } },
  tabs: { '7': { page: { ecosystem: 'npm', package: 'lodash' }, alerts: ['provenance-lost'] } },
};
type Key = keyof typeof STORED;

async function readEverything(): Promise<void> {
  const pins = await timed('readPins', readPins);
  for (const p of pins) expect(pinSchema.safeParse(p).success).toBe(true);
  const acks = await timed('readAcks', readAcks);
  for (const a of acks) expect(acknowledgementSchema.safeParse(a).success).toBe(true);
  expect(settingsSchema.safeParse(await timed('readSettings', readSettings)).success).toBe(true);
  const cache = ((await fakeBrowser.storage.local.get('verdictCache')).verdictCache ?? {}) as Record<string, unknown>;
  if (cache && typeof cache === 'object') {
    await timed('pruneReports', () => pruneReports({ ...cache }, NOW));
    await timed('verifiedIdentitiesIn', () => verifiedIdentitiesIn({ ...cache }, 'npm', 'lodash'));
    for (const value of Object.values(cache)) cacheEntrySchema.safeParse(value);
  }
  const tabs = await tabsItem.getValue();
  if (tabs && typeof tabs === 'object') for (const value of Object.values(tabs)) tabEntrySchema.safeParse(value);
}

async function store(key: Key, value: unknown): Promise<void> {
  fakeBrowser.reset();
  const area = key === 'tabs' ? fakeBrowser.storage.session : fakeBrowser.storage.local;
  await area.set({ ...STORED, [key]: value });
}

describe('fuzz: stored data', () => {
  afterAll(() => reportExcused('fuzz: storage'));
  const keyArb = fc.constantFrom(...(Object.keys(STORED) as Key[]));

  it('the seeds read back as they were stored', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set(STORED);
    expect(await readPins()).toHaveLength(2);
    expect(await readAcks()).toHaveLength(1);
    expect(await readSettings()).toEqual({ trustOnFirstUse: true });
  });

  // The current shape (v2, accepted identities) beside the v1 seed above, which each read migrates.
  const PINS_V2 = [
    { ecosystem: 'npm', package: 'lodash', identities: [{ repositoryUrl: 'https://github.com/lodash/lodash', workflowPath: '.github/workflows/release.yml' }, { repositoryUrl: 'https://github.com/lodash/lodash', workflowPath: '.github/workflows/publish.yml', refPattern: 'refs/tags/v*' }], createdAt: '2026-01-01T00:00:00Z', source: 'manual' },
    { ecosystem: 'pypi', package: 'sigstore', identities: [{ issuer: 'https://accounts.google.com', email: 'a@b.iam.gserviceaccount.com' }], createdAt: '2026-01-01T00:00:00Z', source: 'import' },
  ];

  it('the v2 seed reads back as it was stored', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ pins: PINS_V2, pins$: { v: 2 } });
    expect(await readPins()).toEqual(PINS_V2);
  });

  it('mutated v2 pins, under every stored version', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(3, { deep: false }), fc.constantFrom(undefined, 1, 2, 3), async (mutations, v) => {
        fakeBrowser.reset();
        await fakeBrowser.storage.local.set({ pins: applyMutations(PINS_V2, mutations), ...(v === undefined ? {} : { pins$: { v } }) });
        await readEverything();
      }),
      params(150),
    );
  });

  it('mutated stored values', async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, mutationsArb(3, { deep: false }), async (key, mutations) => {
        await store(key, applyMutations(STORED[key], mutations));
        await readEverything();
      }),
      params(150),
    );
  });

  it('generated stored values', async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, fc.jsonValue({ maxDepth: 4 }), async (key, value) => {
        await store(key, value);
        await readEverything();
      }),
      params(100),
    );
  });
});

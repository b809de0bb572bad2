import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../lib/storage/settings';
import { onePinRaw } from '../support/pins';
import { acksItem, changeAcks, changePins, PINS_VERSION, pinsItem, quarantineItem, readAcks, readPins, readQuarantine, readSettings, settingsItem, tabsItem, updateItem, writePins } from '../../lib/storage/items';

const pin = onePinRaw({ ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', createdAt: '2026-01-01T00:00:00Z', source: 'manual' });

describe('persistent state read back through zod', () => {
  beforeEach(async () => {
    await fakeBrowser.reset();
  });

  it('keeps the pins that parse and sets each one that does not aside, in order', async () => {
    const broken = { ecosystem: 'cargo', package: 'serde', createdAt: 'x', identities: [{ workflowPath: 'x' }] };
    const noIdentity = { ecosystem: 'npm', package: 'left-pad', createdAt: 'x', identities: [{}] };
    await pinsItem.setValue([broken, pin, noIdentity]);
    expect(await readPins()).toEqual([pin]);
    expect((await quarantineItem.getValue()).map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'pins', value: broken },
      { key: 'pins', value: noIdentity },
    ]);
  });

  it('quarantines acknowledgements the same way, separately keyed', async () => {
    await acksItem.setValue([{ nonsense: true }]);
    expect(await readAcks()).toEqual([]);
    expect((await quarantineItem.getValue()).map((q) => q.key)).toEqual(['acks']);
  });

  it('falls back to the defaults for unreadable settings, keeping the stored value for recovery', async () => {
    await settingsItem.setValue({ trustOnFirstUse: 'yes please' });
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect((await quarantineItem.getValue())[0]).toMatchObject({ key: 'settings', value: { trustOnFirstUse: 'yes please' } });
  });

  it('a non-array stored under pins reads as no pins (and is not written back)', async () => {
    await fakeBrowser.storage.local.set({ pins: 'garbage' });
    expect(await readPins()).toEqual([]);
    expect(await fakeBrowser.storage.local.get('pins')).toEqual({ pins: 'garbage' });
  });

  it.each([
    ['pins', 'pins', () => changePins((pins) => [...pins, pin as never]), { lodash: pin }],
    ['acks', 'acks', () => changeAcks((acks) => [...acks, { ecosystem: 'npm', package: 'x', kind: 'provenance-lost', at: 'now' }]), { 0: { ecosystem: 'npm' } }],
  ] as const)('stored %s that are not a list are quarantined whole, and the next save does not lose them (issue 11, finding 6)', async (_n, key, save, notAList) => {
    await fakeBrowser.storage.local.set({ [key]: notAList });
    await save();
    const quarantined = await readQuarantine();
    expect(quarantined.map(({ key, value, whole }) => ({ key, value, whole }))).toEqual([{ key, value: notAList, whole: true }]);
    // Many bad entries later, the whole item is still there.
    await pinsItem.setValue(Array.from({ length: 150 }, (_, i) => ({ bad: i })));
    await readPins();
    const kept = await readQuarantine();
    expect(kept).toHaveLength(100);
    expect(kept.filter((q) => q.whole).map((q) => q.value)).toEqual([notAList]);
  });

  it('refuses to write a pin that does not validate, leaving the stored pins as they were', async () => {
    await writePins([pin as never]);
    await expect(writePins([{ ...pin, identities: [{ repositoryUrl: 'http://github.com/x/y' }] } as never])).rejects.toThrow();
    expect(await readPins()).toEqual([pin]);
  });

  it('caps the quarantine at the last 100 entries', async () => {
    await pinsItem.setValue(Array.from({ length: 105 }, (_, i) => ({ bad: i })));
    await readPins();
    const kept = await quarantineItem.getValue();
    expect(kept).toHaveLength(100);
    expect(kept[0]!.value).toEqual({ bad: 5 });
  });

  it('keeps one copy of a bad entry however often it is read', async () => {
    await settingsItem.setValue({ trustOnFirstUse: 'maybe' } as never);
    await readSettings();
    await pinsItem.setValue([pin, { bad: 1 }] as never);
    for (let i = 0; i < 120; i++) await readPins();
    expect((await quarantineItem.getValue()).map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'settings', value: { trustOnFirstUse: 'maybe' } },
      { key: 'pins', value: { bad: 1 } },
    ]);
  });

  it('concurrent updates of one item all land (two tabs remembered at once)', async () => {
    await Promise.all([1, 2, 3, 4].map((tab) => updateItem(tabsItem, (tabs) => ({ ...tabs, [tab]: { key: `t${tab}` } }))));
    expect(Object.keys(await tabsItem.getValue()).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('an update never mutates the empty-item fallback that later reads would see', async () => {
    await updateItem(tabsItem, (tabs) => {
      tabs['9'] = { key: 'x' };
      return tabs;
    });
    await fakeBrowser.storage.session.clear();
    expect(await tabsItem.getValue()).toEqual({});
  });

  it('a first-use pin and a pin saved from the options page at the same moment are both kept', async () => {
    const other = { ...pin, package: 'chalk', identities: [{ repositoryUrl: 'https://github.com/chalk/chalk' }] };
    await Promise.all([changePins((pins) => [...pins, pin as never]), changePins((pins) => [...pins, other as never])]);
    expect((await readPins()).map((p) => p.package).sort()).toEqual(['chalk', 'lodash']);
  });

  it('a change that throws leaves the pins untouched and does not block the next one', async () => {
    await writePins([pin as never]);
    await expect(changePins(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    await changePins((pins) => pins.filter(() => false));
    expect(await readPins()).toEqual([]);
  });
});

describe('storage layout', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what earlier releases stored (WXT layout: value under its key, version under key$) and writes the same layout', async () => {
    await fakeBrowser.storage.local.set({ pins: [pin], pins$: { v: PINS_VERSION } });
    expect(await readPins()).toEqual([pin]);
    await writePins([]);
    expect(await fakeBrowser.storage.local.get(['pins', 'pins$'])).toEqual({ pins: [], pins$: { v: PINS_VERSION } });
    // Unversioned items keep no version key; session items live in session storage.
    await updateItem(tabsItem, () => ({ 7: { key: 'k' } }));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ tabs: { 7: { key: 'k' } } });
  });
});

/**
 * The one pins migration (v2, issue 13 part 5: pins hold a set of accepted
 * identities), from every shape stored before: v1 (one identity's fields
 * beside the package, the shape since pins were versioned) and the same
 * shape stored with no version key (what a test, a hand edit or the very
 * first builds left).
 */
describe('pins migration to v2 (accepted identities)', () => {
  beforeEach(() => fakeBrowser.reset());

  const v1 = { ecosystem: 'npm', package: 'sigstore', repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '495574555', workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/*', source: 'popup', createdAt: '2026-01-01T00:00:00.000Z' };
  const google = { ecosystem: 'pypi', package: 'foo', issuer: 'https://accounts.google.com', email: 'publisher@project.iam.gserviceaccount.com', createdAt: '2026-02-01T00:00:00.000Z' };
  const migrated = {
    ecosystem: 'npm',
    package: 'sigstore',
    identities: [{ repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '495574555', workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/*' }],
    source: 'popup',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const googleMigrated = { ecosystem: 'pypi', package: 'foo', identities: [{ issuer: 'https://accounts.google.com', email: 'publisher@project.iam.gserviceaccount.com' }], source: 'manual', createdAt: '2026-02-01T00:00:00.000Z' };

  it.each([
    ['v1', { pins$: { v: 1 } }],
    ['unversioned', {}],
  ])('reads %s pins as pins accepting their one identity, and stores them as v2 at the next write', async (_name, meta) => {
    await fakeBrowser.storage.local.set({ pins: [v1, google], ...meta });
    expect(await readPins()).toEqual([migrated, googleMigrated]);
    await changePins((pins) => pins);
    expect(await fakeBrowser.storage.local.get(['pins', 'pins$'])).toEqual({ pins: [migrated, googleMigrated], pins$: { v: 2 } });
    expect(await readQuarantine()).toEqual([]);
  });

  it('quarantines a v1 pin that cannot be migrated in the form it was stored, keeping the others', async () => {
    const http = { ...v1, package: 'evil', repositoryUrl: 'http://github.com/x/y' };
    const nothingToCheck = { ecosystem: 'npm', package: 'left-pad', environment: 'release', createdAt: 'x' };
    await fakeBrowser.storage.local.set({ pins: [http, v1, nothingToCheck, 'text'], pins$: { v: 1 } });
    expect(await readPins()).toEqual([migrated]);
    expect((await readQuarantine()).map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'pins', value: http },
      { key: 'pins', value: nothingToCheck },
      { key: 'pins', value: 'text' },
    ]);
    // The next write stores only what migrated; the rest is still in quarantine.
    await changePins((pins) => pins);
    expect((await fakeBrowser.storage.local.get('pins')).pins).toEqual([migrated]);
    expect(await readQuarantine()).toHaveLength(3);
  });

  it('a v2 pin in the flat v1 shape is not migrated again: it is quarantined', async () => {
    await fakeBrowser.storage.local.set({ pins: [v1, migrated], pins$: { v: 2 } });
    expect(await readPins()).toEqual([migrated]);
    expect((await readQuarantine()).map((q) => q.value)).toEqual([v1]);
  });

  it('a v1 entry already holding identities is read as it is (written by this build before its version was stored)', async () => {
    await fakeBrowser.storage.local.set({ pins: [migrated], pins$: { v: 1 } });
    expect(await readPins()).toEqual([migrated]);
  });
});

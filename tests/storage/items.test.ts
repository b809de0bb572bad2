import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../lib/storage/settings';
import { acksItem, changeAcks, changePins, pinsItem, quarantineItem, readAcks, readPins, readQuarantine, readSettings, settingsItem, tabsItem, updateItem, writePins } from '../../lib/storage/items';

const pin = { ecosystem: 'npm', package: 'lodash', repositoryUrl: 'https://github.com/lodash/lodash', createdAt: '2026-01-01T00:00:00Z', source: 'manual' };

describe('persistent state read back through zod', () => {
  beforeEach(async () => {
    await fakeBrowser.reset();
  });

  it('keeps the pins that parse and sets each one that does not aside, in order', async () => {
    const broken = { ecosystem: 'cargo', package: 'serde', createdAt: 'x' };
    const noIdentity = { ecosystem: 'npm', package: 'left-pad', createdAt: 'x' };
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
    await expect(writePins([{ ...pin, repositoryUrl: 'http://github.com/x/y' } as never])).rejects.toThrow();
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
    const other = { ...pin, package: 'chalk', repositoryUrl: 'https://github.com/chalk/chalk' };
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
    await fakeBrowser.storage.local.set({ pins: [pin], pins$: { v: 1 } });
    expect(await readPins()).toEqual([pin]);
    await writePins([]);
    expect(await fakeBrowser.storage.local.get(['pins', 'pins$'])).toEqual({ pins: [], pins$: { v: 1 } });
    // Unversioned items keep no version key; session items live in session storage.
    await updateItem(tabsItem, () => ({ 7: { key: 'k' } }));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ tabs: { 7: { key: 'k' } } });
  });
});

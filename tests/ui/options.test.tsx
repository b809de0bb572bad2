import { localTime } from '../../lib/ui/local-time';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OptionsApi } from '../../components/options/options-api';
import { OptionsApp } from '../../components/options/OptionsApp';
import type { Acknowledgement } from '../../lib/history/alerts';
import type { VerifiedIdentity } from '../../lib/messages/protocol';
import { describeWeakenings, exportPins, importWeakenings, parsePinFile, upsertPin, removePin, PinImportError, mergeImported } from '../../lib/background/pin-book';
import { pinSchema, type Pin } from '../../lib/policy/pins';
import type { QuarantineEntry } from '../../lib/storage/quarantine';
import type { Settings } from '../../lib/storage/settings';
import { act } from 'preact/test-utils';
import { registryFocusTarget } from '../../lib/ui/registry-settings';
import { click, installDom, mount, settle, submit, typeInto, uninstallDom, until } from './dom';
import { SIGSTORE_1_0_0_IDENTITY } from '../support/identities';

const existing: Pin = pinSchema.parse({
  ecosystem: 'npm',
  package: 'sigstore',
  identities: [{ repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '495574555', workflowPath: '.github/workflows/release.yml' }],
  source: 'popup',
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** An in-memory background that behaves like the router: the real pin-book functions. */
/** What the worker's report cache would say it verified for sigstore. */
const VERIFIED_SIGSTORE: VerifiedIdentity[] = [
  {
    version: '1.0.0',
    checkedAt: '2026-12-06T07:00:00.000Z',
    // The real certificate's identity, without the per-run fields a pin never holds.
    identity: (({ commit: _commit, runInvocationUri: _run, ...pinnable }) => pinnable)(SIGSTORE_1_0_0_IDENTITY),
  },
];

function memoryApi(initial: Pin[] = [existing], initialAcks: Acknowledgement[] = [], quarantined: QuarantineEntry[] = []) {
  let pins = [...initial];
  let acks = [...initialAcks];
  let settings: Settings = { trustOnFirstUse: false };
  const api = {
    listPins: vi.fn(async () => pins),
    savePin: vi.fn(async (pin: Pin, replace?: { ecosystem: string; package: string }) => (pins = upsertPin(pins, pin, replace))),
    removePin: vi.fn(async (ecosystem: string, pkg: string) => (pins = removePin(pins, ecosystem, pkg))),
    importPins: vi.fn(async (text: string, allowWeaker?: boolean) => {
      try {
        const imported = parsePinFile(text);
        const weaker = importWeakenings(pins, imported);
        if (weaker.length > 0 && !allowWeaker) throw Object.assign(new Error(describeWeakenings(weaker)), { code: 'IMPORT_WEAKENS' });
        return (pins = mergeImported(pins, imported));
      } catch (e) {
        if (e instanceof PinImportError) throw new Error(e.message, { cause: e });
        throw e;
      }
    }),
    exportPins: vi.fn(async () => exportPins(pins)),
    getSettings: vi.fn(async () => settings),
    saveSettings: vi.fn(async (s: Settings) => (settings = s)),
    listAcks: vi.fn(async () => acks),
    verifiedIdentities: vi.fn(async (ecosystem: string, pkg: string) => (ecosystem === 'npm' && pkg === 'sigstore' ? VERIFIED_SIGSTORE : [])),
    removeAck: vi.fn(async (ack: Omit<Acknowledgement, 'at'>) => (acks = acks.filter((a) => !(a.ecosystem === ack.ecosystem && a.package === ack.package && a.kind === ack.kind && a.version === ack.version)))),
    listQuarantine: vi.fn(async () => quarantined),
  } satisfies OptionsApi;
  return { api, pins: () => pins, acks: () => acks };
}

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

const button = (root: HTMLElement, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text || b.getAttribute('aria-label') === text) ?? null;
const input = (root: HTMLElement, id: string) => root.querySelector(`#${id}`);

describe('OptionsApp', () => {
  it('lists pins with labelled controls', async () => {
    const { api } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const row = root.querySelector('tr[data-pin="npm:sigstore"]')!;
    expect(row.textContent).toContain('sigstore/sigstore-js');
    expect(row.textContent).toContain('.github/workflows/release.yml');
    expect(row.textContent).toContain('pinned from the popup');
    expect(button(root, 'Edit pin for sigstore')).not.toBeNull();
    expect(button(root, 'Remove pin for sigstore')).not.toBeNull();
    // Every form control has a label pointing at it.
    for (const control of root.querySelectorAll('input, select, textarea')) {
      const id = control.getAttribute('id');
      expect(id, control.tagName).toBeTruthy();
      expect(root.querySelector(`label[for="${id}"]`), id!).not.toBeNull();
    }
  });

  it('adds a pin', async () => {
    const { api, pins } = memoryApi([]);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    expect(root.textContent).toContain('No pins yet');
    await typeInto(input(root, 'pin-package'), 'left-pad', dom);
    await typeInto(input(root, 'pin-repositoryUrl'), 'https://github.com/left-pad/left-pad', dom);
    await typeInto(input(root, 'pin-ownerId'), '12345', dom);
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(api.savePin).toHaveBeenCalledTimes(1);
    expect(pins()).toMatchObject([{ ecosystem: 'npm', package: 'left-pad', identities: [{ repositoryUrl: 'https://github.com/left-pad/left-pad', ownerId: '12345' }], source: 'manual' }]);
    expect(root.querySelector('tr[data-pin="npm:left-pad"]')).not.toBeNull();
    // The add form starts empty again.
    expect((input(root, 'pin-package') as HTMLInputElement).value).toBe('');
  });

  it('shows validation errors next to the fields and sends nothing', async () => {
    const { api } = memoryApi([]);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await typeInto(input(root, 'pin-package'), 'left pad', dom);
    await typeInto(input(root, 'pin-repositoryUrl'), 'http://github.com/a/b', dom);
    await typeInto(input(root, 'pin-repositoryId'), 'abc', dom);
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(api.savePin).not.toHaveBeenCalled();
    for (const [f, key] of [['package', 'package'], ['repositoryUrl', 'identities.0.repositoryUrl'], ['repositoryId', 'identities.0.repositoryId']]) {
      const error = root.querySelector(`[data-error-for="${key}"]`)!;
      expect(error, f).not.toBeNull();
      const field = input(root, `pin-${f}`)!;
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')).toContain(error.getAttribute('id')!);
    }
  });

  it('edits a pin in place, replacing the old entry', async () => {
    const { api, pins } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await click(button(root, 'Edit pin for sigstore'), dom);
    expect((input(root, 'pin-workflowPath') as HTMLInputElement).value).toBe('.github/workflows/release.yml');
    await typeInto(input(root, 'pin-refPattern'), 'refs/tags/v*', dom);
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(api.savePin).toHaveBeenCalledWith(expect.objectContaining({ package: 'sigstore', identities: [expect.objectContaining({ refPattern: 'refs/tags/v*' })], createdAt: existing.createdAt }), { ecosystem: 'npm', package: 'sigstore' });
    expect(pins()).toHaveLength(1);
    expect(pins()[0]!.identities[0]!.refPattern).toBe('refs/tags/v*');
  });

  it('edits the accepted identities as a list: adds a row, fills another from a verified release, removes one', async () => {
    const { api, pins } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await click(button(root, 'Edit pin for sigstore'), dom);
    expect(root.querySelectorAll('fieldset.pin-identity-row')).toHaveLength(1);
    // Fill from a release adds a row beside the one being edited.
    await click(button(root, 'Show verified releases of this package'), dom);
    await settle();
    await click(button(root, 'Fill from sigstore 1.0.0'), dom);
    await settle();
    expect(root.querySelectorAll('fieldset.pin-identity-row')).toHaveLength(2);
    expect((input(root, 'pin-workflowPath') as HTMLInputElement).value).toBe('.github/workflows/release.yml');
    expect((input(root, 'pin-workflowPath-2') as HTMLInputElement).value).toBe('.github/workflows/publish.yml');
    // A third row, typed by hand, then removed again.
    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Add another accepted identity')!, dom);
    await settle();
    expect(root.querySelectorAll('fieldset.pin-identity-row')).toHaveLength(3);
    expect(root.querySelector('label[for="pin-repositoryUrl-3"]')!.textContent).toContain('identity 3');
    await click(button(root, 'Remove accepted identity 3'), dom);
    await settle();
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(pins()).toHaveLength(1);
    expect(pins()[0]!.identities.map((i) => i.workflowPath)).toEqual(['.github/workflows/release.yml', '.github/workflows/publish.yml']);
    // The list shows both, as "any of these".
    const row = root.querySelector('tr[data-pin="npm:sigstore"]')!;
    expect(row.querySelectorAll('[data-pin-identity]')).toHaveLength(2);
    expect(row.textContent).toContain('Any one of these 2 identities');
  });

  it('removes a pin', async () => {
    const { api, pins } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await click(button(root, 'Remove pin for sigstore'), dom);
    await settle();
    expect(api.removePin).toHaveBeenCalledWith('npm', 'sigstore');
    expect(pins()).toEqual([]);
    expect(root.querySelector('tr[data-pin="npm:sigstore"]')).toBeNull();
  });

  it('turns trust on first use on (it starts off)', async () => {
    const { api } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const box = input(root, 'tofu') as HTMLInputElement;
    // linkedom has no `checked` property: Preact reflects it as the attribute.
    expect(box.hasAttribute('checked')).toBe(false);
    expect(api.saveSettings).not.toHaveBeenCalled();
    box.checked = true;
    box.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
    await settle();
    expect(api.saveSettings).toHaveBeenCalledWith({ trustOnFirstUse: true });
    expect(root.textContent).toContain('Trust on first use is on.');
  });

  it('explains why ids beat names and fills every field from a release verified in this browser', async () => {
    const { api, pins } = memoryApi([]);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const why = root.querySelector('#pin-ids-why')!.textContent!;
    expect(why).toContain('renamed repository keeps its numeric id');
    expect(why).toContain('registered again by someone else gets new ids');
    // Without a package there is nothing to look up.
    await click(button(root, 'Show verified releases of this package'), dom);
    await settle();
    expect(api.verifiedIdentities).not.toHaveBeenCalled();
    expect(root.querySelector('[data-error-for="package"]')!.textContent).toBe('Enter the package name first.');

    await typeInto(input(root, 'pin-package'), 'left-pad', dom);
    await click(button(root, 'Show verified releases of this package'), dom);
    await settle();
    expect(root.querySelector('[data-verified-none]')!.textContent).toContain('No verified release of left-pad');

    await typeInto(input(root, 'pin-package'), 'sigstore', dom);
    await click(button(root, 'Show verified releases of this package'), dom);
    await settle();
    expect(api.verifiedIdentities).toHaveBeenLastCalledWith('npm', 'sigstore');
    const offered = root.querySelector('[data-verified-version="1.0.0"]')!;
    expect(offered.textContent).toContain('sigstore/sigstore-js \u00B7 publish.yml');
    expect(offered.textContent).toContain('repository id 495574555, owner id 71096353');
    await click(button(root, 'Fill from sigstore 1.0.0'), dom);
    await settle();
    const value = (id: string) => (input(root, id) as HTMLInputElement).value;
    expect(['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'refPattern', 'issuer'].map((f) => value(`pin-${f}`))).toEqual([
      'https://github.com/sigstore/sigstore-js',
      '495574555',
      '71096353',
      '.github/workflows/publish.yml',
      'refs/tags/*',
      'https://token.actions.githubusercontent.com',
    ]);
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(pins()).toEqual([expect.objectContaining({ package: 'sigstore', identities: [expect.objectContaining({ repositoryId: '495574555', ownerId: '71096353', refPattern: 'refs/tags/*' })] })]);
  });

  it('a bad import shows the reason and changes nothing', async () => {
    const { api, pins } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await typeInto(input(root, 'import-text'), '{"format":"provenant-pins","version":1,"pins":[{"ecosystem":"npm"}]}', dom);
    await click(button(root, 'Import pasted pins'), dom);
    await settle();
    const alert = root.querySelector('[data-error-for="import"]')!;
    expect(alert.textContent).toMatch(/not a Provenant pin export at pins\.0/);
    expect(alert.textContent).toContain('Nothing was changed.');
    expect(pins()).toEqual([existing]);
  });

  it('imports a good file, exports the pins as JSON with a download link', async () => {
    const { api, pins } = memoryApi([]);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    await typeInto(input(root, 'import-text'), exportPins([existing]), dom);
    await click(button(root, 'Import pasted pins'), dom);
    await settle();
    expect(pins()).toHaveLength(1);
    expect(pins()[0]!.source).toBe('import');
    expect(root.querySelector('tr[data-pin="npm:sigstore"]')).not.toBeNull();

    await click(button(root, 'Export pins'), dom);
    await settle();
    const text = (input(root, 'export-text') as HTMLTextAreaElement).value;
    expect(JSON.parse(text)).toMatchObject({ format: 'provenant-pins', version: 2, pins: [{ package: 'sigstore' }] });
    const link = root.querySelector('a[download]')!;
    expect(link.getAttribute('download')).toBe('provenant-pins.json');
    expect(link.getAttribute('href')).toMatch(/^blob:/);
  });

  it('lists acknowledged alerts and removes one', async () => {
    const acks: Acknowledgement[] = [
      { ecosystem: 'npm', package: 'sigstore', kind: 'provenance-lost', at: '2026-02-03T04:05:06.000Z' },
      { ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0', kind: 'self-hosted-runner', at: '2026-02-04T00:00:00.000Z' },
    ];
    const { api, acks: current } = memoryApi([], acks);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const every = root.querySelector('tr[data-ack="npm:sigstore:provenance-lost:*"]')!;
    expect(every.textContent).toContain('Provenance lost');
    expect(every.textContent).toContain('every version');
    const at = every.querySelector('time')!;
    expect(at.getAttribute('datetime')).toBe('2026-02-03T04:05:06.000Z');
    expect(at.getAttribute('title')).toBe('2026-02-03T04:05:06.000Z');
    expect(at.textContent).toBe(localTime('2026-02-03T04:05:06.000Z')!.text);
    const one = root.querySelector('tr[data-ack="pypi:sampleproject:self-hosted-runner:4.0.0"]')!;
    expect(one.textContent).toContain('Built on a self-hosted runner');
    expect(one.textContent).toContain('4.0.0');

    await click(button(root, 'Remove acknowledgement: Provenance lost for every version of sigstore'), dom);
    await settle();
    expect(api.removeAck).toHaveBeenCalledWith({ ecosystem: 'npm', package: 'sigstore', kind: 'provenance-lost' });
    expect(current()).toHaveLength(1);
    expect(root.querySelector('tr[data-ack="npm:sigstore:provenance-lost:*"]')).toBeNull();
    expect(root.textContent).toContain('The alert shows again from the next visit.');

    await click(button(root, 'Remove acknowledgement: Built on a self-hosted runner for version 4.0.0 of sampleproject'), dom);
    await settle();
    expect(api.removeAck).toHaveBeenLastCalledWith({ ecosystem: 'pypi', package: 'sampleproject', version: '4.0.0', kind: 'self-hosted-runner' });
    expect(root.textContent).toContain('No acknowledged alerts');
  });

  it('keeps the pins when the acknowledgements cannot be read', async () => {
    const { api } = memoryApi();
    api.listAcks.mockRejectedValueOnce(new Error('storage unavailable'));
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    expect(root.querySelector('tr[data-pin="npm:sigstore"]')).not.toBeNull();
    expect(root.textContent).toContain('Could not load acknowledged alerts: storage unavailable');
  });

  it('lists unreadable stored data it set aside, with an export (issue 11, finding 6)', async () => {
    const quarantined: QuarantineEntry[] = [{ key: 'pins', value: { lodash: { ecosystem: 'npm' } }, at: '2026-12-06T07:00:00.000Z', whole: true }];
    const { api } = memoryApi([existing], [], quarantined);
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const section = root.querySelector('[data-quarantine-count="1"]')!;
    expect(section).not.toBeNull();
    expect(section.querySelector('[data-quarantine-key="pins"][data-quarantine-whole="true"]')!.textContent).toContain('{"lodash":{"ecosystem":"npm"}}');
    expect(section.querySelector('a[data-quarantine-export]')!.getAttribute('download')).toBe('provenant-unreadable-data.json');
  });

  it('shows no quarantine section when nothing was set aside', async () => {
    const root = await mount(<OptionsApp api={memoryApi().api} />, dom);
    await settle();
    expect(root.querySelector('.quarantine')).toBeNull();
  });

  it('an import that would weaken a pin shows what it drops and applies only when confirmed', async () => {
    const { api, pins } = memoryApi();
    const root = await mount(<OptionsApp api={api} />, dom);
    await settle();
    const weaker = exportPins([pinSchema.parse({ ecosystem: existing.ecosystem, package: existing.package, identities: [{ issuer: 'https://token.actions.githubusercontent.com' }], createdAt: 'x' })]);
    await typeInto(input(root, 'import-text'), weaker, dom);
    await click([...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Import pasted pins'))!, dom);
    const confirm = await until(() => root.querySelector('[data-import-weakens]'));
    expect(confirm.textContent).toContain('repositoryUrl');
    expect(pins()).toEqual([existing]);
    await click(confirm.querySelector('[data-import-anyway]')!, dom);
    await until(() => (root.querySelector('[data-import-weakens]') ? null : true));
    expect(pins()).toHaveLength(1);
    expect(pins()[0]!.identities[0]!.repositoryUrl).toBeUndefined();
  });
});

describe('OptionsApp: registries that are off', () => {
  const states = (rubygemsOn: boolean) => [
    { ecosystem: 'rubygems' as const, label: 'RubyGems', origins: ['https://rubygems.org/*'], on: rubygemsOn },
    { ecosystem: 'github' as const, label: 'GitHub releases', origins: ['https://github.com/*'], on: true },
  ];
  function withRegistries() {
    const { api, pins } = memoryApi([]);
    let rubygemsOn = false;
    return {
      pins,
      api: {
        ...api,
        listRegistries: vi.fn(async () => states(rubygemsOn)),
        requestOrigins: vi.fn(async () => true),
        setRegistry: vi.fn(async (_e: string, on: boolean) => states((rubygemsOn = on))),
      } satisfies OptionsApi,
    };
  }
  const optionText = (root: HTMLElement, value: string) => root.querySelector(`#pin-ecosystem option[value="${value}"]`)?.textContent;

  it('the pin form keeps them as choices, marked "(off)", says the pin applies once turned on, and follows the switch', async () => {
    const { api, pins } = withRegistries();
    const root = await mount(<OptionsApp api={api} />, dom);
    await until(() => optionText(root, 'rubygems') === 'RubyGems (off)');
    expect(optionText(root, 'github')).toBe('GitHub releases');
    expect(optionText(root, 'npm')).toBe('npm');
    expect(root.querySelector('[data-pin-registry-off]')).toBeNull();

    const select = root.querySelector<HTMLSelectElement>('#pin-ecosystem')!;
    await act(() => {
      // linkedom's select has no value setter: the choice as the change handler reads it.
      Object.defineProperty(select, 'value', { value: 'rubygems', configurable: true });
      select.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
    });
    const hint = root.querySelector('[data-pin-registry-off="rubygems"]')!;
    expect(hint.textContent).toBe('RubyGems is off: Provenant checks none of its releases, so this pin applies once you turn RubyGems on under Registries below.');
    expect(select.getAttribute('aria-describedby')).toBe('pin-ecosystem-off');

    // A pin may still be made ready before the registry is turned on.
    await typeInto(input(root, 'pin-package'), 'sigstore', dom);
    await typeInto(input(root, 'pin-repositoryUrl'), 'https://github.com/sigstore/sigstore-ruby', dom);
    await submit(root.querySelector('form.pin-form'), dom);
    await settle();
    expect(pins().map((p) => `${p.ecosystem}:${p.package}`)).toEqual(['rubygems:sigstore']);

    const box = root.querySelector<HTMLInputElement>('[data-registry="rubygems"]')!;
    await act(() => {
      box.checked = true;
      box.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
    });
    await until(() => optionText(root, 'rubygems') === 'RubyGems');
  });

  it('opened at a switch (#registry-rubygems, the popup\u2019s button), moves focus to it once the switches are drawn', async () => {
    const focused: string[] = [];
    const proto = dom.window.HTMLElement.prototype as unknown as { focus: () => void };
    const original = proto.focus;
    proto.focus = function (this: HTMLElement) {
      focused.push(this.id);
    };
    try {
      const root = await mount(<OptionsApp api={withRegistries().api} focus={registryFocusTarget('#registry-rubygems')} />, dom);
      await until(() => root.querySelector('[data-registry="rubygems"]'));
      await settle();
      expect(focused).toEqual(['registry-rubygems']);
    } finally {
      proto.focus = original;
    }
  });

  it.each([
    ['#registries', 'registries'],
    ['#registry-rubygems', 'registry-rubygems'],
    ['registry-homebrew', 'registry-homebrew'],
    ['#pin-package', undefined],
    ['#registry-"><x', undefined],
    ['', undefined],
  ])('the fragment %j focuses %j', (hash, id) => {
    expect(registryFocusTarget(hash)).toBe(id);
  });
});

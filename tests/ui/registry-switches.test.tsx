import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { RegistrySwitches, type RegistrySwitchesApi } from '../../components/options/RegistrySwitches';
import type { OptionalRegistryState } from '../../lib/background/optional-registries';
import { installDom, mount, settle, uninstallDom } from './dom';

let dom: ReturnType<typeof installDom>;
beforeEach(() => {
  dom = installDom();
});
afterEach(uninstallDom);

const off: OptionalRegistryState = { ecosystem: 'rubygems', label: 'RubyGems', origins: ['https://rubygems.org/*'], on: false };

/** A worker that turns the registry on only when the page was granted the hosts, as registries/set does. */
function fakeApi(grant: boolean) {
  let granted = false;
  const calls: string[] = [];
  const api: RegistrySwitchesApi = {
    listRegistries: vi.fn(async () => [{ ...off, on: false }]),
    requestOrigins: vi.fn((origins: string[]) => {
      calls.push(`request ${origins.join(' ')}`);
      granted = grant;
      return Promise.resolve(grant);
    }),
    setRegistry: vi.fn(async (ecosystem, on) => {
      calls.push(`set ${ecosystem} ${on}`);
      if (on && !granted) throw new Error('access to https://rubygems.org/* was not granted');
      return [{ ...off, on }];
    }),
  };
  return { api, calls };
}

async function toggle(root: HTMLElement, checked: boolean) {
  const box = root.querySelector<HTMLInputElement>('[data-registry="rubygems"]')!;
  await act(() => {
    box.checked = checked;
    box.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
  });
  await settle();
  return box;
}

describe('the options page registry switches', () => {
  it('asks the browser for the hosts first, in the click itself, then tells the worker', async () => {
    const { api, calls } = fakeApi(true);
    const root = await mount(<RegistrySwitches api={api} />, dom);
    await settle();
    expect(root.querySelector('label[for="registry-rubygems"]')?.textContent).toContain('rubygems.org');
    const box = root.querySelector<HTMLInputElement>('[data-registry="rubygems"]')!;
    box.checked = true;
    // Nothing may be awaited before permissions.request: the browser grants only in the user's gesture.
    box.dispatchEvent(new dom.window.Event('change', { bubbles: true }));
    const requestedSynchronously = (api.requestOrigins as ReturnType<typeof vi.fn>).mock.calls.length === 1;
    await settle();
    expect(requestedSynchronously).toBe(true);
    expect(calls).toEqual(['request https://rubygems.org/*', 'set rubygems true']);
    expect(box.checked).toBe(true);
    expect(root.querySelector('.registry-result')?.textContent).toMatch(/RubyGems is on/);
  });

  it('declined: stays off, the worker is not asked, and the page says why', async () => {
    const { api, calls } = fakeApi(false);
    const root = await mount(<RegistrySwitches api={api} />, dom);
    await settle();
    const box = await toggle(root, true);
    expect(calls).toEqual(['request https://rubygems.org/*']);
    expect(box.checked).toBe(false);
    expect(root.querySelector('.registry-result')?.textContent).toMatch(/stays off: access to rubygems.org was not granted/);
  });

  it('turning off asks nothing of the browser', async () => {
    const { api, calls } = fakeApi(true);
    (api.listRegistries as ReturnType<typeof vi.fn>).mockResolvedValue([{ ...off, on: true }]);
    const root = await mount(<RegistrySwitches api={api} />, dom);
    await settle();
    await toggle(root, false);
    expect(calls).toEqual(['set rubygems false']);
  });

  it('renders nothing when no registry is optional', async () => {
    const api = { ...fakeApi(true).api, listRegistries: async () => [] };
    const root = await mount(<RegistrySwitches api={api} />, dom);
    await settle();
    expect(root.querySelector('[data-optional-registries]')).toBeNull();
  });
});

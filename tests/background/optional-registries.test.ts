import { describe, expect, it } from 'vitest';
import { optionalRegistries, refusedReport, whenOn, type OptionalRegistryEffects } from '../../lib/background/optional-registries';
import type { RegistryPage } from '../../lib/registries/descriptor';
import { npmPage } from '../../lib/registries/npm/page';
import { pypiPage } from '../../lib/registries/pypi/page';
import { originsToRelease, registryOrigins, runtimeContentScript, scriptIdOf, scriptPlan } from '../../lib/registries/optional';
import type { Ecosystem } from '../../lib/registries/sites';

/*
 * The state logic on a list of three registries: one required and two optional
 * ones that share an API host (as GitHub releases and Homebrew share
 * api.github.com). The optional ones are the real page parts of PyPI and npm
 * with their access and hosts changed, so every other field is real.
 */
const required = { ...pypiPage } as RegistryPage<Ecosystem>;
const alpha = { ...npmPage, ecosystem: 'alpha', label: 'Alpha', hostAccess: 'optional', siteHosts: ['alpha.test'], apiHosts: ['api.shared.test'], contentMatches: ['https://alpha.test/*'] } as unknown as RegistryPage<Ecosystem>;
const beta = { ...npmPage, ecosystem: 'beta', label: 'Beta', hostAccess: 'optional', siteHosts: ['beta.test'], apiHosts: ['api.shared.test', 'api.beta.test'], contentMatches: ['https://beta.test/packages/*'] } as unknown as RegistryPage<Ecosystem>;
const LIST = [required, alpha, beta];

/** A browser with grants and registered scripts in memory, and the settings' `registriesOn`. */
function fakeBrowser(granted: string[] = [], wanted: string[] = []) {
  const state = { granted: new Set(granted), scripts: new Map<string, { js: string[]; matches: string[]; runAt?: string }>(), wanted: [...wanted], removed: [] as string[][] };
  const effects: OptionalRegistryEffects = {
    contains: async (origins) => origins.every((o) => state.granted.has(o)),
    remove: async (origins) => {
      state.removed.push(origins);
      for (const o of origins) state.granted.delete(o);
      return true;
    },
    registeredScripts: async () => [...state.scripts].map(([id, s]) => ({ id, ...s })),
    register: async (scripts) => {
      for (const s of scripts) {
        if (state.scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        state.scripts.set(s.id, { js: s.js, matches: s.matches, runAt: s.runAt });
      }
    },
    unregister: async (ids) => {
      for (const id of ids) state.scripts.delete(id);
    },
    readWanted: async () => [...state.wanted],
    changeWanted: async (change) => {
      state.wanted = change([...state.wanted]);
    },
  };
  const grant = (page: RegistryPage) => registryOrigins(page).forEach((o) => state.granted.add(o));
  return { state, effects, grant };
}

describe('optional registries: pure rules', () => {
  it('a registry needs its page and API hosts; its runtime script is the WXT output named after its id, matching the descriptor', () => {
    expect(registryOrigins(beta)).toEqual(['https://beta.test/*', 'https://api.shared.test/*', 'https://api.beta.test/*']);
    expect(runtimeContentScript(beta)).toEqual({ id: 'provenant-registry-beta', js: ['content-scripts/beta.js'], matches: ['https://beta.test/packages/*'], runAt: 'document_idle' });
  });

  it('registers what is wanted and permitted, and removes its own scripts of anything else (never another id)', () => {
    const facts = [
      { ecosystem: 'alpha', wanted: true, permitted: true, script: runtimeContentScript(alpha) },
      { ecosystem: 'beta', wanted: true, permitted: false, script: runtimeContentScript(beta) },
    ];
    const registered = [runtimeContentScript(alpha), runtimeContentScript(beta), { id: scriptIdOf('gone') }, { id: 'someone-else' }];
    expect(scriptPlan(facts, [])).toEqual({ register: ['alpha'], unregister: [] });
    expect(scriptPlan(facts, registered)).toEqual({ register: [], unregister: [scriptIdOf('beta'), scriptIdOf('gone')] });
  });

  it('replaces a registration an earlier version made (another run-at, other matches or files), and keeps a current one', () => {
    const facts = [{ ecosystem: 'alpha', wanted: true, permitted: true, script: runtimeContentScript(alpha) }];
    const current = runtimeContentScript(alpha);
    expect(scriptPlan(facts, [current])).toEqual({ register: [], unregister: [] });
    for (const stale of [
      { ...current, runAt: 'document_start' },
      { ...current, matches: ['https://alpha.test/old/*'] },
      { ...current, js: ['content-scripts/old.js'] },
      { id: current.id },
    ]) {
      expect(scriptPlan(facts, [stale])).toEqual({ register: ['alpha'], unregister: [current.id] });
    }
  });

  it('turning one off gives back only the hosts no required or still-wanted registry needs', () => {
    expect(originsToRelease('alpha', LIST, ['beta'])).toEqual(['https://alpha.test/*']);
    expect(originsToRelease('alpha', LIST, [])).toEqual(['https://alpha.test/*', 'https://api.shared.test/*']);
    expect(originsToRelease('pypi', LIST, [])).toEqual([]);
  });
});

describe('optional registries: turning on and off', () => {
  it('lists only optional registries, off until wanted and granted', async () => {
    const b = fakeBrowser();
    const registries = optionalRegistries(b.effects, LIST);
    expect(await registries.states()).toEqual([
      { ecosystem: 'alpha', label: 'Alpha', origins: registryOrigins(alpha), on: false },
      { ecosystem: 'beta', label: 'Beta', origins: registryOrigins(beta), on: false },
    ]);
  });

  it('refuses to turn on without the grant, storing nothing', async () => {
    const b = fakeBrowser();
    const registries = optionalRegistries(b.effects, LIST);
    await expect(registries.set('alpha' as Ecosystem, true)).rejects.toMatchObject({ code: 'PERMISSION_MISSING' });
    expect(b.state.wanted).toEqual([]);
    expect(b.state.scripts.size).toBe(0);
    await expect(registries.set('pypi' as Ecosystem, true)).rejects.toMatchObject({ code: 'NOT_OPTIONAL' });
  });

  it('on: stored, its script registered; off: unregistered and the hosts given back', async () => {
    const b = fakeBrowser();
    const registries = optionalRegistries(b.effects, LIST);
    b.grant(alpha);
    const on = await registries.set('alpha' as Ecosystem, true);
    expect(on.find((s) => (s.ecosystem as string) === 'alpha')?.on).toBe(true);
    expect(b.state.wanted).toEqual(['alpha']);
    expect(b.state.scripts.get(scriptIdOf('alpha'))).toEqual({ js: ['content-scripts/alpha.js'], matches: ['https://alpha.test/*'], runAt: 'document_idle' });
    // Turning on again registers nothing twice.
    await registries.set('alpha' as Ecosystem, true);
    expect(b.state.scripts.size).toBe(1);

    const off = await registries.set('alpha' as Ecosystem, false);
    expect(off.find((s) => (s.ecosystem as string) === 'alpha')?.on).toBe(false);
    expect(b.state.wanted).toEqual([]);
    expect(b.state.scripts.size).toBe(0);
    expect(b.state.removed).toEqual([registryOrigins(alpha)]);
  });

  it('after an update: a script an earlier version registered differently (another run-at, old matches) is registered again as this version defines it', async () => {
    const b = fakeBrowser(registryOrigins(alpha), ['alpha']);
    b.state.scripts.set(scriptIdOf('alpha'), { js: ['content-scripts/alpha.js'], matches: ['https://alpha.test/old/*'], runAt: 'document_start' });
    await optionalRegistries(b.effects, LIST).sync();
    expect([...b.state.scripts]).toEqual([[scriptIdOf('alpha'), { js: ['content-scripts/alpha.js'], matches: ['https://alpha.test/*'], runAt: 'document_idle' }]]);
  });

  it('at worker start: re-registers what is on and still granted; a revoked grant reads as off and its script goes', async () => {
    const b = fakeBrowser([...registryOrigins(alpha), ...registryOrigins(beta)], ['alpha', 'beta']);
    b.state.scripts.set(scriptIdOf('beta'), { js: ['content-scripts/beta.js'], matches: [] });
    const registries = optionalRegistries(b.effects, LIST);
    await registries.sync();
    expect([...b.state.scripts.keys()].sort()).toEqual([scriptIdOf('alpha'), scriptIdOf('beta')]);

    // The user takes beta's site away in the browser's settings.
    b.state.granted.delete('https://beta.test/*');
    await registries.sync();
    expect([...b.state.scripts.keys()]).toEqual([scriptIdOf('alpha')]);
    expect((await registries.states()).map((s) => [s.ecosystem, s.on])).toEqual([
      ['alpha', true],
      ['beta', false],
    ]);
  });

  it('concurrent syncs never register the same script twice', async () => {
    const b = fakeBrowser(registryOrigins(alpha), ['alpha']);
    const registries = optionalRegistries(b.effects, LIST);
    await Promise.all([registries.sync(), registries.sync(), registries.sync()]);
    expect([...b.state.scripts.keys()]).toEqual([scriptIdOf('alpha')]);
  });

  it('the worker refuses to verify or fetch for a registry that is off, with REGISTRY_OFF, and not for one that is on or required', async () => {
    const b = fakeBrowser();
    const registries = optionalRegistries(b.effects, LIST);
    const off = await registries.refusal('alpha' as Ecosystem);
    expect(off).toMatchObject({ family: 'registry', code: 'REGISTRY_OFF' });
    expect(off?.detail).toMatch(/not turned on/);
    let fetched = false;
    await expect(whenOn(registries, { ecosystem: 'alpha' as Ecosystem }, async () => (fetched = true))).rejects.toMatchObject({ code: 'REGISTRY_OFF' });
    expect(fetched).toBe(false);
    expect(refusedReport({ ecosystem: 'alpha' as Ecosystem, package: 'x' }, off!)).toMatchObject({ status: 'error', code: 'REGISTRY_OFF', version: '', artifacts: [] });
    expect(await registries.refusal('pypi' as Ecosystem)).toBeUndefined();

    b.grant(alpha);
    await registries.set('alpha' as Ecosystem, true);
    expect(await registries.refusal('alpha' as Ecosystem)).toBeUndefined();
    b.state.granted.delete('https://api.shared.test/*');
    expect((await registries.refusal('alpha' as Ecosystem))?.detail).toMatch(/taken away/);
  });
});

/**
 * Registries the user turns on in the options page (`hostAccess: 'optional'`
 * in their descriptor). The options page asks for the hosts in the click's
 * user gesture (only a page can: the worker has no gesture), then tells the
 * worker, which stores the choice and registers the registry's content script
 * (`scripting.registerContentScripts`); turning off unregisters it and gives
 * the hosts back. At worker start, and whenever the browser's grants change
 * (the user can revoke them in the browser's own settings), the registered
 * scripts are brought in line with "wanted and still permitted". The worker
 * refuses to verify or fetch for a registry that is not on (REGISTRY_OFF),
 * rather than fail on a request the browser blocks. Driven by the descriptor
 * list only: nothing here names a registry.
 */
import { browser } from 'wxt/browser';
import { ProvenantError } from '../errors/provenant-error';
import { changeSettings, readSettings } from '../storage/items';
import type { PackagePage } from '../pages/package-page';
import type { RegistryPage } from '../registries/descriptor';
import type { ReleaseReport } from '../report/model';
import { pageFailureReport } from '../report/page-failure';
import { REGISTRY_PAGES } from '../registries/pages';
import { isOn, optionalSiteOf, originsToRelease, registryOrigins, runtimeContentScript, scriptPlan, type OptionalRegistryFacts, type RegisteredScript, type RuntimeContentScript } from '../registries/optional';
import type { Ecosystem } from '../registries/sites';
import { RequestRejected } from './request-rejected';

/** What the options page lists: one row per optional registry. */
export interface OptionalRegistryState {
  ecosystem: Ecosystem;
  label: string;
  /** The host permissions turning it on asks for. */
  origins: string[];
  on: boolean;
}

/** The browser and storage the module acts through (tests pass fakes; lib/background/main.ts the real ones). */
export interface OptionalRegistryEffects {
  contains(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
  registeredScripts(): Promise<RegisteredScript[]>;
  register(scripts: RuntimeContentScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** `registriesOn` of the settings. */
  readWanted(): Promise<string[]>;
  changeWanted(change: (wanted: string[]) => string[]): Promise<void>;
}

export type OptionalRegistries = ReturnType<typeof optionalRegistries>;

export function optionalRegistries(effects: OptionalRegistryEffects, pages: readonly RegistryPage<Ecosystem>[] = REGISTRY_PAGES) {
  const optional = pages.filter((p) => p.hostAccess === 'optional');
  const find = (ecosystem: string) => optional.find((p) => p.ecosystem === ecosystem);

  async function facts(of: readonly RegistryPage<Ecosystem>[] = optional): Promise<(OptionalRegistryFacts & { page: RegistryPage<Ecosystem> })[]> {
    const wanted = await effects.readWanted();
    return Promise.all(
      of.map(async (page) => ({
        page,
        ecosystem: page.ecosystem,
        wanted: wanted.includes(page.ecosystem),
        permitted: await effects.contains(registryOrigins(page)).catch(() => false),
      })),
    );
  }

  async function states(): Promise<OptionalRegistryState[]> {
    return (await facts()).map((f) => ({ ecosystem: f.page.ecosystem, label: f.page.label, origins: registryOrigins(f.page), on: isOn(f) }));
  }

  /** Registers the scripts of registries that are on and removes the others'; safe to run any number of times. */
  let syncing: Promise<void> = Promise.resolve();
  function sync(): Promise<void> {
    const run = async () => {
      const all = await facts();
      const withScripts = all.map((f) => ({ ...f, script: runtimeContentScript(f.page) }));
      const plan = scriptPlan(withScripts, await effects.registeredScripts());
      if (plan.unregister.length > 0) await effects.unregister(plan.unregister);
      const scripts = withScripts.filter((f) => plan.register.includes(f.ecosystem)).map((f) => f.script);
      if (scripts.length > 0) await effects.register(scripts);
    };
    // One at a time: two overlapping runs would both register the same id, and the second would fail.
    syncing = syncing.then(run, run);
    return syncing;
  }

  return {
    states,
    sync,

    /**
     * Turns a registry on or off. On: the page has asked for the hosts in the
     * user's gesture; without them the choice is refused (PERMISSION_MISSING)
     * and nothing is stored. Off: the script goes, then the hosts no other
     * registry needs are given back.
     */
    async set(ecosystem: Ecosystem, on: boolean): Promise<OptionalRegistryState[]> {
      const page = find(ecosystem);
      if (!page) throw new RequestRejected('NOT_OPTIONAL', `${ecosystem} is not a registry that is turned on or off`);
      if (on) {
        if (!(await effects.contains(registryOrigins(page)).catch(() => false))) {
          throw new RequestRejected('PERMISSION_MISSING', `access to ${registryOrigins(page).join(', ')} was not granted`);
        }
        await effects.changeWanted((w) => (w.includes(ecosystem) ? w : [...w, ecosystem]));
        await sync();
      } else {
        let wanted: string[] = [];
        await effects.changeWanted((w) => (wanted = w.filter((e) => e !== ecosystem)));
        await sync();
        const release = originsToRelease(ecosystem, pages, wanted);
        if (release.length > 0) await effects.remove(release).catch(() => false);
      }
      return states();
    },

    /**
     * Undefined when the worker may verify and fetch for this registry now;
     * else the coded error to answer with. Required registries are always on.
     */
    async refusal(ecosystem: Ecosystem): Promise<ProvenantError<'registry'> | undefined> {
      const page = find(ecosystem);
      if (!page) return undefined;
      // Only this registry's grant: asked before every answer about its pages, cached ones included.
      const [f] = await facts([page]);
      if (f && isOn(f)) return undefined;
      const why = f?.wanted ? 'its site access was taken away in the browser' : 'it is not turned on in the options page';
      return new ProvenantError('registry', 'REGISTRY_OFF', `${page.label}: ${why}`);
    },
  };
}

/** The real browser and settings (Chromium and Firefox both have `scripting.registerContentScripts` in MV3). */
export function browserRegistryEffects(): OptionalRegistryEffects {
  return {
    contains: (origins) => browser.permissions.contains({ origins }),
    remove: (origins) => browser.permissions.remove({ origins }),
    registeredScripts: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, js: s.js, matches: s.matches, runAt: s.runAt })),
    register: (scripts) => browser.scripting.registerContentScripts(scripts.map((s) => ({ ...s }))),
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
    readWanted: async () => (await readSettings()).registriesOn ?? [],
    changeWanted: async (change) => {
      await changeSettings((s) => ({ ...s, registriesOn: change(s.registriesOn ?? []) }));
    },
  };
}

/**
 * Keeps the registered scripts in line with the user's choice and the
 * browser's grants: now (worker start: scripts registered by an earlier
 * worker are kept or removed) and whenever a grant is added or taken away.
 */
export function watchOptionalRegistries(registries: OptionalRegistries): void {
  const sync = () => void registries.sync().catch(() => undefined);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
}

/** Runs `task` only for a registry that is on; else throws its REGISTRY_OFF error. */
export async function whenOn<T>(registries: Pick<OptionalRegistries, 'refusal'>, page: Pick<PackagePage, 'ecosystem'>, task: () => Promise<T>): Promise<T> {
  const off = await registries.refusal(page.ecosystem);
  if (off) throw off;
  return task();
}

/**
 * The optional registry that is off and whose site a tab is on, as far as the
 * worker can know it without the "tabs" permission: from the tab's URL when
 * the browser shows it (the registry's hosts are granted, e.g. shared with
 * another registry or granted outside the options page), else from the page
 * the registry's content script last reported for that tab. That record is
 * trustworthy for the site: lib/background/tab-watch.ts forgets it at every
 * load whose URL the worker cannot read, and without a load a tab stays on
 * its site. Most often neither is known (a registry never turned on has no
 * content script and no grant): then undefined, and the popup says which
 * registries are off without claiming this tab is on one.
 */
export async function offRegistryShown(
  registries: Pick<OptionalRegistries, 'refusal'>,
  url: string | undefined,
  recorded: Pick<PackagePage, 'ecosystem'> | undefined,
  pages: readonly RegistryPage<Ecosystem>[] = REGISTRY_PAGES,
): Promise<Ecosystem | undefined> {
  const candidate = url !== undefined ? optionalSiteOf(url, pages)?.ecosystem : recorded?.ecosystem;
  if (candidate === undefined) return undefined;
  return (await registries.refusal(candidate)) ? candidate : undefined;
}

/** A report answered because the page's registry is off: no verdict, nothing to retry until the user turns it on. */
export const isRegistryOffReport = (report: Pick<ReleaseReport, 'status' | 'code'>): boolean => report.status === 'error' && report.code === 'REGISTRY_OFF';

/** The report for a page of a registry that is off: an `error`, never cached (error lifetimes are 0), so turning it on answers at once. */
export function refusedReport(page: PackagePage, off: ProvenantError<'registry'>): ReleaseReport {
  return pageFailureReport(page, { status: 'error', code: off.code, message: off.sentence, detail: off.detail });
}

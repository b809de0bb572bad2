import type { EarlierVersion } from '../history/version-lists';
import type { RegistryClient } from '../net/registry-fetch';
import type { PageLocation } from '../pages/page-match';
import type { ReleaseReport, ReleaseStatus } from '../report/model';
import type { TrustContext } from '../verify/trust-root';

/**
 * What one registry is, in two parts. The page part is all a content script
 * bundles (its own registry's only: each `entrypoints/<name>.content.ts`
 * imports its `lib/registries/<name>/page.ts`, never the list); the popup,
 * options page, manifest and sender checks read every page part through
 * `lib/registries/pages.ts`. The worker part adds what verifies a release
 * and is bundled only into the background, through `lib/registries/list.ts`.
 * How to add a registry: docs/adding-a-registry.md.
 */
export interface RegistrySite<Id extends string = string> {
  /** The registry's id in pins, acknowledgements, reports and cache keys: stored, so never renamed. */
  readonly ecosystem: Id;
  /** How the UI names the registry ("PyPI", "npm"). */
  readonly label: string;
  /** Hosts whose pages get the badge; sender checks and links allow exactly these. */
  readonly siteHosts: readonly string[];
  /** Hosts the worker fetches from (the only hosts `fetchRegistryJSON` accepts). */
  readonly apiHosts: readonly string[];
  /**
   * Hosts the adapter reaches with a fetcher of its own, never through
   * `fetchRegistryJSON` (GitHub's API, the one host a token may go to; its
   * attestation storage; its TUF repository). Permissions like the others.
   */
  readonly adapterHosts?: readonly string[];
  /**
   * `required`: the hosts are in `host_permissions` (installing grants them);
   * `optional`: in `optional_host_permissions`, asked for when the user turns
   * the registry on. A registry's hosts may move from optional to required
   * only with a major release (Chrome disables an extension whose update adds
   * a required host).
   */
  readonly hostAccess: 'required' | 'optional';
  /** A release is several files, each listed with its own status (PyPI's wheels and sdist). */
  readonly listsFiles: boolean;
}

/**
 * The page part: the site plus what reads its pages. The site alone is plain
 * data (no parser), so code every bundle shares (safe links, host lists,
 * labels) reads all registries' sites and still bundles no registry's code.
 */
export interface RegistryPage<Id extends string = string> extends RegistrySite<Id> {
  /** The content script's `matches`. */
  readonly contentMatches: readonly string[];
  /** What the registry calls what it hosts ("project", "package"), and the page path the popup suggests, e.g. `/package/<name>`. */
  readonly itemWord: string;
  readonly pathHint: string;
  /** The release a page shows, from its URL alone (usually `pageDetector` of lib/pages/page-match.ts). */
  detect(location: PageLocation): { ecosystem: Id; package: string; version?: string } | null;
  /** Where the package title is: the badge goes right after it, or in a corner when absent. */
  readonly titleSelector: string;
  /** Whether the site changes packages without a page load (the badge then follows the URL). */
  readonly clientSideNavigation: boolean;
  /** The name as pins, cache keys and the automation contract compare it (PyPI: PEP 503). */
  normalizeName(name: string): string;
  /** Whether the options page's pin form takes this as a package name. */
  isValidName(name: string): boolean;
  /** The pin form's sentence when `isValidName` says no. */
  readonly invalidNameHint: string;
}

/** A release as a page asks for it: the version is absent for "latest". */
export interface ReleaseRef {
  name: string;
  version?: string;
}

export interface VerifyDeps {
  client: RegistryClient;
  trust: TrustContext;
}

/** The worker part: the page part plus how a release is verified and placed in its history. */
export interface Registry<Id extends string = string> extends RegistryPage<Id> {
  /** Never throws: every failure is a report with a code and a sentence. */
  verifyRelease(ref: ReleaseRef, deps: VerifyDeps): Promise<ReleaseReport>;
  /** The version a version-less page shows now (never cached: "latest" moves). */
  latestVersion(client: RegistryClient, name: string): Promise<string>;
  /** Versions published before `version`, newest first, at most `limit` (the history window). */
  earlierVersions(client: RegistryClient, name: string, version: string, limit: number): Promise<EarlierVersion[]>;
  /** The version line a release is compared within (`1`, `0.3`); undefined when the version does not parse. */
  versionLine(version: string): string | undefined;
  /** How long a report of each status stays cached, in ms (0: never cached). */
  readonly cacheLifetimes: Readonly<Record<ReleaseStatus, number>>;
}

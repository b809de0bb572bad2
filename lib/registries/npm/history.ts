import * as z from '../../zod';
import type { EarlierVersion } from '../../history/version-lists';
import { earlierNpmByPublishTime, earlierNpmVersions } from '../../history/version-order';
import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import { isProvenantError } from '../../errors/provenant-error';
import { packumentUrl, versionManifestUrl } from './names';
import { CORGI_ACCEPT } from './schema';

const npmLatestSchema = z.object({ 'dist-tags': z.object({ latest: z.string() }) });
const npmManifestSchema = z.object({ version: z.string() });

/**
 * The version `/package/<name>` shows now: `dist-tags.latest` of the
 * abbreviated packument the adapter reads, or `/<name>/latest` for a
 * packument too big to read.
 */
export async function npmLatestVersion(client: RegistryClient, name: string): Promise<string> {
  try {
    return (await fetchRegistryJSON(client, packumentUrl(name), npmLatestSchema, { accept: CORGI_ACCEPT }))['dist-tags'].latest;
  } catch (e) {
    if (!isProvenantError(e, 'registry') || e.code !== 'TOO_LARGE') throw e;
    return (await fetchRegistryJSON(client, versionManifestUrl(name, 'latest'), npmManifestSchema)).version;
  }
}

// Only what the history needs: the version list and, when the document has it, their publish times.
const npmVersionsSchema = z.object({ versions: z.record(z.string(), z.unknown()), time: z.optional(z.record(z.string(), z.unknown())) });

// registry.npmjs.org puts `dist.attestations` on every version published with provenance (mirrors may strip it).
const npmAdvertisesSchema = z.object({ dist: z.object({ attestations: z.object({ url: z.string() }) }) });

/**
 * The versions published before `version`, newest first by publish time, at
 * most `limit`; SemVer order when the document has no publish times (a
 * packument too big to read in full).
 */
export async function npmEarlierVersions(client: RegistryClient, name: string, version: string, limit: number): Promise<EarlierVersion[]> {
  const doc = await npmVersionList(client, name);
  const all = Object.keys(doc.versions);
  const times: Record<string, string | undefined> = {};
  for (const v of all) times[v] = typeof doc.time?.[v] === 'string' ? (doc.time[v] as string) : undefined;
  const ordered = times[version] !== undefined ? earlierNpmByPublishTime(times, all, version, limit) : earlierNpmVersions(all, version, limit);
  const advertised = new Set(all.filter((v) => npmAdvertisesSchema.safeParse(doc.versions[v]).success));
  // Only a document that advertises attestations for some version says anything by leaving them out.
  const marks = advertised.size > 0;
  return ordered.map((v) => ({
    version: v,
    publishedAt: times[v],
    ...(marks && !advertised.has(v) ? { attested: false as const } : {}),
  }));
}

/** History may read bigger documents than a verdict: it runs after the verdict, off the page's critical path. */
const HISTORY_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The full packument carries `time` (publish dates for the timeline); the
 * abbreviated one npm serves to installers does not. A package too big for the
 * full one is read from the abbreviated one, without dates.
 */
async function npmVersionList(client: RegistryClient, name: string) {
  try {
    return await fetchRegistryJSON(client, packumentUrl(name), npmVersionsSchema);
  } catch (e) {
    if (!isProvenantError(e, 'registry') || e.code !== 'TOO_LARGE') throw e;
    const roomy = { ...client, policy: { ...client.policy, maxBytes: HISTORY_MAX_BYTES } };
    const doc = await fetchRegistryJSON(roomy, packumentUrl(name), npmVersionsSchema, { accept: CORGI_ACCEPT });
    return { versions: doc.versions, time: undefined };
  }
}

import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import { RegistryError } from '../net/registry-error';
import { packumentUrl } from '../registries/npm';
import { CORGI_ACCEPT } from '../registries/npm/schema';
import { jsonApiUrl } from '../registries/pypi';
import { earlierFromSimpleIndex } from '../registries/pypi/index-history';
import { simpleIndexFor } from '../registries/pypi/simple-index';
import type { PackagePage } from '../pages/package-page';
import { earlierByUploadTime, earlierNpmByPublishTime, earlierNpmVersions } from './version-order';

// Only what the history needs: the version list and, when the document has it, their publish times.
const npmVersionsSchema = z.object({ versions: z.record(z.string(), z.unknown()), time: z.optional(z.record(z.string(), z.unknown())) });
const pypiReleasesSchema = z.object({
  releases: z.record(z.string(), z.array(z.object({ upload_time_iso_8601: z.optional(z.string()), upload_time: z.optional(z.string()), yanked: z.optional(z.boolean()) }))),
});

// registry.npmjs.org puts `dist.attestations` on every version published with provenance (mirrors may strip it).
const npmAdvertisesSchema = z.object({ dist: z.object({ attestations: z.object({ url: z.string() }) }) });

export interface EarlierVersion {
  version: string;
  publishedAt?: string | undefined;
  /**
   * `false` when the registry's own listing says the release has no
   * attestations, so the history can pass over it without a request;
   * undefined when only fetching its attestations can tell.
   */
  attested?: false | undefined;
}

/**
 * The versions published before `version`, newest first by publish time, at
 * most `limit`. npm falls back to SemVer order when its document has no
 * publish times (a packument too big to read in full).
 */
export async function earlierVersions(client: RegistryClient, page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]> {
  if (page.ecosystem === 'npm') {
    const doc = await npmVersionList(client, page.package);
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
  // One request for the whole project, shared with the page's own verification:
  // releases without provenance are marked and cost nothing more.
  const index = await simpleIndexFor(client, page.package);
  const fromIndex = index && earlierFromSimpleIndex(index, version, limit);
  if (fromIndex) return fromIndex;
  const doc = await fetchRegistryJSON(client, jsonApiUrl(page.package), pypiReleasesSchema);
  const uploads: Record<string, string | undefined> = {};
  const firstUpload = (files: typeof doc.releases[string]) => files.map((f) => f.upload_time_iso_8601 ?? f.upload_time).filter((t): t is string => !!t).sort()[0];
  for (const [v, files] of Object.entries(doc.releases)) {
    // Fully yanked releases are not history to compare with; but the version being
    // viewed may be yanked itself (a withdrawn malicious release) and still needs its place.
    uploads[v] = firstUpload(v === version ? files : files.filter((f) => !f.yanked));
  }
  return earlierByUploadTime(uploads, version, limit).map((v) => ({ version: v, publishedAt: uploads[v] }));
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
    if (!(e instanceof RegistryError) || e.code !== 'TOO_LARGE') throw e;
    const roomy = { ...client, policy: { ...client.policy, maxBytes: HISTORY_MAX_BYTES } };
    const doc = await fetchRegistryJSON(roomy, packumentUrl(name), npmVersionsSchema, { accept: CORGI_ACCEPT });
    return { versions: doc.versions, time: undefined };
  }
}

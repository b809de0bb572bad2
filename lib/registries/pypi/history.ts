import * as z from '../../zod';
import type { EarlierVersion } from '../../history/version-lists';
import { earlierByUploadTime } from '../../history/version-order';
import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import { earlierFromSimpleIndex } from './index-history';
import { jsonApiUrl, normalizeProjectName } from './names';
import { simpleIndexFor } from './simple-index';

const pypiLatestSchema = z.object({ info: z.object({ version: z.string() }) });

/** The version `/project/<name>/` shows now: `info.version` of the project JSON the adapter reads. */
export async function pypiLatestVersion(client: RegistryClient, name: string): Promise<string> {
  return (await fetchRegistryJSON(client, jsonApiUrl(normalizeProjectName(name)), pypiLatestSchema)).info.version;
}

const pypiReleasesSchema = z.object({
  releases: z.record(z.string(), z.array(z.object({ upload_time_iso_8601: z.optional(z.string()), upload_time: z.optional(z.string()), yanked: z.optional(z.boolean()) }))),
});

/** The releases uploaded before `version`, newest first by first upload, at most `limit`. */
export async function pypiEarlierVersions(client: RegistryClient, name: string, version: string, limit: number): Promise<EarlierVersion[]> {
  // One request for the whole project, shared with the page's own verification:
  // releases without provenance are marked and cost nothing more.
  const index = await simpleIndexFor(client, name);
  const fromIndex = index && earlierFromSimpleIndex(index, version, limit);
  if (fromIndex) return fromIndex;
  const doc = await fetchRegistryJSON(client, jsonApiUrl(name), pypiReleasesSchema);
  const uploads: Record<string, string | undefined> = {};
  const firstUpload = (files: typeof doc.releases[string]) => files.map((f) => f.upload_time_iso_8601 ?? f.upload_time).filter((t): t is string => !!t).sort()[0];
  for (const [v, files] of Object.entries(doc.releases)) {
    // Fully yanked releases are not history to compare with; but the version being
    // viewed may be yanked itself (a withdrawn malicious release) and still needs its place.
    uploads[v] = firstUpload(v === version ? files : files.filter((f) => !f.yanked));
  }
  return earlierByUploadTime(uploads, version, limit).map((v) => ({ version: v, publishedAt: uploads[v] }));
}

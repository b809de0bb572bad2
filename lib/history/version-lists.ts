import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import { packumentUrl } from '../registries/npm';
import { CORGI_ACCEPT } from '../registries/npm/schema';
import { jsonApiUrl } from '../registries/pypi';
import type { PackagePage } from '../pages/package-page';
import { earlierByUploadTime, earlierNpmVersions } from './version-order';

// Only what the history needs; the abbreviated packument keeps `next`-sized packages small.
const npmVersionsSchema = z.object({ versions: z.record(z.string(), z.unknown()), time: z.optional(z.record(z.string(), z.unknown())) });
const pypiReleasesSchema = z.object({
  releases: z.record(z.string(), z.array(z.object({ upload_time_iso_8601: z.optional(z.string()), upload_time: z.optional(z.string()), yanked: z.optional(z.boolean()) }))),
});

export interface EarlierVersion { version: string; publishedAt?: string | undefined }

/** The versions before `version` to look at, newest first, at most `limit`. */
export async function earlierVersions(client: RegistryClient, page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]> {
  if (page.ecosystem === 'npm') {
    const doc = await fetchRegistryJSON(client, packumentUrl(page.package), npmVersionsSchema, { accept: CORGI_ACCEPT });
    return earlierNpmVersions(Object.keys(doc.versions), version, limit).map((v) => ({
      version: v,
      publishedAt: typeof doc.time?.[v] === 'string' ? (doc.time[v] as string) : undefined,
    }));
  }
  const doc = await fetchRegistryJSON(client, jsonApiUrl(page.package), pypiReleasesSchema);
  const uploads: Record<string, string | undefined> = {};
  for (const [v, files] of Object.entries(doc.releases)) {
    // Fully yanked releases are not part of the history a user installs from.
    const live = files.filter((f) => !f.yanked);
    const times = live.map((f) => f.upload_time_iso_8601 ?? f.upload_time).filter((t): t is string => !!t).sort();
    uploads[v] = times[0];
  }
  return earlierByUploadTime(uploads, version, limit).map((v) => ({ version: v, publishedAt: uploads[v] }));
}

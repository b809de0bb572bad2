import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import { RegistryError } from '../net/registry-error';
import { packumentUrl } from '../registries/npm';
import { CORGI_ACCEPT } from '../registries/npm/schema';
import { jsonApiUrl } from '../registries/pypi';
import type { PackagePage } from '../pages/package-page';
import { earlierByUploadTime, earlierNpmVersions } from './version-order';

// Only what the history needs: the version list and, when the document has it, their publish times.
const npmVersionsSchema = z.object({ versions: z.record(z.string(), z.unknown()), time: z.optional(z.record(z.string(), z.unknown())) });
const pypiReleasesSchema = z.object({
  releases: z.record(z.string(), z.array(z.object({ upload_time_iso_8601: z.optional(z.string()), upload_time: z.optional(z.string()), yanked: z.optional(z.boolean()) }))),
});

export interface EarlierVersion { version: string; publishedAt?: string | undefined }

/** The versions before `version` to look at, newest first, at most `limit`. */
export async function earlierVersions(client: RegistryClient, page: PackagePage, version: string, limit: number): Promise<EarlierVersion[]> {
  if (page.ecosystem === 'npm') {
    const doc = await npmVersionList(client, page.package);
    return earlierNpmVersions(Object.keys(doc.versions), version, limit).map((v) => ({
      version: v,
      publishedAt: typeof doc.time?.[v] === 'string' ? (doc.time[v] as string) : undefined,
    }));
  }
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

import { earlierByUploadTime } from '../../history/version-order';
import type { EarlierVersion } from '../../history/version-lists';
import { releasesOf, type SimpleIndex } from './simple-index';

/**
 * The history's earlier releases from the JSON simple index alone: ordered by
 * first upload as the JSON API path orders them (yanked files left out,
 * except for the version being viewed), and a release whose every listed
 * file has `provenance: null` marked `attested: false`, so the walk passes
 * over it without a request. Undefined when the index cannot place the
 * current version (not listed yet, no wheel or sdist, no upload time): the
 * caller then asks the JSON API as before.
 */
export function earlierFromSimpleIndex(index: SimpleIndex, version: string, limit: number): EarlierVersion[] | undefined {
  const releases = releasesOf(index);
  const current = releases.get(version);
  if (!current || current.files.length === 0) return undefined;
  const uploads: Record<string, string | undefined> = {};
  for (const [v, r] of releases) {
    const files = v === version ? r.files : r.files.filter((f) => !f.yanked);
    uploads[v] = files.map((f) => f.uploadedAt).filter((t): t is string => !!t).sort()[0];
  }
  if (uploads[version] === undefined) return undefined;
  return earlierByUploadTime(uploads, version, limit).map((v) => ({
    version: v,
    publishedAt: uploads[v],
    ...(releases.get(v)!.files.every((f) => !f.attested) ? { attested: false as const } : {}),
  }));
}

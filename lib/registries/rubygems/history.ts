import type { EarlierVersion } from '../../history/version-lists';
import { earlierByUploadTime } from '../../history/version-order';
import { fetchVersionList, type RubygemsFetchJson } from './fetch';
import { parseVersionSlug, versionSlug } from './names';
import type { GemVersionRecord } from './schema';
import { compareGemVersions, isPrereleaseGemVersion } from './version';

/**
 * The releases a RubyGems release is compared with (VERDICTS.md, "History
 * window"): earlier versions *of the same platform*, newest first by publish
 * time (`created_at`), at most `limit`. A platform gem (`1.16.0-x86_64-linux`)
 * is built by its own job, often its own workflow, so comparing it with the
 * pure-Ruby gem would raise publisher alerts that mean nothing. Prereleases
 * are left out unless the current version is one, as for npm. When the
 * current record has no usable publish time, version order decides.
 * The versions API carries no attestation marker, so no entry is marked
 * `attested: false`: each is verified when the window needs it.
 * `current` is the report's version, `<number>[-<platform>]`.
 */
export function earlierRubygemsVersions(records: readonly GemVersionRecord[], current: string, limit: number): EarlierVersion[] {
  const parsed = parseVersionSlug(current);
  if (!parsed) return [];
  const includePre = isPrereleaseGemVersion(parsed.version);
  const same = records.filter((r) => r.platform === parsed.platform && (r.number === parsed.version || includePre || !isPrereleaseGemVersion(r.number)));
  const self = same.find((r) => r.number === parsed.version);
  const published = new Map(same.map((r) => [versionSlug(r.number, r.platform), r.createdAt]));
  if (self?.createdAt !== undefined) {
    return earlierByUploadTime(Object.fromEntries(published), current, limit).map((v) => ({ version: v, publishedAt: published.get(v) }));
  }
  return same
    .filter((r) => compareGemVersions(r.number, parsed.version) < 0)
    .sort((a, b) => compareGemVersions(b.number, a.number))
    .slice(0, limit)
    .map((r) => ({ version: versionSlug(r.number, r.platform), publishedAt: r.createdAt }));
}

/** The descriptor's `earlierVersions` for RubyGems: one request (the versions list), then the pure selection above. */
export async function earlierVersions(fetchJson: RubygemsFetchJson, name: string, current: string, limit: number): Promise<EarlierVersion[]> {
  const list = await fetchVersionList(fetchJson, name);
  return earlierRubygemsVersions(list.records, current, limit);
}

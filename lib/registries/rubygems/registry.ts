import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import type { ReleaseStatus } from '../../report/model';
import * as z from '../../zod';
import type { Registry } from '../descriptor';
import { fetchVersionList, type RubygemsFetchJson } from './fetch';
import { earlierVersions } from './history';
import { parseVersionSlug, versionSlug } from './names';
import { rubygemsPage } from './page';
import { latestRecord, verifyRubygemsRelease } from './verify-release';
import { rubygemsVersionLine } from './version';

const HOUR = 3600_000;

/** rubygems.org's API through the worker's bounded fetch (no credentials, no redirects, its hosts only); ./schema.ts parses every answer. */
const fetchJson =
  (client: RegistryClient): RubygemsFetchJson =>
  (url) =>
    fetchRegistryJSON(client, url, z.unknown());

/** The report's version (`<number>[-<platform>]`) as the adapter's ref; an unparsable one is passed on for the adapter to refuse with a code. */
function refOf(name: string, slug: string | undefined) {
  if (slug === undefined) return { name };
  const parsed = parseVersionSlug(slug);
  return parsed ? { name, version: parsed.version, platform: parsed.platform } : { name, version: slug };
}

/**
 * A published .gem never changes (its sha256 is fixed) and rubygems.org
 * stores attestations at push time, so a verdict on it holds like npm's;
 * `absent` and `partial` are rechecked sooner in case attestations are
 * repaired. Errors are never cached.
 */
const cacheLifetimes: Record<ReleaseStatus, number> = { verified: 24 * HOUR, failed: 24 * HOUR, unsupported: 24 * HOUR, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 };

/** RubyGems's descriptor (lib/registries/descriptor.ts); identity rules: ./identity.ts, used by ./verify-attestation.ts. */
export const rubygemsRegistry = {
  ...rubygemsPage,
  verifyRelease: (ref, { client, trust }) => verifyRubygemsRelease(refOf(ref.name, ref.version), { fetchJson: fetchJson(client), trust }),
  latestVersion: async (client, name) => {
    const record = latestRecord((await fetchVersionList(fetchJson(client), name)).records);
    if (!record) throw new Error(`${name} has no published version`);
    return versionSlug(record.number, record.platform);
  },
  // Earlier versions of the same platform (./history.ts); the line keeps the platform too (./version.ts).
  earlierVersions: (client, name, version, limit) => earlierVersions(fetchJson(client), name, version, limit),
  versionLine: rubygemsVersionLine,
  cacheLifetimes,
} as const satisfies Registry<'rubygems'>;

import type { Registry } from '../descriptor';
import { verifyPypiRelease } from '../pypi';
import { pypiEarlierVersions, pypiLatestVersion } from './history';
import { pypiPage } from './page';
import { pep440VersionLine } from './version';

const HOUR = 3600_000;

/** PyPI's descriptor (lib/registries/descriptor.ts); identity rules: ./publisher.ts, used by ./verify-file.ts. */
export const pypiRegistry = {
  ...pypiPage,
  verifyRelease: verifyPypiRelease,
  latestVersion: pypiLatestVersion,
  earlierVersions: pypiEarlierVersions,
  // The same rule as npm's on the PEP 440 release segments (with the epoch).
  versionLine: pep440VersionLine,
  // A release can gain files (with or without provenance) after its first upload, so any
  // verdict a new file could change is rechecked after the Integrity API's own 10-minute
  // cache lifetime; a failed file stays failed.
  cacheLifetimes: { verified: 10 * 60_000, failed: 24 * HOUR, unsupported: 10 * 60_000, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
} as const satisfies Registry<'pypi'>;

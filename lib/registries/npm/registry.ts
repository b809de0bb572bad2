import { semverLine } from '../../history/version-order';
import type { Registry } from '../descriptor';
import { verifyNpmRelease } from '../npm';
import { npmEarlierVersions, npmLatestVersion } from './history';
import { npmPage } from './page';

const HOUR = 3600_000;

/** npm's descriptor (lib/registries/descriptor.ts); identity rules: ./identity.ts, used by ./attestations.ts. */
export const npmRegistry = {
  ...npmPage,
  verifyRelease: verifyNpmRelease,
  latestVersion: npmLatestVersion,
  earlierVersions: npmEarlierVersions,
  versionLine: semverLine,
  // npm versions are immutable: one tarball, attested or not at publish time.
  cacheLifetimes: { verified: 24 * HOUR, failed: 24 * HOUR, unsupported: 24 * HOUR, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
} as const satisfies Registry<'npm'>;

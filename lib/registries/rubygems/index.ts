import type { ReleaseStatus } from '../../report/model';

/**
 * RubyGems (rubygems.org): the registry-specific core, shaped for the registry
 * descriptor (issue 10) to wrap — page detection, names, API schemas, the
 * release verifier, the history selection, version order and lines, cache
 * lifetimes. Not wired into the worker, pages or pins yet.
 * What "verified" means here, step by step: ./verify-attestation.ts.
 */

export { RUBYGEMS_HOST, RUBYGEMS_ORIGIN, RUBY_PLATFORM, attestationsUrl, gemFileName, isValidGemName, isValidGemVersion, isValidPlatform, parseRubygemsPage, parseRubygemsPath, parseVersionSlug, versionSlug, versionsUrl, type RubygemsRef } from './names';
export { compareGemVersions, isPrereleaseGemVersion, rubygemsVersionLine, rubygemsVersionLineLabel } from './version';
export { parseVersionList, type GemVersionRecord, type VersionList } from './schema';
export { repairAttestationBundle } from './repair';
export { checkTrustedPublisher, rubygemsIdentity } from './identity';
export { compareSourceRepository, declaredRepositories, githubRepositoryOf } from './source-repository';
export { GEM_MESSAGE_SIGNATURE, verifyGemAttestation } from './verify-attestation';
export { latestRecord, verifyRubygemsRelease, type RubygemsVerifyDeps } from './verify-release';
export { earlierRubygemsVersions, earlierVersions } from './history';
export { RUBYGEMS_ERROR_CODES, type RubygemsErrorCode } from './errors';
export type { RubygemsFetchJson } from './fetch';

/**
 * How long a report stays valid. A published .gem never changes (its sha256
 * is fixed) and rubygems.org stores attestations at push time, so a verdict
 * on the file holds like npm's; `absent` and `partial` are rechecked sooner
 * in case attestations arrive late or are repaired. Errors are never cached.
 */
export const RUBYGEMS_CACHE_TTL_MS: Record<ReleaseStatus, number> = {
  verified: 24 * 3600_000,
  failed: 24 * 3600_000,
  unsupported: 24 * 3600_000,
  partial: 10 * 60_000,
  absent: 10 * 60_000,
  error: 0,
};

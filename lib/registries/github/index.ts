/**
 * The GitHub releases adapter, as the registry descriptor (issue 10) will use it:
 * page detection, the verification, the trust it needs, the cache and the hosts.
 */
export { parseGithubReleaseUrl, releasePageUrl, repositoryName, isValidOwner, isValidRepo, isValidTag, isValidReleaseRef, GITHUB_SITE, GITHUB_API_ORIGIN, type GithubReleaseRef } from './page';
export { verifyGithubRelease, type GithubVerifyDeps } from './verify-release';
export { NO_PUBLIC_LOG, type GithubTrust } from './verify-asset';
export { githubClient, BUNDLE_HOSTS, type GithubClient } from './github-fetch';
export { memoryAttestationCache, attestationCacheKey, EMPTY_ANSWER_MS, type AttestationCache, type CachedAttestations } from './attestation-cache';
export { GITHUB_ERROR_CODES, type GithubErrorCode } from './errors';
export { githubReleaseReportSchema, type GithubReleaseReport } from './report';

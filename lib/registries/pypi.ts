import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import type { ReleaseReport } from '../report/model';
import { releaseStatus, sharedIdentity } from '../policy/status';
import type { TrustContext } from '../verify/trust-root';
import { isUsableVersion, isValidProjectName, jsonApiUrl, normalizeProjectName } from './pypi/names';
import { jsonApiReleaseSchema, type JsonApiRelease } from './pypi/schema';
import { foreignFile, legacyFile, releaseMembership } from './pypi/release-file';
import { versionsEqual } from './pypi/version';
import { verifyPypiFile } from './pypi/verify-file';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import { internalFailure } from '../errors/report-fields';
import { listedWithProvenance, listedWithoutProvenance, simpleIndexFor } from './pypi/simple-index';
import { withRegistryClaim } from './pypi/registry-claim';

/**
 * PyPI adapter: which files a release has (JSON API), their PEP 740
 * provenance (Integrity API), and whether each file's attestations verify
 * and bind to that file and to the release's Trusted Publisher.
 * What "verified" means, step by step: docs/verification-pypi.md.
 */

export { normalizeProjectName, parsePypiProjectPath, integrityUrl, jsonApiUrl } from './pypi/names';
export { pep740ToBundle } from './pypi/bundle';
export { parseDistFilename, sameDistribution } from './pypi/filename';
export { bindSubject } from './pypi/subject';
export { checkPublisher, parsePublisher } from './pypi/publisher';
export { verifyPep740Attestation } from './pypi/verify-file';

export interface PypiReleaseRequest {
  name: string;
  /** Omitted: the latest release, as PyPI chooses it (not yanked, not a pre-release when possible). */
  version?: string;
}

export interface PypiAdapterOptions {
  client: RegistryClient;
  trust: TrustContext;
  now?: Date;
}

// Provenance requests and verifications in flight at once: enough to hide
// latency, few enough not to look like a crawler to PyPI's rate limiter.
const FILE_CONCURRENCY = 4;

/**
 * Never throws (issue 11, finding 8): every failure, expected or not, is a
 * report with a code and a sentence.
 */
export async function verifyPypiRelease(request: PypiReleaseRequest, options: PypiAdapterOptions): Promise<ReleaseReport> {
  try {
    return await verifyRelease(request, options);
  } catch (e) {
    const { status, code, message, detail } = internalFailure(e);
    return {
      ecosystem: 'pypi',
      package: safeProjectName(request.name),
      version: typeof request.version === 'string' ? request.version.slice(0, 128) : '',
      status,
      code,
      message,
      detail,
      artifacts: [],
      checkedAt: (options.now ?? new Date()).toISOString(),
    };
  }
}

function safeProjectName(name: unknown): string {
  try {
    return normalizeProjectName(String(name)).slice(0, 214);
  } catch {
    return '';
  }
}

async function verifyRelease(request: PypiReleaseRequest, options: PypiAdapterOptions): Promise<ReleaseReport> {
  const project = normalizeProjectName(request.name);
  const checkedAt = (options.now ?? new Date()).toISOString();
  const fail = (e: ProvenantError<'registry'>, version = request.version ?? ''): ReleaseReport => ({
    ecosystem: 'pypi',
    package: project,
    version,
    status: 'error',
    code: e.code,
    message: e.sentence,
    retryable: e.retryable,
    artifacts: [],
    checkedAt,
  });
  if (!isValidProjectName(request.name)) return fail(new ProvenantError('registry', 'NOT_FOUND', `${JSON.stringify(request.name.slice(0, 100))} is not a valid project name`));
  if (request.version !== undefined && !isUsableVersion(request.version)) {
    return fail(new ProvenantError('registry', 'NOT_FOUND', `${JSON.stringify(request.version.slice(0, 100))} is not a version`));
  }

  // Asked alongside the release: it spares one Integrity API request per file without provenance.
  const index = simpleIndexFor(options.client, project);
  let release: JsonApiRelease;
  try {
    release = await fetchRegistryJSON(options.client, jsonApiUrl(project, request.version), jsonApiReleaseSchema);
    checkRelease(release, project, request.version);
  } catch (e) {
    if (isProvenantError(e, 'registry')) return fail(e);
    throw e; // to verifyPypiRelease: an internal error report
  }
  const listing = await index;
  const version = release.info.version;
  const files = release.urls.map((u) => ({ filename: u.filename, sha256: u.digests.sha256.toLowerCase() }));
  const artifacts = await mapLimited(files, FILE_CONCURRENCY, async (file) => {
    const membership = releaseMembership(file.filename, project, version);
    if (membership === 'legacy') return legacyFile(file);
    const report = listedWithoutProvenance(listing, file)
      ? { name: file.filename, digest: { algorithm: 'sha256' as const, hex: file.sha256 }, status: 'absent' as const, attestations: [] }
      : withRegistryClaim(await verifyPypiFile(file, { client: options.client, trust: options.trust, project, version }), listedWithProvenance(listing, file));
    return membership === 'foreign' ? foreignFile(file, report, project, version) : report;
  });
  const status = releaseStatus(artifacts);
  const decisive = artifacts.find((a) => a.status === status);
  const identity = sharedIdentity(artifacts);
  return {
    ecosystem: 'pypi',
    package: project,
    version,
    status,
    ...(decisive?.code !== undefined ? { code: decisive.code } : {}),
    ...(decisive?.message !== undefined ? { message: decisive.message } : {}),
    ...(status === 'error' ? { retryable: artifacts.some((a) => a.status === 'error' && a.retryable) } : {}),
    artifacts,
    ...(identity ? { identity } : {}),
    checkedAt,
  };
}

/**
 * The response must be the release that was asked for: warehouse matches
 * names by PEP 503 and versions by PEP 440 equality, so compare the same way.
 * A stray cached or mixed-up response is refused, not verified.
 */
function checkRelease(release: JsonApiRelease, project: string, version: string | undefined): void {
  if (normalizeProjectName(release.info.name) !== project) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `asked for ${project}, PyPI answered for ${release.info.name}`);
  }
  if (version !== undefined && version !== release.info.version && !versionsEqual(version, release.info.version)) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `asked for version ${version}, PyPI answered for ${release.info.version}`);
  }
  const seen = new Set<string>();
  for (const { filename } of release.urls) {
    if (seen.has(filename)) throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `file ${filename} is listed twice`);
    seen.add(filename);
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

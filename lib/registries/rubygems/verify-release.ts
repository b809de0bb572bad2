import { reportCodeMeaning } from '../../errors/vocabulary';
import type { ArtifactReport, RubygemsReleaseReport } from '../../report/model';
import { releaseStatus, sharedIdentity } from '../../policy/status';
import { ProvenantError, isProvenantError } from '../../errors/provenant-error';
import type { TrustContext } from '../../verify/trust-root';
import { toFailure } from './errors';
import { fetchVersionList, parseResponse, type RubygemsFetchJson } from './fetch';
import { RUBY_PLATFORM, attestationsUrl, gemFileName, isValidGemName, isValidGemVersion, isValidPlatform, platformOf, versionSlug, type RubygemsRef } from './names';
import { attestationsResponseSchema, type GemVersionRecord } from './schema';
import { compareGemVersions, isPrereleaseGemVersion } from './version';
import { verifyGemAttestation, type GemAttestationOutcome } from './verify-attestation';

export interface RubygemsVerifyDeps {
  fetchJson: RubygemsFetchJson;
  trust: TrustContext;
  now?: Date;
}

// Every version seen carries one bundle; a handful leaves room without
// letting a response make the worker verify hundreds.
export const MAX_ATTESTATIONS_PER_GEM = 8;

const NO_PROVENANCE = 'RubyGems.org has no attestation for this gem file.';

/**
 * Verifies one RubyGems release: versions API → the .gem's sha256 →
 * attestations API → each bundle (./verify-attestation.ts) → verdict. The
 * report's version is `<number>[-<platform>]`, as rubygems.org's URLs write
 * it. Never throws: every failure, expected or not, is a report with a code.
 */
export async function verifyRubygemsRelease(ref: RubygemsRef, deps: RubygemsVerifyDeps): Promise<RubygemsReleaseReport> {
  const checkedAt = (deps.now ?? new Date()).toISOString();
  const base = { ecosystem: 'rubygems' as const, package: String(ref.name).slice(0, 255), checkedAt };
  const asked = typeof ref.version === 'string' ? versionSlug(ref.version.slice(0, 128), String(platformOf(ref)).slice(0, 64)) : '';
  try {
    return await verifyRelease(ref, deps, base);
  } catch (e) {
    return failedRelease(base, asked, e);
  }
}

type Base = Pick<RubygemsReleaseReport, 'ecosystem' | 'package' | 'checkedAt'>;

async function verifyRelease(ref: RubygemsRef, deps: RubygemsVerifyDeps, base: Base): Promise<RubygemsReleaseReport> {
  const platform = platformOf(ref);
  if (!isValidGemName(ref.name) || (ref.version !== undefined && !isValidGemVersion(ref.version)) || !isValidPlatform(platform)) {
    throw new ProvenantError('release', 'INVALID_GEM', JSON.stringify(`${ref.name}-${ref.version ?? ''}-${platform}`.slice(0, 200)));
  }
  const list = await fetchVersionList(deps.fetchJson, ref.name);
  const record =
    ref.version === undefined
      ? latestRecord(ref.platform === undefined ? list.records : list.records.filter((r) => r.platform === platform))
      : list.records.find((r) => r.number === ref.version && r.platform === platform);
  if (!record) {
    const what = ref.version === undefined ? `${ref.name} has no published version` : `${ref.name} ${versionSlug(ref.version, platform)} is not in the versions list`;
    const skipped = list.skipped.length > 0 ? ` (${list.skipped.length} malformed record(s) skipped)` : '';
    throw new ProvenantError('registry', 'NOT_FOUND', `${what}${skipped}`);
  }
  const version = versionSlug(record.number, record.platform);
  const artifact = await checkGem(ref.name, record, deps);
  const status = releaseStatus([artifact]);
  const identity = sharedIdentity([artifact]);
  return {
    ...base,
    version,
    status,
    ...(status === 'verified' ? {} : pick(artifact)),
    artifacts: [artifact],
    ...(identity ? { identity } : {}),
  };
}

/**
 * The release the gem's page shows when its URL names no version: the
 * highest version by RubyGems order, preferring releases to prereleases and
 * the pure-Ruby gem to platform builds of the same version.
 */
export function latestRecord(records: readonly GemVersionRecord[]): GemVersionRecord | undefined {
  let best: GemVersionRecord | undefined;
  for (const r of records) if (!best || isBetterLatest(r, best)) best = r;
  return best;
}

function isBetterLatest(r: GemVersionRecord, best: GemVersionRecord): boolean {
  const pre = isPrereleaseGemVersion(r.number);
  if (pre !== isPrereleaseGemVersion(best.number)) return !pre;
  const order = compareGemVersions(r.number, best.number);
  if (order !== 0) return order > 0;
  return r.platform === RUBY_PLATFORM && best.platform !== RUBY_PLATFORM;
}

async function checkGem(name: string, record: GemVersionRecord, deps: RubygemsVerifyDeps): Promise<ArtifactReport> {
  const base = {
    name: gemFileName(name, record.number, record.platform),
    digest: { algorithm: 'sha256' as const, hex: record.sha256 ?? '' },
    attestations: [],
  };
  const fail = (e: unknown, extra: { retryable?: boolean } = {}): ArtifactReport => {
    const { status, ...fields } = toFailure(e);
    return { ...base, status, ...fields, ...extra };
  };
  const url = attestationsUrl(name, record.number, record.platform);
  let bundles: unknown[];
  try {
    bundles = parseResponse(url, attestationsResponseSchema, await deps.fetchJson(url));
  } catch (e) {
    // The version is listed, so a 404 here is the registry out of step with
    // itself (a cache, a replica): not "no provenance", and asked again later.
    if (isProvenantError(e, 'registry') && e.code === 'NOT_FOUND') return fail(e, { retryable: true });
    return fail(e);
  }
  if (bundles.length === 0) return { ...base, status: 'absent', message: NO_PROVENANCE };
  if (record.sha256 === undefined) {
    return fail(new ProvenantError('release', 'INTEGRITY_UNSUPPORTED', `no sha256 for the .gem: ${url} serves ${bundles.length} attestation(s); the versions record: ${record.problems.join('; ')}`));
  }
  if (bundles.length > MAX_ATTESTATIONS_PER_GEM) {
    return fail(new ProvenantError('registry', 'TOO_LARGE', `${url}: ${bundles.length} attestations, limit ${MAX_ATTESTATIONS_PER_GEM}`));
  }
  const gem = { sha256: record.sha256, metadata: record.metadata };
  const outcomes = await Promise.all(bundles.map((b) => verifyGemAttestation(b, gem, deps.trust)));
  return combine(base, outcomes);
}

/**
 * Soundness: the .gem is `verified` only if every attestation served for it
 * is; one failure fails it, and one Provenant cannot judge makes it
 * `unsupported`.
 */
function combine(base: Pick<ArtifactReport, 'name' | 'digest'>, outcomes: GemAttestationOutcome[]): ArtifactReport {
  const failed = outcomes.find((o) => o.status === 'failed');
  if (failed) {
    const message = reportCodeMeaning(failed.code)?.sentence;
    return { ...base, status: 'failed', code: failed.code, ...(message ? { message } : {}), detail: failed.detail, attestations: [], ...(failed.identity ? { identity: failed.identity } : {}) };
  }
  const unsupported = outcomes.find((o) => o.status === 'unsupported');
  if (unsupported) {
    return { ...base, status: 'unsupported', code: unsupported.code, message: reportCodeMeaning(unsupported.code)?.sentence ?? '', detail: unsupported.detail, attestations: [] };
  }
  const verified = outcomes.filter((o): o is Extract<GemAttestationOutcome, { status: 'verified' }> => o.status === 'verified');
  const repairs = verified.flatMap((o) => o.repairs);
  return {
    ...base,
    status: 'verified',
    identity: verified[0]!.identity,
    attestations: verified.map((o) => o.summary),
    ...(repairs.length > 0 ? { detail: `repaired before verifying: ${repairs.join('; ')}` } : {}),
  };
}

function failedRelease(base: Base, version: string, e: unknown): RubygemsReleaseReport {
  const f = toFailure(e);
  return { ...base, version, status: f.status, code: f.code, message: f.message, detail: f.detail, ...(f.retryable !== undefined ? { retryable: f.retryable } : {}), artifacts: [] };
}

function pick(a: ArtifactReport): Pick<ArtifactReport, 'code' | 'message' | 'detail' | 'retryable'> {
  return {
    ...(a.code !== undefined ? { code: a.code } : {}),
    ...(a.message !== undefined ? { message: a.message } : {}),
    ...(a.detail !== undefined ? { detail: a.detail } : {}),
    ...(a.retryable !== undefined ? { retryable: a.retryable } : {}),
  };
}

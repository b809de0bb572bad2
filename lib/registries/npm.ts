import * as z from '../zod';
import { fetchRegistryJSON, type RegistryClient } from '../net/registry-fetch';
import type { ArtifactReport, ReleaseReport } from '../report/model';
import { releaseStatus, sharedIdentity } from '../policy/status';
import type { TrustContext } from '../verify/trust-root';
import { NO_PROVENANCE, checkAttestation, judge } from './npm/attestations';
import { stagedApprover } from './npm/staged';
import { attestationsUrl, isValidPackageName, isValidVersion, npmPurl, packumentUrl, versionManifestUrl, type NpmPackageRef } from './npm/names';
import {
  CORGI_ACCEPT,
  attestationsResponseSchema,
  distSchema,
  packumentSchema,
  sha512HexFromIntegrity,
  versionManifestSchema,
  type NpmAttestationEntry,
  type NpmVersionManifest,
} from './npm/schema';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import { failureOf } from '../errors/report-fields';
import { zodIssue } from '../errors/zod-issue';

export { attestationsUrl, npmPurl, packumentUrl, parseNpmPackagePath, type NpmPackageRef } from './npm/names';

export interface NpmVerifyDeps {
  client: RegistryClient;
  trust: TrustContext;
  now?: Date;
}

/**
 * Verifies one npm release: packument → version → dist.integrity (sha512) →
 * attestations endpoint → each attestation (see npm/attestations.ts) → verdict.
 * Never throws: every failure, expected or not, becomes a report with a code and a sentence.
 */
export async function verifyNpmRelease(ref: NpmPackageRef, deps: NpmVerifyDeps): Promise<ReleaseReport> {
  try {
    return await verifyRelease(ref, deps);
  } catch (e) {
    // Only a bug or a request no type allowed gets here (the steps below report their own failures).
    const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
    const base = { ecosystem: 'npm' as const, package: text(ref?.name, 214), checkedAt: (deps?.now ?? new Date()).toISOString() };
    return failedRelease(base, text(ref?.version, 128), e);
  }
}

async function verifyRelease(ref: NpmPackageRef, deps: NpmVerifyDeps): Promise<ReleaseReport> {
  const checkedAt = (deps.now ?? new Date()).toISOString();
  const base = { ecosystem: 'npm' as const, package: ref.name, checkedAt };
  if (!isValidPackageName(ref.name) || (ref.version !== undefined && !isValidVersion(ref.version))) {
    return failedRelease(base, ref.version ?? '', new ProvenantError('release', 'INVALID_PACKAGE', `${JSON.stringify(ref.name.slice(0, 100))}@${JSON.stringify((ref.version ?? '').slice(0, 100))}`));
  }
  let manifest: NpmVersionManifest;
  try {
    manifest = await resolveVersion(deps.client, ref);
  } catch (e) {
    return failedRelease(base, ref.version ?? '', e);
  }
  let artifact: ArtifactReport;
  try {
    artifact = withRegistryClaim(await checkArtifact(manifest, deps), manifest.dist.attestations);
  } catch (e) {
    // Only a bug gets here; a report is still better than a rejected promise.
    return failedRelease(base, manifest.version, e);
  }
  const status = releaseStatus([artifact]);
  return {
    ...base,
    version: manifest.version,
    status,
    ...(status === 'verified' ? {} : pick(artifact)),
    artifacts: [artifact],
    ...optional('identity', sharedIdentity([artifact])),
    ...optional('stagedApprover', stagedApprover(manifest._npmUser)),
  };
}

/**
 * The packument's `dist.attestations` is the registry saying "this version
 * has provenance": kept on an artifact that then did not verify (failed, or
 * nothing served), so the disagreement is shown as its own alert. Not on
 * `error` (not known yet) nor `unsupported` (served and valid, only not
 * checkable).
 */
function withRegistryClaim(artifact: ArtifactReport, advertised: NpmVersionManifest['dist']['attestations']): ArtifactReport {
  if (!advertised || (artifact.status !== 'failed' && artifact.status !== 'absent')) return artifact;
  const predicateType = advertised.provenance?.predicateType.slice(0, 200);
  return { ...artifact, registryClaim: { source: 'npm-packument', ...(predicateType !== undefined ? { predicateType } : {}) } };
}

function failedRelease(base: Pick<ReleaseReport, 'ecosystem' | 'package' | 'checkedAt'>, version: string, e: unknown): ReleaseReport {
  const f = failureOf(e);
  return { ...base, version, status: f.status, code: f.code, message: f.message, ...optional('retryable', f.retryable), artifacts: [] };
}

function pick(a: ArtifactReport): Pick<ReleaseReport, 'code' | 'message' | 'retryable'> {
  return { ...optional('code', a.code), ...optional('message', a.message), ...optional('retryable', a.retryable) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const packumentVersionSchema = z.object({ name: z.optional(z.string()), version: z.optional(z.string()), dist: distSchema, _npmUser: z.optional(z.unknown()) });

/**
 * The version's manifest from the abbreviated packument; `latest` when no
 * version is asked for. Packuments of popular packages outgrow any sane size
 * limit (next: 21 MB from the mirror, which ignores the abbreviated form), so
 * on TOO_LARGE the single-version document `/<name>/<version|latest>` is asked.
 */
async function resolveVersion(client: RegistryClient, ref: NpmPackageRef): Promise<NpmVersionManifest> {
  const url = packumentUrl(ref.name);
  let packument: z.infer<typeof packumentSchema>;
  try {
    packument = await fetchRegistryJSON(client, url, packumentSchema, { accept: CORGI_ACCEPT });
  } catch (e) {
    if (isProvenantError(e, 'registry') && e.code === 'TOO_LARGE') return fetchVersionManifest(client, ref);
    throw e;
  }
  if (packument.name !== ref.name) throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: the packument is for ${JSON.stringify(packument.name.slice(0, 100))}`);
  const version = ref.version ?? packument['dist-tags']?.latest;
  if (version === undefined) throw new ProvenantError('registry', 'NOT_FOUND', `${ref.name} has no latest dist-tag`);
  if (!isValidVersion(version)) throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: dist-tags.latest is not a version`);
  const raw = Object.hasOwn(packument.versions, version) ? packument.versions[version] : undefined;
  if (raw === undefined) throw new ProvenantError('registry', 'NOT_FOUND', `${ref.name}@${version} is not in the packument`);
  const parsed = packumentVersionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: versions.${version}.${zodIssue(parsed.error)}`);
  }
  const entry = parsed.data;
  if ((entry.name !== undefined && entry.name !== ref.name) || (entry.version !== undefined && entry.version !== version)) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: versions.${version} describes ${entry.name}@${entry.version}`);
  }
  return { name: ref.name, version, dist: entry.dist, _npmUser: entry._npmUser };
}

async function fetchVersionManifest(client: RegistryClient, ref: NpmPackageRef): Promise<NpmVersionManifest> {
  const url = versionManifestUrl(ref.name, ref.version ?? 'latest');
  const manifest = await fetchRegistryJSON(client, url, versionManifestSchema);
  if (manifest.name !== ref.name || (ref.version !== undefined && manifest.version !== ref.version) || !isValidVersion(manifest.version)) {
    throw new ProvenantError('registry', 'MALFORMED_RESPONSE', `${url}: describes ${JSON.stringify(`${manifest.name}@${manifest.version}`.slice(0, 200))}`);
  }
  return manifest;
}

async function checkArtifact(m: NpmVersionManifest, deps: NpmVerifyDeps): Promise<ArtifactReport> {
  const advertised = m.dist.attestations;
  let sha512Hex = '';
  let integrityError: unknown;
  try {
    sha512Hex = sha512HexFromIntegrity(m.dist.integrity);
  } catch (e) {
    integrityError = e;
  }
  const base = { name: npmPurl(m.name, m.version), digest: { algorithm: 'sha512' as const, hex: sha512Hex }, attestations: [] };
  const fail = (e: unknown): ArtifactReport => {
    const { status, ...fields } = failureOf(e);
    return { ...base, status, ...fields };
  };
  // The registry advertises attestations but gives no sha512 to bind them to.
  if (integrityError && advertised) return fail(integrityError);

  // Asked even when dist.attestations is missing: mirrors strip it (the one
  // these tests were recorded from does), so its absence proves nothing.
  const url = attestationsUrl(m.name, m.version);
  let entries: NpmAttestationEntry[];
  try {
    entries = (await fetchRegistryJSON(deps.client, url, attestationsResponseSchema)).attestations;
  } catch (e) {
    if (!(isProvenantError(e, 'registry') && e.code === 'NOT_FOUND')) return fail(e);
    // A 404 where the packument promises attestations could be a downgrade
    // (provenance stripped in transit) or a registry hiccup: fail, not
    // "absent", and mark it retryable so no cache keeps the verdict.
    if (advertised) return fail(new ProvenantError('release', 'ATTESTATIONS_MISSING', `dist.attestations names ${advertised.url.slice(0, 300)}, ${url} answers 404`, { retryable: true }));
    return { ...base, status: 'absent', message: NO_PROVENANCE };
  }
  if (integrityError) return entries.length === 0 ? { ...base, status: 'absent', message: NO_PROVENANCE } : fail(integrityError);

  const target = { name: m.name, version: m.version, expected: { purl: base.name, sha512Hex } };
  const verdict = judge(await Promise.all(entries.map((entry) => checkAttestation(entry, deps.trust, target))), advertised);
  if ('failure' in verdict) {
    const { status, ...fields } = verdict.failure;
    return { ...base, status, ...fields, attestations: verdict.attestations };
  }
  if (verdict.status === 'verified') {
    return { ...base, status: 'verified', identity: verdict.identity, attestations: verdict.attestations, ...optional('detail', verdict.detail) };
  }
  return { ...base, status: 'absent', message: verdict.message, attestations: verdict.attestations, ...optional('detail', verdict.detail) };
}

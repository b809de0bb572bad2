import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import type { ArtifactReport, AttestationSummary, Identity } from '../../report/model';
import { tlogRef } from '../../report/tlog-ref';
import type { TrustContext } from '../../verify/trust-root';
import { verifyBundleFast, type VerifiedBundle } from '../../verify/verify-bundle';
import { pep740ToBundle } from './bundle';
import { INTEGRITY_MEDIA_TYPE, integrityUrl } from './names';
import { checkPublisher, identityFromCertificate, parsePublisher, type PypiPublisher } from './publisher';
import { provenanceSchema } from './schema';
import { PYPI_PREDICATE_TYPES, bindSubject, type DistFile } from './subject';
import { ProvenantError, isProvenantError } from '../../errors/provenant-error';
import { internalFailure } from '../../errors/report-fields';
import { ERRORS, type VerifyErrorCode } from '../../errors/vocabulary';

// Real provenance carries one bundle with one or two attestations (publish,
// optionally SLSA); each costs tens of milliseconds to verify.
export const MAX_ATTESTATIONS_PER_FILE = 8;

export type AttestationOutcome =
  | { status: 'verified'; identity: Identity; summary: AttestationSummary }
  | { status: 'failed'; code: VerifyErrorCode; detail: string }
  | { status: 'unsupported'; code: 'UNSUPPORTED_PUBLISHER' | 'UNSUPPORTED_PREDICATE'; detail: string };

/**
 * One PEP 740 attestation against one file and the publisher of its bundle.
 * Steps, in order (each throws a coded `verify` error):
 * 1. convert to a Sigstore bundle;
 * 2. verifyBundleFast: certificate chain and SCT, transparency log, timestamps, DSSE signature;
 * 3. subject binding: one subject, the file's name, the file's sha256;
 * 4. publisher: the certificate must belong to the bundle's Trusted Publisher;
 * 5. predicate type: PyPI publish/v1 or SLSA provenance v1.
 * Unsupported publishers still go through 1–3 (a forgery is a failure
 * whoever claims to have published it) but are never `verified`.
 */
export async function verifyPep740Attestation(attestation: unknown, publisher: PypiPublisher, file: DistFile, trust: TrustContext): Promise<AttestationOutcome> {
  try {
    const bundle = pep740ToBundle(attestation);
    // As a string, so the core's size limit applies before parsing.
    const verified = await verifyBundleFast(JSON.stringify(bundle), { trust });
    if (!verified.statement || verified.signer.kind !== 'certificate') {
      throw new ProvenantError('verify', 'MALFORMED_BUNDLE', 'a PEP 740 attestation is a DSSE envelope signed by a certificate');
    }
    bindSubject(verified.statement, file);
    if (publisher.kind === 'unsupported') {
      return { status: 'unsupported', code: 'UNSUPPORTED_PUBLISHER', detail: `Trusted Publisher kind ${JSON.stringify(publisher.name)}` };
    }
    const cert = verified.signer.identity;
    checkPublisher(publisher, cert);
    if (!PYPI_PREDICATE_TYPES.has(verified.statement.predicateType)) {
      return { status: 'unsupported', code: 'UNSUPPORTED_PREDICATE', detail: `predicate type ${verified.statement.predicateType.slice(0, 200)}` };
    }
    return { status: 'verified', identity: identityFromCertificate(publisher, cert), summary: summarize(verified) };
  } catch (e) {
    if (isProvenantError(e, 'verify')) return { status: 'failed', code: e.code, detail: e.detail };
    throw e;
  }
}

function summarize(verified: VerifiedBundle): AttestationSummary {
  const signedAt =
    verified.timestamps.find((t) => t.source === 'timestamp-authority')?.time ?? verified.timestamps[0]?.time;
  return {
    predicateType: verified.statement!.predicateType,
    signer: 'certificate',
    tlog: verified.tlogEntries.map(tlogRef),
    ...(signedAt !== undefined ? { signedAt } : {}),
  };
}

export interface FileContext {
  client: RegistryClient;
  trust: TrustContext;
  /** Normalized project name. */
  project: string;
  /** The release's version exactly as the JSON API gives it. */
  version: string;
}

/** Fetches a file's provenance from the Integrity API and verifies every attestation in it. */
export async function verifyPypiFile(file: DistFile, ctx: FileContext): Promise<ArtifactReport> {
  const base = { name: file.filename, digest: { algorithm: 'sha256' as const, hex: file.sha256 } };
  let outcomes: AttestationOutcome[];
  try {
    const provenance = await fetchRegistryJSON(ctx.client, integrityUrl(ctx.project, ctx.version, file.filename), provenanceSchema, {
      accept: INTEGRITY_MEDIA_TYPE,
    });
    const total = provenance.attestation_bundles.reduce((n, b) => n + b.attestations.length, 0);
    if (total > MAX_ATTESTATIONS_PER_FILE) {
      throw new ProvenantError('registry', 'TOO_LARGE', `${file.filename}: ${total} attestations, limit ${MAX_ATTESTATIONS_PER_FILE}`);
    }
    // Parse every publisher before verifying anything: a malformed one makes
    // the whole response unusable.
    const bundles = provenance.attestation_bundles.map((b) => ({ publisher: parsePublisher(b.publisher), attestations: b.attestations }));
    outcomes = await Promise.all(bundles.flatMap((b) => b.attestations.map((a) => verifyPep740Attestation(a, b.publisher, file, ctx.trust))));
  } catch (e) {
    if (isProvenantError(e, 'registry')) return registryFailure(base, e);
    return { ...base, ...internalFailure(e), attestations: [] };
  }
  return combine(base, outcomes);
}

type Base = Pick<ArtifactReport, 'name' | 'digest'>;

function registryFailure(base: Base, e: ProvenantError<'registry'>): ArtifactReport {
  // 404 is the Integrity API's "this file has no provenance"; nothing else is.
  if (e.code === 'NOT_FOUND') return { ...base, status: 'absent', attestations: [] };
  // Warehouse answers 403 when an admin flag turns PEP 740 off: temporary.
  const disabled = e.code === 'FORBIDDEN';
  return {
    ...base,
    status: 'error',
    code: e.code,
    message: disabled ? ERRORS.release.ATTESTATIONS_DISABLED.sentence : e.sentence,
    detail: e.detail,
    retryable: disabled || e.retryable,
    attestations: [],
  };
}

/**
 * Soundness: a file is `verified` only if every attestation in its
 * provenance is; one failure fails it, and an attestation Provenant cannot
 * judge makes it `unsupported`.
 */
function combine(base: Base, outcomes: AttestationOutcome[]): ArtifactReport {
  const failed = outcomes.find((o) => o.status === 'failed');
  if (failed) {
    return { ...base, status: 'failed', code: failed.code, message: ERRORS.verify[failed.code].sentence, detail: failed.detail, attestations: [] };
  }
  const unsupported = outcomes.find((o) => o.status === 'unsupported');
  if (unsupported) {
    return { ...base, status: 'unsupported', code: unsupported.code, message: ERRORS.release[unsupported.code].sentence, detail: unsupported.detail, attestations: [] };
  }
  const verified = outcomes.filter((o) => o.status === 'verified');
  return { ...base, status: 'verified', identity: verified[0]!.identity, attestations: verified.map((o) => o.summary) };
}

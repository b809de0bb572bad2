import type { AttestationSummary, Identity } from '../../report/model';
import { tlogRef } from '../../report/tlog-ref';
import type { TrustContext } from '../../verify/trust-root';
import { verifyBundleFast, type BundleSigner, type VerifiedBundle } from '../../verify/verify-bundle';
import { SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1, checkProvenanceConsistency } from './consistency';
import { buildIdentity, certificateBuild } from '../../identity/fulcio';
import type { NpmAttestationEntry, NpmDist } from './schema';
import { checkNpmSubject, checkPublishPredicate, type ExpectedSubject } from './subject';
import { ProvenantError } from '../../errors/provenant-error';
import { failureOf, type Failure } from '../../errors/report-fields';

export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

export type AttestationKind = 'provenance' | 'publish' | 'other';

function kindOf(predicateType: string | undefined): AttestationKind | undefined {
  if (predicateType === SLSA_PROVENANCE_V02 || predicateType === SLSA_PROVENANCE_V1) return 'provenance';
  if (predicateType === NPM_PUBLISH_V01) return 'publish';
  return undefined;
}

export interface ReleaseTarget {
  name: string;
  version: string;
  expected: ExpectedSubject;
}

export interface CheckedAttestation {
  kind: AttestationKind;
  /** The predicate type the registry labelled the entry with. */
  label: string;
  /** Present when every check passed. */
  summary?: AttestationSummary;
  identity?: Identity;
  error?: unknown;
}

/**
 * One entry of the attestations response, in order: DSSE shape → signature,
 * certificate or registry key, transparency log (the core) → the kind of
 * signer the predicate type requires → signed predicate type equals the
 * registry's label → the one subject is this purl and tarball → publish
 * predicate names this package / provenance agrees with its certificate.
 */
export async function checkAttestation(entry: NpmAttestationEntry, trust: TrustContext, target: ReleaseTarget): Promise<CheckedAttestation> {
  // A wrong label must not turn a provenance into an ignorable "other": if
  // either the label or the (not yet verified) statement names a known type,
  // the entry is held to that type's rules. Failing on unverified data is safe.
  const kind = kindOf(entry.predicateType) ?? kindOf(claimedPredicateType(entry.bundle)) ?? 'other';
  const label = entry.predicateType;
  try {
    if (typeof (entry.bundle as { dsseEnvelope?: unknown } | null)?.dsseEnvelope !== 'object') {
      throw new ProvenantError('verify', 'STATEMENT_INVALID', 'npm attestations are DSSE envelopes; this bundle has none');
    }
    const verified = await verifyBundleFast(entry.bundle, { trust });
    expectSigner(kind, verified.signer);
    const statement = verified.statement;
    if (!statement) throw new ProvenantError('verify', 'STATEMENT_INVALID', 'the envelope does not carry an in-toto statement');
    if (statement.predicateType !== label) {
      throw new ProvenantError('release', 'PREDICATE_TYPE_MISMATCH', `the registry labels it ${JSON.stringify(label.slice(0, 200))}, the signed statement is ${JSON.stringify(statement.predicateType.slice(0, 200))}`);
    }
    checkNpmSubject(statement, target.expected);
    const summary = summarize(verified, label);
    if (kind === 'publish') checkPublishPredicate(statement, target.name, target.version);
    if (kind !== 'provenance') return { kind, label, summary };
    if (verified.signer.kind !== 'certificate') throw new Error('unreachable: provenance signer checked above');
    const certificate = verified.signer.identity;
    const claims = certificateBuild(certificate);
    if (!claims) {
      throw new ProvenantError('release', 'PROVENANCE_UNSUPPORTED', `signed by ${JSON.stringify(certificate.subjectAlternativeName ?? '')} (issuer ${JSON.stringify(certificate.issuer ?? '')}), not by a GitHub Actions or GitLab CI build`);
    }
    const facts = checkProvenanceConsistency(statement, claims);
    return { kind, label, summary, identity: buildIdentity(certificate, claims, facts.builder) };
  } catch (error) {
    return { kind, label, error };
  }
}

/**
 * Provenance is keyless (a Fulcio certificate for the build); the publish
 * attestation is signed by the registry's own key. A swap either way is
 * refused: a registry key cannot vouch for a build, nor a build for a publish.
 */
function expectSigner(kind: AttestationKind, signer: BundleSigner): void {
  if (kind === 'provenance' && signer.kind !== 'certificate') {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `a provenance must be signed by a build certificate, this one by key ${signer.keyHint}`);
  }
  if (kind === 'publish' && signer.kind !== 'public-key') {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `a publish attestation must be signed by the npm registry's key, this one by certificate ${JSON.stringify(signer.identity.subjectAlternativeName ?? '')}`);
  }
}

function claimedPredicateType(bundle: unknown): string | undefined {
  const payload = (bundle as { dsseEnvelope?: { payload?: unknown } } | null)?.dsseEnvelope?.payload;
  if (typeof payload !== 'string' || payload.length > 1024 * 1024) return undefined;
  try {
    const statement: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    const type = (statement as { predicateType?: unknown } | null)?.predicateType;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

function summarize(verified: VerifiedBundle, predicateType: string): AttestationSummary {
  const times = verified.timestamps.map((t) => t.time).sort();
  return {
    predicateType,
    signer: verified.signer.kind === 'certificate' ? 'certificate' : 'npm-registry-key',
    tlog: verified.tlogEntries.map(tlogRef),
    ...(times[0] ? { signedAt: times[0] } : {}),
  };
}

export type Verdict =
  | { status: 'verified'; identity: Identity; attestations: AttestationSummary[]; detail?: string }
  | { status: 'absent'; message: string; attestations: AttestationSummary[]; detail?: string }
  | { failure: Failure; attestations: AttestationSummary[] };

export const NO_PROVENANCE = 'This version was published without provenance: there is no signed record of where or how it was built.';
export const PUBLISH_ONLY =
  'Only the registry\u2019s publish attestation is present: npm recorded the upload, but there is no signed record of where or how the package was built.';

const SEVERITY = { failed: 0, error: 1, unsupported: 2 } as const;

/**
 * The artifact's verdict. A release is verified only by a provenance that
 * passed every check; the publish attestation alone names no build identity,
 * so it leaves the release `absent` (but listed). Any failing provenance or
 * publish attestation fails the release; entries of unknown types are
 * listed when they verify and otherwise ignored.
 */
export function judge(checked: readonly CheckedAttestation[], advertised: NpmDist['attestations']): Verdict {
  const attestations = checked.flatMap((c) => (c.summary && !c.error ? [c.summary] : []));
  const known = checked.filter((c) => c.kind !== 'other');
  const ignored = checked.filter((c) => c.kind === 'other' && c.error).map((c) => `ignored ${c.label.slice(0, 200)}: ${describe(c.error)}`);
  const detail = ignored.length ? { detail: ignored.join('; ') } : {};

  for (const kind of ['provenance', 'publish'] as const) {
    const n = known.filter((c) => c.kind === kind).length;
    if (n > 1) return { failure: failureOf(new ProvenantError('release', 'DUPLICATE_ATTESTATION', `${n} ${kind} attestations`)), attestations };
  }
  const failures = known
    .filter((c) => c.error !== undefined)
    .map((c) => ({ c, f: failureOf(c.error) }))
    .sort((x, y) => SEVERITY[x.f.status] - SEVERITY[y.f.status] || (x.c.kind === 'provenance' ? -1 : 1));
  if (failures[0]) {
    const all = failures.map(({ c, f }) => `${c.kind}: ${f.code}: ${f.detail}`).join('; ');
    return { failure: { ...failures[0].f, detail: all }, attestations };
  }
  const provenance = known.find((c) => c.kind === 'provenance');
  if (advertised?.provenance && !provenance) {
    return { failure: failureOf(new ProvenantError('release', 'ATTESTATIONS_MISSING', `dist.attestations announces ${advertised.provenance.predicateType}, the attestations endpoint serves none`, { retryable: true })), attestations };
  }
  if (advertised && known.length === 0) {
    return { failure: failureOf(new ProvenantError('release', 'ATTESTATIONS_MISSING', 'dist.attestations is set, the attestations endpoint serves none', { retryable: true })), attestations };
  }
  if (provenance && advertised?.provenance && advertised.provenance.predicateType !== provenance.label) {
    return { failure: failureOf(new ProvenantError('release', 'PREDICATE_TYPE_MISMATCH', `dist.attestations announces ${advertised.provenance.predicateType}, the endpoint serves ${provenance.label}`)), attestations };
  }
  if (provenance?.identity) return { status: 'verified', identity: provenance.identity, attestations, ...detail };
  const message = known.some((c) => c.kind === 'publish') ? PUBLISH_ONLY : NO_PROVENANCE;
  return { status: 'absent', message, attestations, ...detail };
}

function describe(e: unknown): string {
  const f = failureOf(e);
  return `${f.code}: ${f.detail}`;
}

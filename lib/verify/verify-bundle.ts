import * as z from '../zod';
import {
  Buffer,
  PolicyError,
  VerificationError,
  Verifier,
  bundleFromJSON,
  coreCrypto,
  toSignedEntity,
} from '../vendor/sigstore.generated.js';
import type { Bundle, SignedEntity, Signer, TrustMaterial } from '../vendor/sigstore.generated.js';
import { allVerifyNatively, runRecorded } from '../crypto/recorded-verify';
import { certificateIdentity, type CertificateIdentity, type FulcioField } from './certificate-identity';
import { MAX_BUNDLE_BYTES } from './limits';
import { messageDigestSignature } from './message-digest-signature';
import { IN_TOTO_PAYLOAD_TYPE, parseInTotoStatement, statementHasSubjectBytes, statementHasSubjectDigest, type InTotoStatement } from './statement';
import { summarizeTlogEntry, type TlogEntrySummary } from './tlog-entry';
import type { TrustContext } from './trust-root';
import { unknownTrustMaterial } from './unknown-trust';
import { verifySettingAsideUnknown } from './set-aside-unknown';
import { ProvenantError, isProvenantError } from '../errors/provenant-error';
import type { VerifyErrorCode } from '../errors/vocabulary';
import { zodIssue } from '../errors/zod-issue';

/** What the signature must cover. */
export type ArtifactInput =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'digest'; algorithm: 'sha256' | 'sha384' | 'sha512'; hex: string };

/** Expected signer identity; every field given must match exactly (SAN may be a RegExp). */
export interface IdentityPolicy {
  subjectAlternativeName?: string | RegExp;
  issuer?: string;
  extensions?: Partial<Record<FulcioField, string>>;
}

export interface VerifyOptions {
  trust: TrustContext;
  /** Omit only when the caller binds the statement's subject itself (registry adapters). */
  artifact?: ArtifactInput;
  identity?: IdentityPolicy;
}

export type BundleSigner =
  | { kind: 'certificate'; identity: CertificateIdentity }
  | { kind: 'public-key'; keyHint: string };

export interface VerifiedBundle {
  mediaType: string;
  contentKind: 'dsse' | 'message-signature';
  signer: BundleSigner;
  tlogEntries: TlogEntrySummary[];
  /** Verified times: RFC 3161 timestamps and Rekor v1 integrated times. */
  timestamps: { source: 'timestamp-authority' | 'transparency-log'; time: string }[];
  /** The in-toto statement, for DSSE bundles. */
  statement: InTotoStatement | undefined;
}

const KNOWN_MEDIA_TYPES = new Set([
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
]);

// protobuf-JSON bytes are base64 (standard or URL-safe). The generated decoder
// silently skips invalid characters, so a mangled signature or certificate
// would be "repaired" instead of rejected; check the encoding first.
const base64 = z.string().check(z.regex(/^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/, 'invalid base64'));

const serializedBundleSchema = z.looseObject({
  mediaType: z.string(),
  verificationMaterial: z.looseObject({
    certificate: z.optional(z.object({ rawBytes: base64 })),
    x509CertificateChain: z.optional(z.object({ certificates: z.array(z.object({ rawBytes: base64 })) })),
    publicKey: z.optional(z.object({ hint: z.string() })),
    tlogEntries: z.optional(z.array(z.looseObject({ logIndex: z.string().check(z.regex(/^\d+$/, 'log index must be a non-negative integer')), canonicalizedBody: z.optional(base64) }))),
  }),
  messageSignature: z.optional(z.looseObject({ signature: base64, messageDigest: z.optional(z.looseObject({ digest: base64 })) })),
  dsseEnvelope: z.optional(z.object({ payload: base64, payloadType: z.string(), signatures: z.array(z.looseObject({ sig: base64 })) })),
});

/**
 * Verifies one Sigstore bundle, in the order the Sigstore client spec gives:
 * parse → timestamps → signing key (certificate chain + SCTs, or trusted key)
 * → transparency log (inclusion proof/promise, entry body) → signature →
 * artifact → identity. Throws a `verify` ProvenantError with the first failing step's code.
 */
export function verifyBundle(input: string | Uint8Array | unknown, options: VerifyOptions): VerifiedBundle {
  const bundle = parseBundle(input);
  const publicLog = options.trust.publicLog !== false;
  if (publicLog) requireTransparencyLogEntry(bundle);
  else requireTimestampAuthority(bundle);
  const entity = signedEntity(bundle, options.artifact);
  let signer: Signer | undefined;
  try {
    signer = verifyCryptography(entity, options.trust.material, publicLog);
    requireLogKeysValidAtVerifiedTimes(entity, options.trust.material);
  } catch (e) {
    // Tell the caller when the root may just be out of date (lib/verify/unknown-trust.ts).
    const unknown = (options.trust.onUnknownMaterial || options.trust.setAsideUnknown) && unknownTrustMaterial(entity, options.trust.material);
    if (unknown) options.trust.onUnknownMaterial?.(unknown);
    if (!unknown || !options.trust.setAsideUnknown) throw e;
    // A diagnostic run (TrustContext.setAsideUnknown): does it fail for another reason too?
    let reduced: SignedEntity | undefined;
    try {
      reduced = verifySettingAsideUnknown(entity, options.trust.material, publicLog);
    } catch (again) {
      throw toVerifyError(again);
    }
    if (reduced) requireLogKeysValidAtVerifiedTimes(reduced, options.trust.material);
  }
  const statement = verifyArtifact(bundle, options.artifact);
  const signerSummary = describeSigner(bundle, entity);
  if (options.identity) verifyIdentity(signerSummary, options.identity);
  void signer;
  return {
    mediaType: bundle.mediaType,
    contentKind: bundle.content.$case === 'dsseEnvelope' ? 'dsse' : 'message-signature',
    signer: signerSummary,
    tlogEntries: bundle.verificationMaterial.tlogEntries.map(summarizeTlogEntry),
    timestamps: verifiedTimes(entity),
    statement,
  };
}

/** How the fast path went, since the worker started (for the bench and the differential tests). */
export const fastPathStats = { verifications: 0, checks: 0, fallbacks: 0, notNative: 0 };

/**
 * verifyBundle with the signature arithmetic done by WebCrypto: the same
 * verdict, value and error code as verifyBundle (the @noble reference), which
 * decides whenever a recorded signature check does not verify natively. Why
 * this is sound: docs/native-verify.md.
 */
export async function verifyBundleFast(input: string | Uint8Array | unknown, options: VerifyOptions): Promise<VerifiedBundle> {
  fastPathStats.verifications++;
  const { run, checks } = runRecorded(() => verifyBundle(input, options));
  fastPathStats.checks += checks.length;
  // No check recorded: the oracle answered nothing, so this was a reference run.
  if (checks.length === 0 || (await allVerifyNatively(checks))) {
    if (run.ok) return run.value;
    throw run.error;
  }
  fastPathStats.fallbacks++;
  fastPathStats.notNative += checks.filter((c) => !c.native).length;
  return verifyBundle(input, options);
}

export function parseBundle(input: string | Uint8Array | unknown): Bundle {
  let json: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > MAX_BUNDLE_BYTES) throw new ProvenantError('verify', 'INPUT_TOO_LARGE', `bundle is ${size} bytes, limit ${MAX_BUNDLE_BYTES}`);
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ProvenantError('verify', 'MALFORMED_BUNDLE', `bundle is not JSON: ${(e as Error).message}`);
    }
  }
  const shape = serializedBundleSchema.safeParse(json);
  if (!shape.success) {
    throw new ProvenantError('verify', 'MALFORMED_BUNDLE', `bundle ${zodIssue(shape.error)}`);
  }
  if (!KNOWN_MEDIA_TYPES.has(shape.data.mediaType)) {
    throw new ProvenantError('verify', 'UNSUPPORTED_MEDIA_TYPE', `unknown bundle media type ${JSON.stringify(shape.data.mediaType.slice(0, 100))}`);
  }
  try {
    return bundleFromJSON(json);
  } catch (e) {
    throw new ProvenantError('verify', 'MALFORMED_BUNDLE', `bundle is invalid: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Provenant requires every signature to be in a transparency log (threshold 1,
 * as sigstore-js's default); say so plainly instead of failing on a later step.
 */
function requireTransparencyLogEntry(bundle: Bundle): void {
  if (bundle.verificationMaterial.tlogEntries.length === 0) {
    throw new ProvenantError('verify', 'TLOG_MISSING', 'the bundle has no transparency-log entry');
  }
}

/**
 * An instance without a public log (TrustContext.publicLog === false) proves
 * the signing time only through its timestamp authority: at least one RFC 3161
 * timestamp is required, so no bundle passes on a log entry the root cannot check.
 */
function requireTimestampAuthority(bundle: Bundle): void {
  if ((bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0) === 0) {
    throw new ProvenantError('verify', 'TIMESTAMP_INVALID', 'the bundle has no RFC 3161 timestamp, which an instance without a public transparency log requires');
  }
}

function signedEntity(bundle: Bundle, artifact: ArtifactInput | undefined): SignedEntity {
  if (bundle.content.$case === 'messageSignature' && artifact === undefined) {
    // A message signature names no subject: it means something only for a given artifact.
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'a message-signature bundle can only be verified against an artifact or its digest');
  }
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, artifact?.kind === 'bytes' ? Buffer.from(artifact.bytes) : undefined);
  } catch (e) {
    throw new ProvenantError('verify', 'MALFORMED_BUNDLE', `bundle content cannot be decoded: ${(e as Error).message}`, { cause: e });
  }
  if (bundle.content.$case === 'messageSignature' && artifact?.kind === 'digest') {
    return { ...entity, signature: messageDigestSignature(bundle.content.messageSignature, artifact) };
  }
  return entity;
}

function verifyCryptography(entity: SignedEntity, trust: TrustMaterial, publicLog: boolean): Signer {
  try {
    // Without a public log there is nothing to prove inclusion in and no CT log
    // for SCTs; the timestamp threshold (1) is then met only by the TSA.
    return new Verifier(trust, publicLog ? {} : { tlogThreshold: 0, ctlogThreshold: 0 }).verify(entity);
  } catch (e) {
    throw toVerifyError(e);
  }
}

/**
 * sigstore-js checks a log key's validity period only for an inclusion promise;
 * for an inclusion proof it picks the checkpoint key by log id alone. So, for
 * every entry, the key of its log (matched as sigstore-js matches it) must have
 * been valid at each verified time: every RFC 3161 time, and the entry's own
 * promised integrated time.
 */
function requireLogKeysValidAtVerifiedTimes(entity: SignedEntity, trust: TrustMaterial): void {
  const tsaTimes = entity.timestamps.flatMap((t) =>
    t.$case === 'timestamp-authority' ? [{ time: t.timestamp.signingTime, source: 'RFC 3161 timestamp' }] : [],
  );
  entity.tlogEntries.forEach((entry, i) => {
    const times = [...tsaTimes];
    if (entry.inclusionPromise) times.push({ time: new Date(Number(entry.integratedTime) * 1000), source: 'inclusion promise' });
    const logs = trust.tlogs.filter((log) => log.logID.equals(entry.logId.keyId));
    const validAt = (log: (typeof logs)[number], time: Date) => log.validFor.start <= time && time <= log.validFor.end;
    // No time at all cannot pass sigstore-js's timestamp threshold; fail closed anyway.
    if (times.length > 0 && logs.some((log) => times.every(({ time }) => validAt(log, time)))) return;
    const logId = Buffer.from(entry.logId.keyId).toString('hex');
    const log = logs[0];
    const outside = log && times.find(({ time }) => !validAt(log, time));
    const detail = !log
      ? `transparency-log entry ${i} names log ${logId}, which the trusted root does not list`
      : !outside
        ? `transparency-log entry ${i} has no verified time to check its log key against`
        : `transparency-log entry ${i} is from ${log.baseURL}, whose key the trusted root accepts ${validityText(log.validFor)}, ` +
          `not at ${outside.time.toISOString()} (${outside.source})`;
    throw new ProvenantError('verify', 'TLOG_PROOF_INVALID', detail);
  });
}

// sigstore-js spells an open end as the largest Date.
function validityText({ start, end }: { start: Date; end: Date }): string {
  return end.getTime() >= 8.64e15 ? `from ${start.toISOString()}` : `from ${start.toISOString()} to ${end.toISOString()}`;
}

function toVerifyError(e: unknown): ProvenantError<'verify'> {
  if (isProvenantError(e, 'verify')) return e;
  if (e instanceof PolicyError) return new ProvenantError('verify', 'IDENTITY_MISMATCH', e.message, { cause: e });
  if (e instanceof VerificationError) return new ProvenantError('verify', codeFor(e.code, e.message), e.message, { cause: e });
  return new ProvenantError('verify', 'MALFORMED_BUNDLE', `verification stopped on malformed data: ${(e as Error)?.message ?? String(e)}`, { cause: e });
}

function codeFor(code: string, message: string): VerifyErrorCode {
  switch (code) {
    case 'CERTIFICATE_ERROR':
      return /SCT/.test(message) ? 'SCT_INVALID' : 'CERT_CHAIN_UNTRUSTED';
    case 'PUBLIC_KEY_ERROR':
      return 'KEY_UNKNOWN';
    case 'SIGNATURE_ERROR':
      return 'SIGNATURE_INVALID';
    case 'TIMESTAMP_ERROR':
      return 'TIMESTAMP_INVALID';
    case 'TLOG_BODY_ERROR':
      return 'TLOG_BODY_MISMATCH';
    case 'TLOG_ERROR':
      return /expected \d+ tlog entries/.test(message) ? 'TLOG_MISSING' : 'TLOG_PROOF_INVALID';
    case 'TLOG_INCLUSION_PROOF_ERROR':
    case 'TLOG_INCLUSION_PROMISE_ERROR':
    case 'TLOG_MISSING_INCLUSION_ERROR':
      return 'TLOG_PROOF_INVALID';
    default:
      return 'MALFORMED_BUNDLE';
  }
}

/**
 * sigstore-js proves the signature covers the DSSE payload or the message
 * digest; that the payload or digest is *this* artifact is ours to check.
 */
function verifyArtifact(bundle: Bundle, artifact: ArtifactInput | undefined): InTotoStatement | undefined {
  if (bundle.content.$case === 'messageSignature') {
    const { messageDigest } = bundle.content.messageSignature;
    if (artifact?.kind === 'bytes' && messageDigest) {
      // The signature was checked over the bytes; the logged digest must be theirs too.
      const actual = coreCrypto.digest('sha256', Buffer.from(artifact.bytes));
      if (messageDigest.digest.length === 32 && !coreCrypto.bufferEqual(actual, Buffer.from(messageDigest.digest))) {
        throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'the bundle\u2019s message digest is not the artifact\u2019s SHA-256');
      }
    }
    return undefined;
  }
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    // A signed non-in-toto payload names no subject, so it cannot be bound to an artifact.
    if (artifact) throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `DSSE payload type ${JSON.stringify(envelope.payloadType)} carries no in-toto subject`);
    return undefined;
  }
  const statement = parseInTotoStatement(envelope.payload, envelope.payloadType);
  if (artifact?.kind === 'digest' && !statementHasSubjectDigest(statement, artifact.algorithm, artifact.hex)) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `no subject of the statement has ${artifact.algorithm} ${artifact.hex}`);
  }
  if (artifact?.kind === 'bytes' && !statementHasSubjectBytes(statement, artifact.bytes)) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'no subject of the statement carries this artifact\u2019s digest');
  }
  return statement;
}

function describeSigner(bundle: Bundle, entity: SignedEntity): BundleSigner {
  if (entity.key.$case === 'public-key') return { kind: 'public-key', keyHint: entity.key.hint };
  void bundle;
  return { kind: 'certificate', identity: certificateIdentity(entity.key.certificate) };
}

function verifyIdentity(signer: BundleSigner, policy: IdentityPolicy): void {
  if (signer.kind !== 'certificate') {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `signed by key ${signer.keyHint}, not by a certificate identity`);
  }
  const { identity } = signer;
  const san = policy.subjectAlternativeName;
  if (san !== undefined) {
    const actual = identity.subjectAlternativeName ?? '';
    const ok = typeof san === 'string' ? actual === san : fullMatch(san, actual);
    if (!ok) throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate identity is ${JSON.stringify(actual)}, expected ${String(san)}`);
  }
  if (policy.issuer !== undefined && identity.issuer !== policy.issuer) {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate issuer is ${JSON.stringify(identity.issuer)}, expected ${policy.issuer}`);
  }
  for (const [field, expected] of Object.entries(policy.extensions ?? {}) as [FulcioField, string][]) {
    if (identity.extensions[field] !== expected) {
      throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate ${field} is ${JSON.stringify(identity.extensions[field])}, expected ${expected}`);
    }
  }
}

function fullMatch(pattern: RegExp, value: string): boolean {
  const m = value.match(pattern);
  return m !== null && m.index === 0 && m[0].length === value.length;
}

function verifiedTimes(entity: SignedEntity): VerifiedBundle['timestamps'] {
  // Only called after Verifier.verify succeeded, so every time here was checked.
  return entity.timestamps.flatMap((t): VerifiedBundle['timestamps'] => {
    if (t.$case === 'timestamp-authority') return [{ source: 'timestamp-authority', time: t.timestamp.signingTime.toISOString() }];
    if (!t.tlogEntry.inclusionPromise) return [];
    return [{ source: 'transparency-log', time: new Date(Number(t.tlogEntry.integratedTime) * 1000).toISOString() }];
  });
}

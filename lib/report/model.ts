import * as z from '../zod';
import { ECOSYSTEMS, type Ecosystem } from '../registries/sites';

/**
 * The one report model every part of Provenant shows: registry adapters
 * produce it, the worker caches it, the badge and popup render it.
 * It is parsed with zod whenever it crosses a boundary (storage, messages).
 */

/** The registries of lib/registries/pages.ts. */
export const ecosystemSchema = z.enum(ECOSYSTEMS);
export type { Ecosystem };

export const publisherKindSchema = z.enum(['github', 'gitlab', 'google', 'npm-registry', 'other']);

/** Who built and published the artifact, as the verified certificate says. */
export const identitySchema = z.object({
  publisherKind: publisherKindSchema,
  issuer: z.optional(z.string()),
  subjectAlternativeName: z.optional(z.string()),
  /** Source repository URL (for reusable workflows, the caller's repository). */
  repositoryUrl: z.optional(z.string()),
  repositoryId: z.optional(z.string()),
  owner: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  /** Workflow file path inside the repository, e.g. `.github/workflows/release.yml`. */
  workflowPath: z.optional(z.string()),
  ref: z.optional(z.string()),
  commit: z.optional(z.string()),
  trigger: z.optional(z.string()),
  runnerEnvironment: z.optional(z.string()),
  visibility: z.optional(z.string()),
  /** Set when a reusable or generator workflow signed: the builder's URI. */
  buildSignerUri: z.optional(z.string()),
  /**
   * A known builder (lib/identity/known-builders.ts) that built this release
   * for the source named by the other fields, at its ref: e.g. the SLSA
   * generator's Node.js builder at refs/tags/v1.6.0. Set only once the
   * builder was accepted; the source fields stay the source's.
   */
  builder: z.optional(z.string()),
  buildConfigUri: z.optional(z.string()),
  runInvocationUri: z.optional(z.string()),
  /** Deployment environment the workflow ran in, from the verified certificate (Fulcio .23) only. */
  environment: z.optional(z.string()),
  /** Google publishers: the service account stands where the repository would. */
  email: z.optional(z.string()),
});
export type Identity = z.infer<typeof identitySchema>;

export const tlogRefSchema = z.object({
  /** Only an index the log signed or proved (see lib/verify/tlog-entry.ts); absent otherwise. */
  logIndex: z.optional(z.string()),
  logId: z.string(),
  rekorVersion: z.union([z.literal(1), z.literal(2)]),
  kind: z.string(),
  /** Present only when signed by the log's inclusion promise. */
  integratedTime: z.optional(z.string()),
  searchUrl: z.optional(z.string()),
});
export type TlogRef = z.infer<typeof tlogRefSchema>;

export const attestationSchema = z.object({
  predicateType: z.string(),
  /** `certificate` for keyless Sigstore signing, `npm-registry-key` for npm's publish attestation. */
  signer: z.enum(['certificate', 'npm-registry-key']),
  tlog: z.array(tlogRefSchema),
  /** Verified signing time (RFC 3161 or Rekor v1 integrated time). */
  signedAt: z.optional(z.string()),
});
export type AttestationSummary = z.infer<typeof attestationSchema>;

/**
 * What the registry itself said about an artifact's provenance, kept when it
 * did not verify: the registry then contradicts itself (or what it served was
 * altered), which raises `registry-disagrees` (lib/history/registry-claim.ts).
 */
export const registryClaimSchema = z.object({
  /**
   * `npm-packument`: the version's `dist.attestations`; `pypi-simple-index`:
   * the JSON simple index lists a provenance URL for the file;
   * `pypi-integrity-api`: the Integrity API served attestations for it.
   */
  source: z.enum(['npm-packument', 'pypi-simple-index', 'pypi-integrity-api']),
  /** The predicate type the registry announced, when it named one. */
  predicateType: z.optional(z.string().check(z.maxLength(200))),
});
export type RegistryClaim = z.infer<typeof registryClaimSchema>;

export const artifactStatusSchema = z.enum(['verified', 'failed', 'absent', 'unsupported', 'error']);
export type ArtifactStatus = z.infer<typeof artifactStatusSchema>;

export const artifactReportSchema = z.object({
  /** PyPI: the distribution filename; npm: the package tarball purl. */
  name: z.string(),
  digest: z.object({ algorithm: z.enum(['sha256', 'sha512']), hex: z.string() }),
  status: artifactStatusSchema,
  /** A report code of lib/errors/vocabulary.ts when status is failed/error/unsupported. */
  code: z.optional(z.string()),
  /** A sentence for a person. */
  message: z.optional(z.string()),
  /** Technical detail. */
  detail: z.optional(z.string()),
  retryable: z.optional(z.boolean()),
  identity: z.optional(identitySchema),
  attestations: z.array(attestationSchema),
  /**
   * Set when the artifact verified against a Sigstore instance with no public
   * transparency log (GitHub's own): the sentence the badge title and popup
   * show, saying there is no public log entry and that the signing time comes
   * from the instance's RFC 3161 timestamp authority (docs/verdicts.md).
   */
  noPublicLog: z.optional(z.string()),
  /** Set on an artifact that is not verified although the registry said it had provenance. */
  registryClaim: z.optional(registryClaimSchema),
});
export type ArtifactReport = z.infer<typeof artifactReportSchema>;

export const releaseStatusSchema = z.enum(['verified', 'partial', 'failed', 'absent', 'unsupported', 'error']);
export type ReleaseStatus = z.infer<typeof releaseStatusSchema>;

export const releaseReportSchema = z.object({
  ecosystem: ecosystemSchema,
  /** npm: `@scope/name`; PyPI: the normalized project name. */
  package: z.string(),
  version: z.string(),
  status: releaseStatusSchema,
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  detail: z.optional(z.string()),
  retryable: z.optional(z.boolean()),
  artifacts: z.array(artifactReportSchema),
  /** The identity shared by the verified artifacts (absent unless they all agree). */
  identity: z.optional(identitySchema),
  /**
   * npm staged publishing: who approved the release, as the registry's
   * unsigned metadata says (lib/registries/npm/staged.ts). Shown, never judged.
   */
  stagedApprover: z.optional(z.string().check(z.maxLength(214))),
  checkedAt: z.string(),
});
export type ReleaseReport = z.infer<typeof releaseReportSchema>;

/** A RubyGems report, as its adapter returns it (lib/registries/rubygems/verify-release.ts). */
export const rubygemsReleaseReportSchema = z.extend(releaseReportSchema, { ecosystem: z.literal('rubygems') });
export type RubygemsReleaseReport = z.infer<typeof rubygemsReleaseReportSchema>;

/**
 * Every way a check can end other than `verified` or `absent`, as a stable
 * code with what it means: the status it gives an artifact or release, the
 * sentence a person reads, and whether a later look may answer differently
 * (`retryable`: no cache keeps it, the worker asks again).
 * Codes are stable: reports, stored verdicts, logs and tests carry them, and
 * README.md and docs/verification-{npm,pypi}.md name them.
 *
 * Grouped by family because the trust refresh reuses four words (NETWORK,
 * TIMEOUT, TOO_LARGE, RATE_LIMITED) about Sigstore's TUF repository that the
 * registry family uses about the registries; stored refresh outcomes carry
 * them. The three report families (verify, registry, release) never share a
 * code, so a report's code alone names its sentence (tests/errors pins it).
 */
export interface ErrorMeaning {
  status: 'failed' | 'error' | 'unsupported';
  sentence: string;
  retryable: boolean;
}

const failed = (sentence: string) => ({ status: 'failed', sentence, retryable: false }) as const;
const error = (sentence: string, retryable = false) => ({ status: 'error', sentence, retryable }) as const;
const unsupported = (sentence: string) => ({ status: 'unsupported', sentence, retryable: false }) as const;

export const ERRORS = {
  /** The signature pipeline (lib/verify/): every one fails the attestation. */
  verify: {
    INPUT_TOO_LARGE: failed('The attestation is larger than Provenant accepts, so it was not processed.'),
    MALFORMED_BUNDLE: failed('The attestation is not a well-formed Sigstore bundle.'),
    UNSUPPORTED_MEDIA_TYPE: failed('The attestation uses a Sigstore bundle version Provenant does not know.'),
    TRUST_ROOT_INVALID: failed('The Sigstore trust root is malformed, so nothing can be verified against it.'),
    CERT_CHAIN_UNTRUSTED: failed('The signing certificate does not chain to a trusted Sigstore certificate authority, or was not valid when it was used.'),
    SCT_INVALID: failed('The signing certificate lacks a valid certificate-transparency proof (SCT).'),
    TLOG_MISSING: failed('The signature was not recorded in a trusted transparency log.'),
    TLOG_PROOF_INVALID: failed('The transparency-log proof does not check out: the entry may have been altered or never logged.'),
    TLOG_BODY_MISMATCH: failed('The transparency-log entry records a different signature or artifact than the attestation.'),
    TIMESTAMP_INVALID: failed('The signing time could not be established from a trusted timestamp.'),
    KEY_UNKNOWN: failed('The attestation is signed by a key Provenant does not trust, or outside that key\u2019s validity period.'),
    SIGNATURE_INVALID: failed('The signature does not match the signed content: the attestation was altered or signed by someone else.'),
    IDENTITY_MISMATCH: failed('The attestation was signed by a different identity than expected.'),
    SUBJECT_MISMATCH: failed('The attestation is valid but describes a different file or package version.'),
    STATEMENT_INVALID: failed('The signed statement is not a well-formed in-toto statement.'),
  },
  /** A registry request that gave no usable data (lib/net/): never a verdict about the release. */
  registry: {
    NOT_FOUND: error('The registry has no such package, version or file.'),
    FORBIDDEN: error('The registry refused the request.'),
    NOT_ACCEPTABLE: error('The registry could not serve the requested format.'),
    RATE_LIMITED: error('The registry is rate-limiting requests; Provenant will retry later.', true),
    SERVER_ERROR: error('The registry had a server error; Provenant will retry later.', true),
    TIMEOUT: error('The registry did not answer in time; Provenant will retry later.', true),
    NETWORK: error('The registry could not be reached; Provenant will retry later.', true),
    TOO_LARGE: error('The registry\u2019s response was larger than Provenant accepts.'),
    MALFORMED_RESPONSE: error('The registry\u2019s response was not in the expected format.'),
    HOST_NOT_ALLOWED: error('Provenant only contacts the registries themselves.'),
    UNEXPECTED_STATUS: error('The registry answered with an unexpected status.'),
    // An optional registry the user has not turned on, or whose site access the browser took away (lib/background/optional-registries.ts).
    REGISTRY_OFF: error('This registry is turned off in Provenant\u2019s options (or its site access was taken away): turn it on there to check its releases.'),
  },
  /** What an adapter decides about a release beyond one signature (lib/registries/, lib/trust/verify-with-trust.ts). */
  release: {
    INVALID_PACKAGE: error('This is not a valid npm package name or version.'),
    INVALID_GEM: error('This is not a valid gem name, version or platform.'),
    // npm: no SHA-512 in dist.integrity; RubyGems: no sha256 for an attested .gem (the detail says which).
    INTEGRITY_UNSUPPORTED: failed('The registry lists no usable digest for this file, so its attestations cannot be tied to it.'),
    // Not retryable by itself: only the 404-where-attestations-are-promised case is, and says so.
    ATTESTATIONS_MISSING: failed('The registry says this version has provenance, but does not serve it.'),
    PREDICATE_TYPE_MISMATCH: failed('The registry labels an attestation as a different kind of statement than the one that was signed.'),
    DUPLICATE_ATTESTATION: failed('The registry serves more than one attestation of the same kind for this version.'),
    PROVENANCE_INCONSISTENT: failed('The provenance claims a different repository, workflow or commit than the certificate that signed it.'),
    PROVENANCE_UNSUPPORTED: unsupported('The provenance comes from a build system Provenant cannot check yet.'),
    // A build by a builder for another repository (lib/identity/known-builders.ts): only known builders at release tags are accepted.
    BUILDER_UNKNOWN: unsupported('This release was built by a builder workflow Provenant does not know, so Provenant does not say where it was built.'),
    BUILDER_REF_UNPINNED: unsupported('This release was built by a known builder, but not from one of its releases, so which builder code ran is not pinned down.'),
    FILE_NOT_IN_RELEASE: failed('This attested file\u2019s name belongs to another project or version, so its attestation says nothing about this release.'),
    UNSUPPORTED_PUBLISHER: unsupported(
      'This file was published by a Trusted Publisher Provenant cannot check (only GitHub, GitLab and Google are supported), so it is not shown as verified.',
    ),
    // Registry-neutral: the detail names the signer met and what the registry's rules accept (RubyGems.org: GitHub Actions only).
    UNSUPPORTED_SIGNER: unsupported('This file was signed by an identity whose rules Provenant does not know for this registry, so it is not shown as verified.'),
    // RubyGems: the gem's own source_code_uri / homepage_uri names another GitHub repository than the signing workflow's.
    SOURCE_REPOSITORY_MISMATCH: failed('The package names another source repository than the one whose workflow built and signed it.'),
    UNSUPPORTED_PREDICATE: unsupported('This file carries an attestation of a kind Provenant does not know, so it is not shown as verified.'),
    // The sentence of a FORBIDDEN answer from PyPI's Integrity API (an admin switch), which keeps its registry code.
    ATTESTATIONS_DISABLED: error('PyPI has temporarily turned off attestations; Provenant will check again later.', true),
    TRUST_REFRESH_FAILED: error(
      'The trust material could not be refreshed: this release names a Sigstore log or authority that Provenant\u2019s copy of the Sigstore trust root does not list yet, and Sigstore\u2019s TUF repository could not be reached to update it. Provenant will try again.',
      true,
    ),
    // GitHub releases and Homebrew bottles (lib/registries/github/, lib/registries/homebrew/).
    INVALID_RELEASE: error('This is not a valid GitHub owner, repository or release tag.'),
    RELEASE_NOT_FOUND: error('GitHub has no such release (or it is private and no token with access was given).'),
    // Not the registry family's RATE_LIMITED: this one names the token that raises the limit.
    GITHUB_RATE_LIMITED: error(
      'GitHub\u2019s API limit is used up: without a token GitHub allows 60 requests an hour. Provenant will try again when the limit resets; a token in the options raises it.',
      true,
    ),
    TOKEN_REJECTED: error('GitHub refused the token set in Provenant\u2019s options; remove or replace it.'),
    API_ERROR: error('GitHub\u2019s API could not be reached or answered with an error; Provenant will try again.', true),
    BUNDLE_UNAVAILABLE: error('The attestation\u2019s bundle could not be downloaded from GitHub\u2019s attestation storage; Provenant will try again.', true),
    BUNDLE_UNREADABLE: failed('GitHub served an attestation bundle that could not be decompressed or read.'),
    REPOSITORY_MISMATCH: failed('The attestation is valid but was made for another repository or release than the one on this page.'),
    // UNSUPPORTED_SIGNER (above) serves GitHub too: the report's detail names the signer.
    BACKFILL_TOO_LATE: failed(
      'This bottle\u2019s only attestation is a backfilled one signed after Homebrew\u2019s cut-off (14 March 2024), which Homebrew itself rejects.',
    ),
    FORMULA_VERSION_GONE: error('The formula API serves only a formula\u2019s current version, and it has moved on from this one; Provenant will check again.', true),
    /** An exception no step expected (a bug, or an input no check foresaw): still a report, never a crash. */
    INTERNAL_ERROR: error('Provenant hit an unexpected problem while checking this release.'),
  },
  /** A refresh of the trust material from Sigstore's TUF repository (lib/trust/); shown in the options page. */
  trust: {
    NETWORK: error('Sigstore\u2019s TUF repository could not be reached.', true),
    TIMEOUT: error('Sigstore\u2019s TUF repository did not answer in time.', true),
    HTTP_STATUS: error('Sigstore\u2019s TUF repository answered with an unexpected status.', true),
    TOO_LARGE: error('A file from Sigstore\u2019s TUF repository was larger than Provenant accepts.'),
    MALFORMED: error('A file from Sigstore\u2019s TUF repository is not valid TUF metadata.'),
    BAD_SIGNATURE: error('TUF metadata is not signed by enough trusted keys.'),
    BAD_VERSION: error('TUF metadata has an unexpected version number.'),
    ROLLBACK: error('TUF metadata is older than what Provenant already trusts (a rollback attempt).'),
    EXPIRED: error('TUF metadata has expired (the repository may be frozen or replayed).'),
    LENGTH_OR_HASH: error('A file from Sigstore\u2019s TUF repository does not match its signed length or hash.'),
    TARGET_MISSING: error('Sigstore\u2019s TUF repository does not list a file Provenant needs.'),
    TOO_MANY: error('Sigstore\u2019s TUF repository needs more root rotations or delegations than Provenant follows.'),
    RATE_LIMITED: error('A refresh was made a few minutes ago; Provenant waits before asking again.', true),
    UNUSABLE_TARGET: error('The refreshed trust material could not be loaded.'),
  },
} as const satisfies Record<string, Record<string, ErrorMeaning>>;

export type ErrorFamily = keyof typeof ERRORS;
export type ErrorCode<F extends ErrorFamily = ErrorFamily> = F extends ErrorFamily ? keyof (typeof ERRORS)[F] & string : never;
export type VerifyErrorCode = ErrorCode<'verify'>;
export type ReleaseErrorCode = ErrorCode<'release'>;
export type TrustErrorCode = ErrorCode<'trust'>;

/** The families whose codes appear in reports (never `trust`, whose codes live in the refresh outcome). */
export const REPORT_FAMILIES = ['verify', 'registry', 'release'] as const satisfies readonly ErrorFamily[];

export function meaningOf<F extends ErrorFamily>(family: F, code: ErrorCode<F>): ErrorMeaning {
  return (ERRORS[family] as Record<string, ErrorMeaning>)[code]!;
}

export function isCodeOf<F extends ErrorFamily>(family: F, code: string | undefined): code is ErrorCode<F> {
  return code !== undefined && Object.hasOwn(ERRORS[family], code);
}

/** The meaning of a code a report carries, whatever produced it. */
export function reportCodeMeaning(code: string | undefined): ErrorMeaning | undefined {
  for (const family of REPORT_FAMILIES) if (isCodeOf(family, code)) return meaningOf(family, code);
  return undefined;
}

/** The sentence of a refresh outcome's code, if it is one. */
export function trustSentence(code: string | undefined): string | undefined {
  return isCodeOf('trust', code) ? ERRORS.trust[code].sentence : undefined;
}

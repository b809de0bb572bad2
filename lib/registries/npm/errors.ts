import { RegistryError } from '../../net/registry-error';
import { VerifyError, describeVerifyError } from '../../verify/errors';
import type { ArtifactStatus } from '../../report/model';

/**
 * Failures only the npm adapter can detect, with the status each one gives
 * the artifact. Failures of the signature itself reuse VerifyError codes
 * (SUBJECT_MISMATCH, IDENTITY_MISMATCH, STATEMENT_INVALID, ...), registry
 * failures RegistryError codes; the three sets do not overlap.
 */
export const NPM_ERROR_CODES = {
  INVALID_PACKAGE: {
    status: 'error',
    sentence: 'This is not a valid npm package name or version.',
  },
  INTEGRITY_UNSUPPORTED: {
    status: 'failed',
    sentence: 'The registry lists no SHA-512 hash for this version, so its attestations cannot be tied to the package file.',
  },
  ATTESTATIONS_MISSING: {
    status: 'failed',
    sentence: 'The registry says this version has provenance, but does not serve it.',
  },
  PREDICATE_TYPE_MISMATCH: {
    status: 'failed',
    sentence: 'The registry labels an attestation as a different kind of statement than the one that was signed.',
  },
  DUPLICATE_ATTESTATION: {
    status: 'failed',
    sentence: 'The registry serves more than one attestation of the same kind for this version.',
  },
  PROVENANCE_INCONSISTENT: {
    status: 'failed',
    sentence: 'The provenance claims a different repository, workflow or commit than the certificate that signed it.',
  },
  PROVENANCE_UNSUPPORTED: {
    status: 'unsupported',
    sentence: 'The provenance comes from a build system Provenant cannot check yet.',
  },
  BUILDER_UNKNOWN: {
    status: 'unsupported',
    sentence: 'This release was built by a builder workflow Provenant does not know, so Provenant does not say where it was built.',
  },
  BUILDER_REF_UNPINNED: {
    status: 'unsupported',
    sentence: 'This release was built by a known builder, but not from one of its releases, so which builder code ran is not pinned down.',
  },
  INTERNAL_ERROR: {
    status: 'error',
    sentence: 'Provenant hit an unexpected problem while checking this release.',
  },
} as const satisfies Record<string, { status: ArtifactStatus; sentence: string }>;

export type NpmErrorCode = keyof typeof NPM_ERROR_CODES;

export class NpmCheckError extends Error {
  override readonly name = 'NpmCheckError';
  constructor(
    readonly code: NpmErrorCode,
    readonly detail: string,
    /** Set when a later look may give another answer (see ATTESTATIONS_MISSING). */
    readonly retryable = false,
  ) {
    super(`${code}: ${detail}`);
  }
  get sentence(): string {
    return NPM_ERROR_CODES[this.code].sentence;
  }
}

export interface Failure {
  status: Exclude<ArtifactStatus, 'verified' | 'absent'>;
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

/** Any error thrown while checking a release, as report fields. */
export function toFailure(e: unknown): Failure {
  if (e instanceof VerifyError) {
    return { status: 'failed', code: e.code, message: describeVerifyError(e.code), detail: e.detail };
  }
  if (e instanceof NpmCheckError) {
    const f: Failure = { status: NPM_ERROR_CODES[e.code].status, code: e.code, message: e.sentence, detail: e.detail };
    return e.retryable ? { ...f, retryable: true } : f;
  }
  if (e instanceof RegistryError) {
    return { status: 'error', code: e.code, message: e.sentence, detail: e.detail, retryable: e.retryable };
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { status: 'error', code: 'INTERNAL_ERROR', message: NPM_ERROR_CODES.INTERNAL_ERROR.sentence, detail };
}

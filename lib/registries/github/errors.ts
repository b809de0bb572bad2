import { isProvenantError } from '../../errors/provenant-error';
import { meaningOf } from '../../errors/vocabulary';
import type { ArtifactStatus } from '../../report/model';

/**
 * Outcomes only the GitHub adapter detects, with the status each gives and
 * whether a later look may answer differently. Signature failures keep their
 * VerifyError codes; these do not overlap them. (Kept here until the one
 * error vocabulary of issue 10 lands; then this table moves into it.)
 */
export const GITHUB_ERROR_CODES = {
  INVALID_RELEASE: { status: 'error', retryable: false, sentence: 'This is not a valid GitHub owner, repository or release tag.' },
  RELEASE_NOT_FOUND: { status: 'error', retryable: false, sentence: 'GitHub has no such release (or it is private and no token with access was given).' },
  RATE_LIMITED: {
    status: 'error',
    retryable: true,
    sentence:
      'GitHub\u2019s API limit is used up: without a token GitHub allows 60 requests an hour. Provenant will try again when the limit resets; a token in the options raises it.',
  },
  TOKEN_REJECTED: { status: 'error', retryable: false, sentence: 'GitHub refused the token set in Provenant\u2019s options; remove or replace it.' },
  API_ERROR: { status: 'error', retryable: true, sentence: 'GitHub\u2019s API could not be reached or answered with an error; Provenant will try again.' },
  MALFORMED_RESPONSE: { status: 'error', retryable: false, sentence: 'GitHub\u2019s answer was not in the expected format.' },
  BUNDLE_UNAVAILABLE: { status: 'error', retryable: true, sentence: 'The attestation\u2019s bundle could not be downloaded from GitHub\u2019s attestation storage; Provenant will try again.' },
  BUNDLE_UNREADABLE: { status: 'failed', retryable: false, sentence: 'GitHub served an attestation bundle that could not be decompressed or read.' },
  DIGEST_MISSING: { status: 'absent', retryable: false, sentence: 'GitHub lists no SHA-256 digest for this file, so no attestation can be tied to it.' },
  REPOSITORY_MISMATCH: {
    status: 'failed',
    retryable: false,
    sentence: 'The attestation is valid but was made for another repository or release than the one on this page.',
  },
  UNSUPPORTED_SIGNER: {
    status: 'unsupported',
    retryable: false,
    sentence: 'This file\u2019s attestation was signed by an identity Provenant cannot check (not GitHub Actions on github.com, nor GitHub\u2019s release attester).',
  },
  UNSUPPORTED_PREDICATE: { status: 'unsupported', retryable: false, sentence: 'This file carries an attestation of a kind Provenant does not know, so it is not shown as verified.' },
  INTERNAL_ERROR: { status: 'error', retryable: false, sentence: 'Provenant hit an unexpected problem while checking this release.' },
} as const satisfies Record<string, { status: ArtifactStatus; retryable: boolean; sentence: string }>;

export type GithubErrorCode = keyof typeof GITHUB_ERROR_CODES;

export class GithubCheckError extends Error {
  override readonly name = 'GithubCheckError';
  constructor(
    readonly code: GithubErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
  get sentence(): string {
    return GITHUB_ERROR_CODES[this.code].sentence;
  }
}

export interface Failure {
  status: Exclude<ArtifactStatus, 'verified'>;
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

/** Any error thrown while checking a release, as report fields. */
export function toFailure(e: unknown): Failure {
  if (e instanceof GithubCheckError) {
    const { status, retryable } = GITHUB_ERROR_CODES[e.code];
    return { status, code: e.code, message: e.sentence, detail: e.detail.slice(0, 500), ...(retryable ? { retryable } : {}) };
  }
  if (isProvenantError(e, 'verify')) return { status: 'failed', code: e.code, message: meaningOf('verify', e.code).sentence, detail: e.detail.slice(0, 500) };
  if (isProvenantError(e, 'registry')) return { status: 'error', code: e.code, message: e.sentence, detail: e.detail.slice(0, 500), ...(e.retryable ? { retryable: true } : {}) };
  const detail = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
  return { status: 'error', code: 'INTERNAL_ERROR', message: GITHUB_ERROR_CODES.INTERNAL_ERROR.sentence, detail };
}

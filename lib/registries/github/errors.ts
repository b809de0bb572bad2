import { ProvenantError } from '../../errors/provenant-error';
import type { ErrorCode } from '../../errors/vocabulary';
import type { ArtifactStatus } from '../../report/model';

/**
 * The GitHub adapter's errors are codes of the one vocabulary
 * (lib/errors/vocabulary.ts): its own outcomes in the `release` family
 * (INVALID_RELEASE … UNSUPPORTED_SIGNER), a malformed answer in the
 * `registry` family, signature failures in `verify`.
 */
export const githubError = (code: ErrorCode<'release'>, detail: string) => new ProvenantError('release', code, detail);
export const malformedAnswer = (detail: string) => new ProvenantError('registry', 'MALFORMED_RESPONSE', detail);

/** An asset uploaded before GitHub recorded digests: nothing to tie an attestation to, so the asset has none. */
export const DIGEST_MISSING = 'GitHub lists no SHA-256 digest for this file, so no attestation can be tied to it.';

export interface Failure {
  status: Exclude<ArtifactStatus, 'verified'>;
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

/** Any error thrown while checking a release, as report fields. */
export function toFailure(e: unknown): Failure {
  if (e instanceof ProvenantError && e.family !== 'trust') {
    return { status: e.status, code: e.code, message: e.sentence, detail: e.detail.slice(0, 500), ...(e.retryable ? { retryable: true } : {}) };
  }
  const internal = new ProvenantError('release', 'INTERNAL_ERROR', (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500));
  return { status: 'error', code: internal.code, message: internal.sentence, detail: internal.detail };
}

import { isProvenantError } from '../../errors/provenant-error';
import { meaningOf } from '../../errors/vocabulary';
import type { ArtifactStatus } from '../../report/model';

export interface Failure {
  status: Exclude<ArtifactStatus, 'verified' | 'absent'>;
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

/**
 * Any error met while checking a release, as report fields; never throws.
 * Every code is the one vocabulary's (lib/errors/vocabulary.ts); a signature
 * failure is `failed` whatever its family says, since the .gem then carries a
 * bundle that does not verify.
 */
export function toFailure(e: unknown): Failure {
  if (isProvenantError(e, 'verify')) return { status: 'failed', code: e.code, message: e.sentence, detail: e.detail };
  if (isProvenantError(e, 'release')) return { status: e.status, code: e.code, message: e.sentence, detail: e.detail };
  if (isProvenantError(e, 'registry')) return { status: 'error', code: e.code, message: e.sentence, detail: e.detail, retryable: e.retryable };
  const detail = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
  return { status: 'error', code: 'INTERNAL_ERROR', message: meaningOf('release', 'INTERNAL_ERROR').sentence, detail };
}

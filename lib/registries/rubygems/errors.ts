import { isProvenantError } from '../../errors/provenant-error';
import { meaningOf } from '../../errors/vocabulary';
import type { ArtifactStatus } from '../../report/model';

/**
 * Outcomes only the RubyGems adapter can detect, with the status each gives
 * the .gem. Failures of the signature itself keep their VerifyError codes
 * (SIGNATURE_INVALID, SUBJECT_MISMATCH, IDENTITY_MISMATCH, …), failed
 * requests their RegistryError codes; none of these names overlaps them.
 */
export const RUBYGEMS_ERROR_CODES = {
  INVALID_GEM: {
    status: 'error',
    sentence: 'This is not a valid gem name, version or platform.',
  },
  DIGEST_MISSING: {
    status: 'failed',
    sentence: 'RubyGems.org lists no SHA-256 for this gem file, so its attestations cannot be tied to it.',
  },
  UNSUPPORTED_PUBLISHER: {
    status: 'unsupported',
    sentence: 'This gem was signed by a publisher other than GitHub Actions, the one trusted publisher whose identity rules Provenant knows for RubyGems.org, so it is not shown as verified.',
  },
  SOURCE_REPOSITORY_MISMATCH: {
    status: 'failed',
    sentence: 'The gem names another source repository than the one whose workflow built and signed it.',
  },
  INTERNAL_ERROR: {
    status: 'error',
    sentence: 'Provenant hit an unexpected problem while checking this release.',
  },
} as const satisfies Record<string, { status: ArtifactStatus; sentence: string }>;

export type RubygemsErrorCode = keyof typeof RUBYGEMS_ERROR_CODES;

export class RubygemsCheckError extends Error {
  override readonly name = 'RubygemsCheckError';
  constructor(
    readonly code: RubygemsErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
  get sentence(): string {
    return RUBYGEMS_ERROR_CODES[this.code].sentence;
  }
}

export interface Failure {
  status: Exclude<ArtifactStatus, 'verified' | 'absent'>;
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

/** Any error met while checking a release, as report fields; never throws. */
export function toFailure(e: unknown): Failure {
  if (isProvenantError(e, 'verify')) return { status: 'failed', code: e.code, message: meaningOf('verify', e.code).sentence, detail: e.detail };
  if (e instanceof RubygemsCheckError) return { status: RUBYGEMS_ERROR_CODES[e.code].status, code: e.code, message: e.sentence, detail: e.detail };
  if (isProvenantError(e, 'registry')) return { status: 'error', code: e.code, message: e.sentence, detail: e.detail, retryable: e.retryable };
  const detail = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
  return { status: 'error', code: 'INTERNAL_ERROR', message: RUBYGEMS_ERROR_CODES.INTERNAL_ERROR.sentence, detail };
}

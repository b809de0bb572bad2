import { ProvenantError } from './provenant-error';
import { ERRORS } from './vocabulary';

/** The fields a report gets from a failure. */
export interface Failure {
  status: 'failed' | 'error' | 'unsupported';
  code: string;
  message: string;
  detail: string;
  retryable?: boolean;
}

const MAX_INTERNAL_DETAIL = 500;

/** What an unexpected exception says, bounded: it may quote registry data. */
function internalDetail(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, MAX_INTERNAL_DETAIL);
}

/** INTERNAL_ERROR for an exception no step expected. */
export function internalFailure(e: unknown): Failure {
  return { status: 'error', code: 'INTERNAL_ERROR', message: ERRORS.release.INTERNAL_ERROR.sentence, detail: internalDetail(e) };
}

/**
 * Any exception caught while checking a release, as report fields: a coded
 * error by its vocabulary entry, anything else as INTERNAL_ERROR.
 * `retryable` is written for registry errors either way (whether the request
 * may be repeated is what they are about) and for others only when set.
 */
export function failureOf(e: unknown): Failure {
  if (!(e instanceof ProvenantError) || e.family === 'trust') return internalFailure(e);
  const f: Failure = { status: e.status, code: e.code, message: e.sentence, detail: e.detail };
  return e.family === 'registry' || e.retryable ? { ...f, retryable: e.retryable } : f;
}

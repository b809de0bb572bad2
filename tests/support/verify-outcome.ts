import { isProvenantError } from '../../lib/errors/provenant-error';
import type { VerifyErrorCode } from '../../lib/errors/vocabulary';

/** The verify error code `fn` throws, or NO_ERROR; any other exception fails the test. */
export function codeOf(fn: () => unknown): VerifyErrorCode | 'NO_ERROR' {
  try {
    fn();
    return 'NO_ERROR';
  } catch (e) {
    if (isProvenantError(e, 'verify')) return e.code;
    throw e;
  }
}

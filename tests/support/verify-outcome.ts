import { VerifyError, type VerifyErrorCode } from '../../lib/verify/errors';

/** The VerifyError code `fn` throws, or NO_ERROR; any other exception fails the test. */
export function codeOf(fn: () => unknown): VerifyErrorCode | 'NO_ERROR' {
  try {
    fn();
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof VerifyError) return e.code;
    throw e;
  }
}

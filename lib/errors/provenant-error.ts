import { meaningOf, type ErrorCode, type ErrorFamily } from './vocabulary';

/**
 * The one error Provenant throws on purpose: a family and code from the
 * vocabulary, and technical detail for logs and the popup's detail line.
 * The sentence, status and retryability come from the vocabulary, so a
 * thrown error and a stored report with its code always say the same.
 * Anything else thrown is a bug, reported as INTERNAL_ERROR.
 */
export class ProvenantError<F extends ErrorFamily = ErrorFamily> extends Error {
  override readonly name = 'ProvenantError';
  readonly retryable: boolean;
  /** The HTTP status behind a registry error, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(
    readonly family: F,
    readonly code: ErrorCode<F>,
    readonly detail: string,
    options: {
      cause?: unknown;
      /** Overrides the code's retryability for this one case (e.g. ATTESTATIONS_MISSING after a 404). */
      retryable?: boolean;
      httpStatus?: number;
    } = {},
  ) {
    super(`${code}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? meaningOf(family, code).retryable;
    this.httpStatus = options.httpStatus;
  }

  get sentence(): string {
    return meaningOf(this.family, this.code).sentence;
  }

  get status(): 'failed' | 'error' | 'unsupported' {
    return meaningOf(this.family, this.code).status;
  }
}

export function isProvenantError<F extends ErrorFamily>(e: unknown, family: F): e is ProvenantError<F> {
  return e instanceof ProvenantError && e.family === family;
}

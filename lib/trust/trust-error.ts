/** Every way a trust-material refresh can fail, as a stable code plus a sentence. */
export const TRUST_ERROR_CODES = {
  NETWORK: 'Sigstore\u2019s TUF repository could not be reached.',
  TIMEOUT: 'Sigstore\u2019s TUF repository did not answer in time.',
  HTTP_STATUS: 'Sigstore\u2019s TUF repository answered with an unexpected status.',
  TOO_LARGE: 'A file from Sigstore\u2019s TUF repository was larger than Provenant accepts.',
  MALFORMED: 'A file from Sigstore\u2019s TUF repository is not valid TUF metadata.',
  BAD_SIGNATURE: 'TUF metadata is not signed by enough trusted keys.',
  BAD_VERSION: 'TUF metadata has an unexpected version number.',
  ROLLBACK: 'TUF metadata is older than what Provenant already trusts (a rollback attempt).',
  EXPIRED: 'TUF metadata has expired (the repository may be frozen or replayed).',
  LENGTH_OR_HASH: 'A file from Sigstore\u2019s TUF repository does not match its signed length or hash.',
  TARGET_MISSING: 'Sigstore\u2019s TUF repository does not list a file Provenant needs.',
  TOO_MANY: 'Sigstore\u2019s TUF repository needs more root rotations or delegations than Provenant follows.',
  RATE_LIMITED: 'A refresh was made a few minutes ago; Provenant waits before asking again.',
  UNUSABLE_TARGET: 'The refreshed trust material could not be loaded.',
} as const;

export type TrustErrorCode = keyof typeof TRUST_ERROR_CODES;

export class TrustError extends Error {
  override readonly name = 'TrustError';
  constructor(
    readonly code: TrustErrorCode,
    /** Technical detail for logs and the options page's detail line. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
  }

  get sentence(): string {
    return TRUST_ERROR_CODES[this.code];
  }
}

/**
 * Every way a verification can fail, as a stable code plus a sentence a person
 * can read. The UI shows `describe(code)`; logs and tests use the code.
 */
export const VERIFY_ERROR_CODES = {
  INPUT_TOO_LARGE: 'The attestation is larger than Provenant accepts, so it was not processed.',
  MALFORMED_BUNDLE: 'The attestation is not a well-formed Sigstore bundle.',
  UNSUPPORTED_MEDIA_TYPE: 'The attestation uses a Sigstore bundle version Provenant does not know.',
  TRUST_ROOT_INVALID: 'The Sigstore trust root is malformed, so nothing can be verified against it.',
  CERT_CHAIN_UNTRUSTED: 'The signing certificate does not chain to a trusted Sigstore certificate authority, or was not valid when it was used.',
  SCT_INVALID: 'The signing certificate lacks a valid certificate-transparency proof (SCT).',
  TLOG_MISSING: 'The signature was not recorded in a trusted transparency log.',
  TLOG_PROOF_INVALID: 'The transparency-log proof does not check out: the entry may have been altered or never logged.',
  TLOG_BODY_MISMATCH: 'The transparency-log entry records a different signature or artifact than the attestation.',
  TIMESTAMP_INVALID: 'The signing time could not be established from a trusted timestamp.',
  KEY_UNKNOWN: 'The attestation is signed by a key Provenant does not trust, or outside that key\u2019s validity period.',
  SIGNATURE_INVALID: 'The signature does not match the signed content: the attestation was altered or signed by someone else.',
  IDENTITY_MISMATCH: 'The attestation was signed by a different identity than expected.',
  SUBJECT_MISMATCH: 'The attestation is valid but describes a different file or package version.',
  STATEMENT_INVALID: 'The signed statement is not a well-formed in-toto statement.',
} as const;

export type VerifyErrorCode = keyof typeof VERIFY_ERROR_CODES;

export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  constructor(
    readonly code: VerifyErrorCode,
    /** Technical detail for logs and the popup's "details" line. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
  }

  /** The sentence shown to a person. */
  get sentence(): string {
    return describeVerifyError(this.code);
  }
}

export function describeVerifyError(code: VerifyErrorCode): string {
  return VERIFY_ERROR_CODES[code];
}

export function isVerifyErrorCode(value: string): value is VerifyErrorCode {
  return Object.prototype.hasOwnProperty.call(VERIFY_ERROR_CODES, value);
}

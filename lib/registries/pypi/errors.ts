/**
 * Outcomes specific to PyPI that are neither a failed verification
 * (VerifyErrorCode) nor a failed request (RegistryErrorCode). Both make an
 * artifact `unsupported`: Provenant cannot judge it, so it is never `verified`.
 */
export const PYPI_CODES = {
  UNSUPPORTED_PUBLISHER: 'This file was published by a Trusted Publisher Provenant cannot check (only GitHub, GitLab and Google are supported), so it is not shown as verified.',
  UNSUPPORTED_PREDICATE: 'This file carries an attestation of a kind Provenant does not know, so it is not shown as verified.',
  ATTESTATIONS_DISABLED: 'PyPI has temporarily turned off attestations; Provenant will check again later.',
} as const;

export type PypiCode = keyof typeof PYPI_CODES;

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

/** An exception no step expected (a bug, or an input no check foresaw): still a report, never a crash. */
export const INTERNAL_ERROR = { code: 'INTERNAL_ERROR', sentence: 'Provenant hit an unexpected problem while checking this release.' } as const;

export function internalDetail(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);
}

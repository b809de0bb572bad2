import { ProvenantError } from '../../errors/provenant-error';
import { failureOf } from '../../errors/report-fields';
import type { ArtifactReport } from '../../report/model';

/**
 * What PyPI itself said about a file's provenance, kept on a file that did
 * not verify (docs/verdicts.md, `registry-disagrees`):
 * - the JSON simple index lists a provenance URL for it (same sha256), yet
 *   the Integrity API answers 404: the registry contradicts itself, so the
 *   file fails like npm's advertised-but-missing attestations
 *   (`ATTESTATIONS_MISSING`, retryable so no cache keeps it);
 * - the Integrity API served attestations that failed verification.
 * A file Provenant could not decide (`error`) or whose valid attestations it
 * cannot check (`unsupported`) carries no claim: that is no contradiction.
 */
export function withRegistryClaim(report: ArtifactReport, listedWithProvenance: boolean): ArtifactReport {
  if (report.status === 'absent' && listedWithProvenance) {
    const { status, ...fields } = failureOf(
      new ProvenantError('release', 'ATTESTATIONS_MISSING', `the simple index lists provenance for ${report.name.slice(0, 300)}, the Integrity API answers 404`, { retryable: true }),
    );
    return { ...report, status, ...fields, registryClaim: { source: 'pypi-simple-index' } };
  }
  if (report.status === 'failed') return { ...report, registryClaim: { source: listedWithProvenance ? 'pypi-simple-index' : 'pypi-integrity-api' } };
  return report;
}

import { ERRORS } from '../../errors/vocabulary';
import type { ArtifactReport } from '../../report/model';
import { InvalidDistFilename, parseDistFilename } from './filename';
import type { DistFile } from './subject';
import { versionKey } from './version';

/**
 * Whether a listed file belongs to the release by its name (PEP 427 wheels,
 * PEP 625 sdists): the normalized project name and a PEP 440-equal version.
 * The subject binding ties an attestation to its file's name, not the name
 * to the release, so an attested file of another project or version listed
 * here would otherwise verify as part of this release. Formats older than
 * wheels and sdists (`.egg`, `.exe`, `.tar.bz2`, …) carry no provenance on
 * PyPI: `legacy`, never a failure.
 */
export type Membership = 'belongs' | 'foreign' | 'legacy';

const DIST_EXTENSIONS = ['.whl', '.tar.gz', '.zip'] as const;

export function releaseMembership(filename: string, project: string, version: string): Membership {
  if (!DIST_EXTENSIONS.some((ext) => filename.endsWith(ext))) return 'legacy';
  try {
    const parsed = parseDistFilename(filename);
    const wanted = versionKey(version);
    return parsed.name === project && wanted !== undefined && parsed.version === wanted ? 'belongs' : 'foreign';
  } catch (e) {
    if (e instanceof InvalidDistFilename) return 'foreign';
    throw e;
  }
}

export const LEGACY_FORMAT = 'A file in a format older than wheels and source distributions: PyPI publishes no provenance for it.';
export const FOREIGN_FILE = { code: 'FILE_NOT_IN_RELEASE', sentence: ERRORS.release.FILE_NOT_IN_RELEASE.sentence } as const;

/** A legacy-format file: counted as a file without provenance; the Integrity API is not asked. */
export function legacyFile(file: DistFile): ArtifactReport {
  return { name: file.filename, digest: { algorithm: 'sha256', hex: file.sha256 }, status: 'absent', message: LEGACY_FORMAT, attestations: [] };
}

/**
 * A file whose name is not of this release: if it carries provenance (verified,
 * unsupported or failed), it fails; without any, it stays a file without provenance.
 */
export function foreignFile(file: DistFile, report: ArtifactReport, project: string, version: string): ArtifactReport {
  if (report.status === 'absent' || report.status === 'error') return report;
  return {
    name: report.name,
    digest: report.digest,
    status: 'failed',
    code: FOREIGN_FILE.code,
    message: FOREIGN_FILE.sentence,
    detail: `${file.filename.slice(0, 300)} is not a wheel or sdist of ${project} ${version}`,
    attestations: [],
  };
}

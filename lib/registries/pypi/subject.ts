import type { InTotoStatement } from '../../verify/statement';
import { InvalidDistFilename, parseDistFilename, sameDistribution } from './filename';
import { ProvenantError } from '../../errors/provenant-error';

/** A release file as the JSON API lists it. */
export interface DistFile {
  filename: string;
  /** Lower-case hex. */
  sha256: string;
}

/** The attestation types PyPI accepts (pypi-attestations `AttestationType`). */
export const PYPI_PREDICATE_TYPES = new Set(['https://docs.pypi.org/attestations/publish/v1', 'https://slsa.dev/provenance/v1']);

/** PEP 740 requires in-toto Statement v1. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';

/**
 * sigstore-js proved the statement was signed; this proves it is about
 * *this* file: exactly one subject, named like the file (PyPI's filename
 * normalization), whose sha256 is the file's sha256 from the JSON API.
 * Throws SUBJECT_MISMATCH or STATEMENT_INVALID.
 */
export function bindSubject(statement: InTotoStatement, file: DistFile): void {
  if (statement._type !== IN_TOTO_STATEMENT_V1) {
    throw new ProvenantError('verify', 'STATEMENT_INVALID', `statement type is ${statement._type}, PEP 740 requires ${IN_TOTO_STATEMENT_V1}`);
  }
  if (statement.subject.length !== 1) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `statement has ${statement.subject.length} subjects; a PyPI attestation has exactly one`);
  }
  const subject = statement.subject[0]!;
  if (!subject.name) throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'the statement\u2019s subject has no name');
  try {
    parseDistFilename(subject.name);
  } catch (e) {
    if (!(e instanceof InvalidDistFilename)) throw e;
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `subject name ${JSON.stringify(subject.name.slice(0, 200))} is not a distribution filename: ${e.message}`);
  }
  if (!sameDistribution(subject.name, file.filename)) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `subject ${JSON.stringify(subject.name.slice(0, 200))} is not ${file.filename}`);
  }
  const digest = subject.digest['sha256'];
  if (digest === undefined) throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'the subject has no sha256 digest');
  if (digest.toLowerCase() !== file.sha256.toLowerCase()) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `subject sha256 ${digest.slice(0, 64)} is not the file\u2019s sha256 ${file.sha256}`);
  }
}

import * as z from '../../zod';
import type { InTotoStatement } from '../../verify/statement';
import { NPM_REGISTRY } from './names';
import { ProvenantError } from '../../errors/provenant-error';

export interface ExpectedSubject {
  /** `pkg:npm/%40scope/name@1.0.0` */
  purl: string;
  /** Lower-case hex SHA-512 of the tarball, from dist.integrity. */
  sha512Hex: string;
}

/**
 * Binds a verified statement to this package version's tarball. sigstore-js
 * proves who signed the statement, not what it is about (VERIFY-NOTES); npm
 * signs exactly one subject per attestation (libnpmpublish refuses others),
 * so anything else is refused here rather than searched for a match.
 */
export function checkNpmSubject(statement: InTotoStatement, expected: ExpectedSubject): void {
  const { subject } = statement;
  if (subject.length !== 1) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the statement has ${subject.length} subjects; an npm attestation has exactly one`);
  }
  const only = subject[0]!;
  if (only.name !== expected.purl) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the statement is about ${JSON.stringify(only.name ?? null)}, not ${expected.purl}`);
  }
  const signed = only.digest.sha512;
  if (signed === undefined) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'the statement subject carries no sha512 digest');
  }
  if (signed.toLowerCase() !== expected.sha512Hex.toLowerCase()) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the signed sha512 ${signed.slice(0, 16)}… is not the registry's dist.integrity ${expected.sha512Hex.slice(0, 16)}…`);
  }
}

// https://github.com/npm/attestation/tree/main/specs/publish/v0.1
const publishPredicateSchema = z.object({
  name: z.string(),
  version: z.string(),
  registry: z.optional(z.string()),
});

/** The publish attestation also names the package in its predicate; it must be this one, on this registry. */
export function checkPublishPredicate(statement: InTotoStatement, name: string, version: string): void {
  const parsed = publishPredicateSchema.safeParse(statement.predicate);
  if (!parsed.success) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', 'the publish attestation does not name a package and version');
  }
  const p = parsed.data;
  if (p.name !== name || p.version !== version) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the publish attestation is for ${p.name}@${p.version}, not ${name}@${version}`);
  }
  if (p.registry !== undefined && p.registry.replace(/\/+$/, '') !== NPM_REGISTRY) {
    throw new ProvenantError('verify', 'SUBJECT_MISMATCH', `the publish attestation is from registry ${JSON.stringify(p.registry)}, not ${NPM_REGISTRY}`);
  }
}

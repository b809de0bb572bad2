import type { ArtifactReport, RegistryClaim } from '../report/model';
import type { Disagreement } from './alerts';

/**
 * registry-disagrees from a release's artifacts: each file the registry says
 * has provenance (`registryClaim`, set by the adapters) and that did not
 * verify, with what was claimed and what was found, in words for the alert.
 */
export function disagreementsOf(artifacts: readonly ArtifactReport[]): Disagreement[] {
  return artifacts.flatMap((a) => (a.registryClaim && (a.status === 'failed' || a.status === 'absent') ? [{ file: a.name, claimed: claimWords(a.registryClaim), found: foundWords(a) }] : []));
}

const PREDICATES: Record<string, string> = {
  'https://slsa.dev/provenance/v1': 'SLSA provenance v1',
  'https://slsa.dev/provenance/v0.2': 'SLSA provenance v0.2',
};

function claimWords(claim: RegistryClaim): string {
  switch (claim.source) {
    case 'npm-packument': {
      const what = claim.predicateType ? (PREDICATES[claim.predicateType] ?? claim.predicateType) : 'attestations';
      return `the packument's dist.attestations announces ${what}`;
    }
    case 'pypi-simple-index':
      return 'the simple index lists a provenance URL for it';
    case 'pypi-integrity-api':
      return 'the Integrity API serves attestations for it';
  }
}

function foundWords(a: ArtifactReport): string {
  if (a.code === 'ATTESTATIONS_MISSING') return a.registryClaim?.source === 'npm-packument' ? 'the attestations endpoint serves no such attestation' : 'the Integrity API serves none (404)';
  if (a.status === 'absent') return 'no attestation was served';
  return `what it serves does not verify (${a.code ?? 'failed'}: ${a.message ?? 'an attestation failed a check'})`;
}

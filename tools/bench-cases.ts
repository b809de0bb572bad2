import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bundle kinds `npm run bench` measures, all real recordings from tests/fixtures. */
export interface BenchCase {
  name: string;
  bundle: unknown;
  artifact?: { kind: 'digest'; algorithm: 'sha256' | 'sha512'; hex: string };
}

export function benchCases(fixtures: string): BenchCase[] {
  const json = (p: string) => JSON.parse(readFileSync(join(fixtures, p), 'utf8'));
  const npm = json('npm-attestations/npm-cli/valid-sigstore-attestations.json').attestations as { predicateType: string; bundle: unknown }[];
  return [
    { name: 'npm SLSA provenance (v0.1, intoto, P-384 chain)', bundle: npm.find((a) => a.predicateType.startsWith('https://slsa.dev'))!.bundle },
    { name: 'npm publish attestation (registry key)', bundle: npm.find((a) => a.predicateType.includes('npm/attestation'))!.bundle },
    { name: 'PyPI PEP 740 attestation (v0.3 DSSE, Rekor v1)', bundle: json('pypi-attestations/legacy-sigstore-bundles/pypi_attestation_models-0.0.4a2.tar.gz.sigstore') },
    { name: 'Rekor v2 DSSE + RFC 3161 timestamp', bundle: json('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json') },
  ];
}

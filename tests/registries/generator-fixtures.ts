import { verifyNpmRelease } from '../../lib/registries/npm';
import type { ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { FakeRegistry, SLSA_V02, advertise, attestationsResponse, packument, sriFromHex, type Json } from './npm-fixtures';

/**
 * @laurentsimon/provenance-npm-test@1.0.5, built and published by the SLSA
 * GitHub generator's Node.js builder v1.6.0 (slsa-verifier's recorded
 * attestations response, tests/fixtures/SOURCES.md). Its certificate's SAN is
 * the generator's delegator_lowperms-generic_slsa3.yml@refs/tags/v1.6.0; its
 * Build Config URI, Source Repository URI and Digest name the package's own
 * repository, workflow (release-slsa3.yml) and commit; the predicate's
 * builder.id names builder_nodejs_slsa3.yml@refs/tags/v1.6.0.
 */
export const GENERATOR_BUILT = 'npm-attestations/slsa-verifier/cli/slsa-verifier/testdata/npm/gha/provenance-npm-test-ossf.tgz.json';
export const GENERATOR_BUILT_NAME = '@laurentsimon/provenance-npm-test';
export const GENERATOR_BUILT_VERSION = '1.0.5';
export const GENERATOR = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows';
export const NODEJS_BUILDER = `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v1.6.0`;
export const NODEJS_DELEGATOR = `${GENERATOR}/delegator_lowperms-generic_slsa3.yml@refs/tags/v1.6.0`;

/** The sha512 the attestations' one subject names. */
export function generatorBuiltSha512(): string {
  const entry = attestationsResponse(GENERATOR_BUILT).attestations.find((a) => a.predicateType === SLSA_V02)!;
  const statement = JSON.parse(Buffer.from(entry.bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
  return statement.subject[0].digest.sha512;
}

/**
 * The mirror has no @laurentsimon/provenance-npm-test@1.0.5 (SOURCES.md), so
 * this packument entry is SHAPED in the test: dist.integrity is built from
 * the attestation subject's own sha512, and dist.attestations is what
 * registry.npmjs.org advertises. It shows the pipeline accepts a consistent
 * release, not that the registry's real digest matches.
 */
export function shapedGeneratorPackument(sha512Hex = generatorBuiltSha512()): Json {
  const p = packument(GENERATOR_BUILT_NAME);
  p.versions[GENERATOR_BUILT_VERSION] = { name: GENERATOR_BUILT_NAME, version: GENERATOR_BUILT_VERSION, dist: { integrity: sriFromHex(sha512Hex) } };
  return advertise(p, GENERATOR_BUILT_VERSION, SLSA_V02);
}

/** The real generator-built release through the whole npm pipeline. */
export async function verifyGeneratorBuiltRelease(now = new Date('2026-11-22T12:00:00Z')): Promise<ReleaseReport> {
  const registry = new FakeRegistry().packument(shapedGeneratorPackument()).attestations(GENERATOR_BUILT_NAME, GENERATOR_BUILT_VERSION, attestationsResponse(GENERATOR_BUILT));
  return verifyNpmRelease({ name: GENERATOR_BUILT_NAME, version: GENERATOR_BUILT_VERSION }, { client: registry.client(), trust: publicGoodTrust(), now });
}

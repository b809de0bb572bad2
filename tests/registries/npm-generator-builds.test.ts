import { describe, expect, it } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { checkProvenanceConsistency, type ProvenanceFacts } from '../../lib/registries/npm/consistency';
import { ProvenantError } from '../../lib/errors/provenant-error';
import type { ReleaseErrorCode } from '../../lib/errors/vocabulary';
import { certificateBuild as buildClaims, type Build as BuildClaims } from '../../lib/identity/fulcio';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import type { InTotoStatement } from '../../lib/verify/statement';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { readFixtureJSON } from '../support/fixtures';
import { FakeRegistry, PUBLISH_V01, SLSA_V02, attestationsResponse, type Json } from './npm-fixtures';

import {
  GENERATOR,
  GENERATOR_BUILT as OSSF,
  GENERATOR_BUILT_NAME as NAME,
  NODEJS_BUILDER,
  NODEJS_DELEGATOR as DELEGATOR,
  generatorBuiltSha512 as subjectSha512,
  shapedGeneratorPackument as shapedPackument,
} from './generator-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

interface Provenance {
  statement: InTotoStatement;
  claims: BuildClaims;
}

function ossfProvenance(): Provenance {
  const entry = attestationsResponse(OSSF).attestations.find((a) => a.predicateType === SLSA_V02)!;
  const v = verifyBundle(entry.bundle, { trust: publicGoodTrust() });
  if (v.signer.kind !== 'certificate' || !v.statement) throw new Error('not a keyless DSSE bundle');
  const claims = buildClaims(v.signer.identity);
  if (!claims) throw new Error('no build claims');
  return { statement: v.statement, claims };
}

async function run(registry: FakeRegistry): Promise<ReleaseReport> {
  const report = await verifyNpmRelease({ name: NAME, version: '1.0.5' }, { client: registry.client(), trust: publicGoodTrust(), now: NOW });
  expect(releaseReportSchema.parse(report)).toEqual(report);
  return report;
}

function outcome(statement: InTotoStatement, claims: BuildClaims): { code: ReleaseErrorCode | 'OK'; detail: string; facts?: ProvenanceFacts } {
  try {
    return { code: 'OK', detail: '', facts: checkProvenanceConsistency(statement, claims) };
  } catch (e) {
    if (e instanceof ProvenantError && e.family === 'release') return { code: e.code as ReleaseErrorCode, detail: e.detail };
    throw e;
  }
}

function withPredicate(statement: InTotoStatement, change: (p: Json) => void): InTotoStatement {
  const predicate = structuredClone(statement.predicate) as Json;
  change(predicate);
  return { ...statement, predicate };
}

describe('a release built by the SLSA generator\u2019s Node.js builder (real attestations)', () => {
  it('is verified, with the builder and the source as two identities', async () => {
    const registry = new FakeRegistry().packument(shapedPackument()).attestations(NAME, '1.0.5', attestationsResponse(OSSF));
    const report = await run(registry);
    expect(report).toMatchObject({ status: 'verified', version: '1.0.5' });
    expect(report.code).toBeUndefined();
    expect(report.identity).toEqual({
      publisherKind: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      subjectAlternativeName: DELEGATOR,
      // The source: the certificate's own extensions, never the predicate.
      repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test',
      repositoryId: '602223945',
      owner: 'laurentsimon',
      ownerId: '64505099',
      workflowPath: '.github/workflows/release-slsa3.yml',
      ref: 'refs/heads/main',
      commit: '34490b44db557f009617bcb92b8780f972c189ab',
      trigger: 'workflow_dispatch',
      runnerEnvironment: 'github-hosted',
      buildConfigUri: 'https://github.com/laurentsimon/provenance-npm-test/.github/workflows/release-slsa3.yml@refs/heads/main',
      runInvocationUri: 'https://github.com/laurentsimon/provenance-npm-test/actions/runs/5016782196/attempts/1',
      // The builder: the signer is the delegator, the builder the one it vouches for.
      buildSignerUri: DELEGATOR,
      builder: NODEJS_BUILDER,
    });
    expect(report.artifacts[0]!.attestations.map((a) => [a.predicateType, a.signer])).toEqual([
      [PUBLISH_V01, 'npm-registry-key'],
      [SLSA_V02, 'certificate'],
    ]);
  });

  it('the same release with the shaped digest altered by one bit fails SUBJECT_MISMATCH: the digest comparison is live', async () => {
    const altered = (BigInt(`0x${subjectSha512()}`) ^ 1n).toString(16).padStart(128, '0');
    const registry = new FakeRegistry().packument(shapedPackument(altered)).attestations(NAME, '1.0.5', attestationsResponse(OSSF));
    const report = await run(registry);
    expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    expect(report.identity).toBeUndefined();
  });

  // slsa-verifier's tampered copies: the altered payload no longer hashes to
  // what the log recorded, so the core stops before any identity is shown.
  it.each([
    ['provenance-npm-test-ossf-invalidsigprov.tgz.json', 'provenance', 'npm-registry-key'],
    ['provenance-npm-test-ossf-invalidsigpub.tgz.json', 'publish', 'certificate'],
  ])('%s: the %s attestation fails TLOG_BODY_MISMATCH, the release fails', async (file, kind, intact) => {
    const registry = new FakeRegistry().packument(shapedPackument()).attestations(NAME, '1.0.5', attestationsResponse(OSSF.replace('provenance-npm-test-ossf.tgz.json', file)));
    const report = await run(registry);
    expect(report).toMatchObject({ status: 'failed', code: 'TLOG_BODY_MISMATCH' });
    expect(report.artifacts[0]!.detail).toMatch(new RegExp(`^${kind}: TLOG_BODY_MISMATCH: [^;]+$`));
    expect(report.artifacts[0]!.attestations.map((a) => a.signer)).toEqual([intact]);
    expect(report.identity).toBeUndefined();
  });

  it('its predicate agrees with its certificate and names the Node.js builder', () => {
    const p = ossfProvenance();
    expect(outcome(p.statement, p.claims)).toEqual({ code: 'OK', detail: '', facts: { builder: NODEJS_BUILDER } });
  });
});

describe('generator SLSA v0.2 predicate vs. certificate (real statement, one value changed)', () => {
  it.each<[string, (p: Json) => void, ReleaseErrorCode, string]>([
    ['source repository', (p) => (p.invocation.configSource.uri = 'git+https://github.com/evil/provenance-npm-test@refs/heads/main'), 'PROVENANCE_INCONSISTENT', 'source repository: provenance says "https://github.com/evil/provenance-npm-test"'],
    ['source ref', (p) => (p.invocation.configSource.uri = 'git+https://github.com/laurentsimon/provenance-npm-test@refs/heads/dev'), 'PROVENANCE_INCONSISTENT', 'source ref'],
    ['source commit', (p) => (p.invocation.configSource.digest.sha1 = '0'.repeat(40)), 'PROVENANCE_INCONSISTENT', 'source commit'],
    ['entryPoint (the build-config workflow)', (p) => (p.invocation.configSource.entryPoint = '.github/workflows/other.yml'), 'PROVENANCE_INCONSISTENT', 'workflow file: provenance says ".github/workflows/other.yml"'],
    ['entryPoint missing', (p) => delete p.invocation.configSource.entryPoint, 'PROVENANCE_INCONSISTENT', 'does not state the workflow file (entryPoint)'],
    ['GITHUB_WORKFLOW_REF', (p) => (p.invocation.environment.GITHUB_WORKFLOW_REF = 'laurentsimon/provenance-npm-test/.github/workflows/x.yml@refs/heads/main'), 'PROVENANCE_INCONSISTENT', 'GITHUB_WORKFLOW_REF'],
    ['GITHUB_REPOSITORY_ID', (p) => (p.invocation.environment.GITHUB_REPOSITORY_ID = '1'), 'PROVENANCE_INCONSISTENT', 'GITHUB_REPOSITORY_ID'],
    ['GITHUB_EVENT_NAME', (p) => (p.invocation.environment.GITHUB_EVENT_NAME = 'push'), 'PROVENANCE_INCONSISTENT', 'GITHUB_EVENT_NAME'],
    ['material commit', (p) => (p.materials[0].digest.sha1 = '1'.repeat(40)), 'PROVENANCE_INCONSISTENT', 'material commit'],
    ['build invocation', (p) => (p.metadata.buildInvocationId = '1-1'), 'PROVENANCE_INCONSISTENT', 'build invocation'],
    ['builder missing', (p) => delete p.builder, 'PROVENANCE_INCONSISTENT', 'does not state its builder'],
    // Builder decisions come after the source agreed: an unknown builder is "cannot check", not a contradiction.
    ['builder: the generic generator, not an npm builder', (p) => (p.builder.id = `${GENERATOR}/generator_generic_slsa3.yml@refs/tags/v1.6.0`), 'BUILDER_UNKNOWN', 'not a builder Provenant knows'],
    ['builder: a look-alike fork', (p) => (p.builder.id = 'https://github.com/slsa-framework-x/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v1.6.0'), 'BUILDER_UNKNOWN', 'not a builder Provenant knows'],
    ['builder at a branch', (p) => (p.builder.id = `${GENERATOR}/builder_nodejs_slsa3.yml@refs/heads/main`), 'BUILDER_REF_UNPINNED', 'the builder runs at "refs/heads/main"'],
    ['builder at a pre-release tag', (p) => (p.builder.id = `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v1.6.0-rc.0`), 'BUILDER_REF_UNPINNED', 'not at a release tag'],
    ['builder of another release than the delegator that signed', (p) => (p.builder.id = `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v1.7.0`), 'BUILDER_UNKNOWN', 'not a released pair'],
  ])('%s \u2192 %s', (_, change, code, detail) => {
    const p = ossfProvenance();
    const result = outcome(withPredicate(p.statement, change), p.claims);
    expect(result.code).toBe(code);
    expect(result.detail).toContain(detail);
  });

  it('a source disagreement fails even when the builder is unknown too', () => {
    const p = ossfProvenance();
    const statement = withPredicate(p.statement, (q) => {
      q.builder.id = 'https://github.com/evil/builder/.github/workflows/b.yml@refs/tags/v1.0.0';
      q.invocation.configSource.digest.sha1 = '0'.repeat(40);
    });
    expect(outcome(statement, p.claims).code).toBe('PROVENANCE_INCONSISTENT');
  });
});

describe('generator predicate vs. the certificate\u2019s two identities (real statement, certificate claims changed)', () => {
  it.each<[string, Partial<BuildClaims>, ReleaseErrorCode, string]>([
    ['signed by a workflow that does not sign for the Node.js builder', { buildSignerUri: `${GENERATOR}/generator_generic_slsa3.yml@refs/tags/v1.6.0` }, 'BUILDER_UNKNOWN', 'which does not sign for it'],
    ['signed by the source\u2019s own workflow (no builder in the certificate)', { buildSignerUri: undefined }, 'BUILDER_UNKNOWN', 'which does not sign for it'],
    ['signed by the delegator at a branch', { buildSignerUri: `${GENERATOR}/delegator_lowperms-generic_slsa3.yml@refs/heads/main` }, 'BUILDER_REF_UNPINNED', 'the signer runs at "refs/heads/main"'],
    ['a certificate naming no source workflow (before Fulcio 1.1)', { workflowPath: undefined, workflowRef: undefined }, 'PROVENANCE_UNSUPPORTED', 'names no workflow of the source repository'],
    ['another source repository', { repositoryUrl: 'https://github.com/evil/provenance-npm-test', repository: 'evil/provenance-npm-test' }, 'PROVENANCE_INCONSISTENT', 'source repository'],
    ['another build-config workflow', { workflowPath: '.github/workflows/release.yml' }, 'PROVENANCE_INCONSISTENT', 'workflow file'],
    ['a GitLab certificate', { platform: 'gitlab' }, 'PROVENANCE_INCONSISTENT', 'SLSA GitHub generator build, the certificate a GitLab CI one'],
  ])('%s \u2192 %s', (_, change, code, detail) => {
    const p = ossfProvenance();
    const result = outcome(p.statement, { ...p.claims, ...change });
    expect(result.code).toBe(code);
    expect(result.detail).toContain(detail);
  });

  it('the generic delegator signs for the Node.js builder as the low-permission one does', () => {
    const p = ossfProvenance();
    const result = outcome(p.statement, { ...p.claims, buildSignerUri: `${GENERATOR}/delegator_generic_slsa3.yml@refs/tags/v1.6.0` });
    expect(result).toMatchObject({ code: 'OK', facts: { builder: NODEJS_BUILDER } });
  });
});

/**
 * The delegator's SLSA v1 predicate, real: slsa-verifier's recorded BYOB
 * provenance (gha_delegator/v1.10.0, SOURCES.md) for a binary of
 * slsa-framework/example-package, signed by delegator_generic_slsa3.yml at
 * v1.10.0 for the example builder slsa-framework/example-trw. Its subject is
 * a file, not an npm package, so only the predicate check runs here.
 */
const DELEGATOR_V1 = 'npm-attestations/slsa-verifier/cli/slsa-verifier/testdata/gha_delegator/v1.10.0/binary-linux-amd64-workflow_dispatch.build.slsa';

function delegatorV1(): Provenance {
  const v = verifyBundle(readFixtureJSON(DELEGATOR_V1), { trust: publicGoodTrust() });
  if (v.signer.kind !== 'certificate' || !v.statement) throw new Error('not a keyless DSSE bundle');
  const claims = buildClaims(v.signer.identity);
  if (!claims) throw new Error('no build claims');
  return { statement: v.statement, claims };
}

describe('generator SLSA v1 predicate vs. certificate (real BYOB provenance)', () => {
  it('its source agrees with the certificate; its builder (slsa-framework/example-trw) is not a known builder \u2192 BUILDER_UNKNOWN', () => {
    const p = delegatorV1();
    expect(p.statement.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(p.claims.buildSignerUri).toBe(`${GENERATOR}/delegator_generic_slsa3.yml@refs/tags/v1.10.0`);
    expect(outcome(p.statement, p.claims)).toEqual({
      code: 'BUILDER_UNKNOWN',
      detail: 'built by "https://github.com/slsa-framework/example-trw/.github/workflows/builder_high-perms_slsa3.yml@refs/tags/v1.10.0", which is not a builder Provenant knows',
    });
  });

  it('with the builder id naming the Node.js builder of the same release (predicate changed), it is accepted', () => {
    const p = delegatorV1();
    const builder = `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v1.10.0`;
    const statement = withPredicate(p.statement, (q) => (q.runDetails.builder.id = builder));
    expect(outcome(statement, p.claims)).toEqual({ code: 'OK', detail: '', facts: { builder } });
  });

  it.each<[string, (p: Json) => void, string]>([
    ['resolved dependency repository', (p) => (p.buildDefinition.resolvedDependencies[0].uri = 'git+https://github.com/evil/example-package@refs/heads/main'), 'source repository of the resolved dependency'],
    ['resolved dependency ref', (p) => (p.buildDefinition.resolvedDependencies[0].uri = 'git+https://github.com/slsa-framework/example-package@refs/heads/dev'), 'source ref'],
    ['resolved dependency commit', (p) => (p.buildDefinition.resolvedDependencies[0].digest.gitCommit = '0'.repeat(40)), 'source commit'],
    ['GITHUB_WORKFLOW_REF (the build-config workflow)', (p) => (p.buildDefinition.internalParameters.GITHUB_WORKFLOW_REF = 'slsa-framework/example-package/.github/workflows/other.yml@refs/heads/main'), 'GITHUB_WORKFLOW_REF'],
    ['GITHUB_WORKFLOW_REF missing', (p) => delete p.buildDefinition.internalParameters.GITHUB_WORKFLOW_REF, 'the provenance does not state the GITHUB_WORKFLOW_REF'],
    ['GITHUB_REPOSITORY_OWNER_ID', (p) => (p.buildDefinition.internalParameters.GITHUB_REPOSITORY_OWNER_ID = '1'), 'GITHUB_REPOSITORY_OWNER_ID'],
    ['GITHUB_RUN_ID', (p) => (p.buildDefinition.internalParameters.GITHUB_RUN_ID = '1'), 'GITHUB_RUN_ID'],
    ['invocation id', (p) => (p.runDetails.metadata.invocationId = 'https://github.com/slsa-framework/example-package/actions/runs/1/attempts/1'), 'run'],
    ['no resolved dependency', (p) => (p.buildDefinition.resolvedDependencies = []), 'lacks buildDefinition.resolvedDependencies'],
  ])('%s changed \u2192 PROVENANCE_INCONSISTENT', (_, change, detail) => {
    const p = delegatorV1();
    const result = outcome(withPredicate(p.statement, change), p.claims);
    expect(result.code).toBe('PROVENANCE_INCONSISTENT');
    expect(result.detail).toContain(detail);
  });
});

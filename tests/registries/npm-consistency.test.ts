import { describe, expect, it } from 'vitest';
import { checkProvenanceConsistency } from '../../lib/registries/npm/consistency';
import { buildIdentity, certificateBuild, type Build } from '../../lib/identity/fulcio';
import { Buffer as VendorBuffer, X509Certificate } from '../../lib/vendor/sigstore.generated.js';
import { certificateIdentity, type CertificateIdentity } from '../../lib/verify/certificate-identity';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import type { InTotoStatement } from '../../lib/verify/statement';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { readFixtureJSON } from '../support/fixtures';
import { SLSA_VERIFIER_DIR, attestationsResponse, type Json } from './npm-fixtures';
import { isProvenantError } from '../../lib/errors/provenant-error';
import type { ReleaseErrorCode } from '../../lib/errors/vocabulary';

interface Provenance {
  statement: InTotoStatement;
  certificate: CertificateIdentity;
}

/** A real provenance, verified by the core: its statement and its certificate's identity. */
function provenance(bundle: unknown): Provenance {
  const v = verifyBundle(bundle, { trust: publicGoodTrust() });
  if (v.signer.kind !== 'certificate' || !v.statement) throw new Error('not a keyless DSSE bundle');
  return { statement: v.statement, certificate: v.signer.identity };
}

const fromResponse = (...path: string[]) => provenance(attestationsResponse(...path).attestations.find((a) => a.predicateType.startsWith('https://slsa.dev'))!.bundle);
const sigstore1 = () => fromResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');
const tufjs1 = () => fromResponse('npm-attestations/npm-cli/valid-tuf-js-attestations.json');
const laurent = () => fromResponse(SLSA_VERIFIER_DIR, 'npm-attestations.intoto.sigstore');
const sigstore2 = () => provenance(readFixtureJSON('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json'));

function certificateFromDer(base64: string): CertificateIdentity {
  return certificateIdentity(X509Certificate.parse(VendorBuffer.from(base64, 'base64')));
}

function claims(certificate: CertificateIdentity): Build {
  const c = certificateBuild(certificate);
  if (!c) throw new Error('no build claims');
  return c;
}

function outcome(statement: InTotoStatement, c: Build): { code: ReleaseErrorCode | 'OK'; detail: string } {
  try {
    checkProvenanceConsistency(statement, c);
    return { code: 'OK', detail: '' };
  } catch (e) {
    if (isProvenantError(e, 'release')) return { code: e.code, detail: e.detail };
    throw e;
  }
}

/** A copy of the statement with its predicate changed (the signature no longer matters here: this is the pure check). */
function withPredicate(statement: InTotoStatement, change: (p: Json) => void): InTotoStatement {
  const predicate = structuredClone(statement.predicate) as Json;
  change(predicate);
  return { ...statement, predicate };
}

describe('provenance predicate vs. certificate', () => {
  it.each([
    ['sigstore@1.0.0 (v0.2, gha@v0, legacy certificate)', sigstore1],
    ['tuf-js@1.0.0 (v0.2, gha@v0, legacy certificate)', tufjs1],
    ['@laurentsimon/provenance-npm-test@1.0.0 (v0.2, gha@v1, legacy certificate)', laurent],
    ['sigstore@2.0.0 (v1, full certificate)', sigstore2],
  ])('real provenance agrees with its certificate: %s', (_, load) => {
    const p = load();
    expect(outcome(p.statement, claims(p.certificate))).toEqual({ code: 'OK', detail: '' });
  });

  it("one release's provenance against another release's real certificate → PROVENANCE_INCONSISTENT", () => {
    const result = outcome(sigstore1().statement, claims(tufjs1().certificate));
    expect(result.code).toBe('PROVENANCE_INCONSISTENT');
    expect(result.detail).toContain('source repository: provenance says "https://github.com/sigstore/sigstore-js", certificate says "https://github.com/theupdateframework/tuf-js"');
    expect(result.detail).toContain('source commit');
    expect(result.detail).toContain('GITHUB_REPOSITORY');
  });

  describe('SLSA v1 (sigstore@2.0.0): each claimed value is compared', () => {
    it.each<[string, (p: Json) => void, string]>([
      ['repository', (p) => (p.buildDefinition.externalParameters.workflow.repository = 'https://github.com/evil/sigstore-js'), 'source repository: provenance says "https://github.com/evil/sigstore-js"'],
      ['workflow path', (p) => (p.buildDefinition.externalParameters.workflow.path = '.github/workflows/other.yml'), 'workflow file'],
      ['workflow ref', (p) => (p.buildDefinition.externalParameters.workflow.ref = 'refs/heads/dev'), 'workflow ref'],
      ['commit', (p) => (p.buildDefinition.resolvedDependencies[0].digest.gitCommit = '0'.repeat(40)), 'source commit'],
      ['source ref', (p) => (p.buildDefinition.resolvedDependencies[0].uri = 'git+https://github.com/sigstore/sigstore-js@refs/heads/dev'), 'source ref'],
      ['dependency repository', (p) => (p.buildDefinition.resolvedDependencies[0].uri = 'git+https://github.com/evil/x@refs/heads/main'), 'source repository of the resolved dependency'],
      ['repository id', (p) => (p.buildDefinition.internalParameters.github.repository_id = '1'), 'repository id'],
      ['owner id', (p) => (p.buildDefinition.internalParameters.github.repository_owner_id = '1'), 'repository owner id'],
      ['event', (p) => (p.buildDefinition.internalParameters.github.event_name = 'workflow_dispatch'), 'event'],
      ['builder', (p) => (p.runDetails.builder.id = 'https://github.com/actions/runner/self-hosted'), 'builder'],
      ['run', (p) => (p.runDetails.metadata.invocationId = 'https://github.com/sigstore/sigstore-js/actions/runs/1/attempts/1'), 'run'],
      ['missing commit', (p) => delete p.buildDefinition.resolvedDependencies[0].digest, 'does not state the source commit'],
      ['missing dependencies', (p) => (p.buildDefinition.resolvedDependencies = []), 'lacks buildDefinition.resolvedDependencies'],
      ['missing workflow', (p) => delete p.buildDefinition.externalParameters.workflow, 'lacks buildDefinition.externalParameters.workflow'],
    ])('%s', (_, change, detail) => {
      const p = sigstore2();
      const result = outcome(withPredicate(p.statement, change), claims(p.certificate));
      expect(result.code).toBe('PROVENANCE_INCONSISTENT');
      expect(result.detail).toContain(detail);
    });
  });

  describe('SLSA v0.2 (sigstore@1.0.0, certificate with legacy extensions only)', () => {
    it.each<[string, (p: Json) => void, string]>([
      ['configSource repository', (p) => (p.invocation.configSource.uri = 'git+https://github.com/evil/sigstore-js@refs/tags/v1.0.0'), 'source repository'],
      ['configSource ref', (p) => (p.invocation.configSource.uri = 'git+https://github.com/sigstore/sigstore-js@refs/tags/v9.9.9'), 'source ref'],
      ['configSource commit', (p) => (p.invocation.configSource.digest.sha1 = '0'.repeat(40)), 'source commit'],
      ['entryPoint workflow', (p) => (p.invocation.configSource.entryPoint = 'sigstore/sigstore-js/.github/workflows/other.yml@refs/tags/v1.0.0'), 'workflow file'],
      ['entryPoint ref', (p) => (p.invocation.configSource.entryPoint = 'sigstore/sigstore-js/.github/workflows/publish.yml@refs/heads/main'), 'workflow ref'],
      ['GITHUB_REPOSITORY', (p) => (p.invocation.environment.GITHUB_REPOSITORY = 'evil/sigstore-js'), 'GITHUB_REPOSITORY'],
      ['GITHUB_SHA', (p) => (p.invocation.environment.GITHUB_SHA = '0'.repeat(40)), 'GITHUB_SHA'],
      ['GITHUB_REF', (p) => (p.invocation.environment.GITHUB_REF = 'refs/heads/x'), 'GITHUB_REF'],
      ['GITHUB_EVENT_NAME', (p) => (p.invocation.environment.GITHUB_EVENT_NAME = 'push'), 'GITHUB_EVENT_NAME'],
      ['GITHUB_WORKFLOW_REF', (p) => (p.invocation.environment.GITHUB_WORKFLOW_REF = 'sigstore/sigstore-js/.github/workflows/x.yml@refs/tags/v1.0.0'), 'GITHUB_WORKFLOW_REF'],
      ['material commit', (p) => (p.materials[0].digest.sha1 = '0'.repeat(40)), 'material commit'],
      ['missing configSource', (p) => delete p.invocation.configSource, 'lacks invocation.configSource'],
      ['GitLab build type under a GitHub certificate', (p) => (p.buildType = 'https://github.com/npm/cli/gitlab/v0alpha1'), 'describes a GitLab CI build'],
    ])('%s', (_, change, detail) => {
      const p = sigstore1();
      const result = outcome(withPredicate(p.statement, change), claims(p.certificate));
      expect(result.code).toBe('PROVENANCE_INCONSISTENT');
      expect(result.detail).toContain(detail);
    });

    it('values the 2023 certificate does not carry are not compared (and never reach the identity)', () => {
      const p = sigstore1();
      const changed = withPredicate(p.statement, (q) => {
        q.invocation.environment.GITHUB_REPOSITORY_ID = '1';
        q.invocation.environment.GITHUB_REPOSITORY_OWNER_ID = '2';
        q.metadata.buildInvocationId = '1-1';
      });
      expect(outcome(changed, claims(p.certificate)).code).toBe('OK');
      expect(buildIdentity(p.certificate, claims(p.certificate)).repositoryId).toBeUndefined();
    });

    it('accepts the gha/v2 entryPoint form (workflow path only)', () => {
      const p = sigstore1();
      const v2 = withPredicate(p.statement, (q) => {
        q.buildType = 'https://github.com/npm/cli/gha/v2';
        q.invocation.configSource.entryPoint = '.github/workflows/publish.yml';
      });
      expect(outcome(v2, claims(p.certificate)).code).toBe('OK');
    });

    it('an unknown build type is unsupported, not a failure', () => {
      const p = sigstore1();
      expect(outcome(withPredicate(p.statement, (q) => (q.buildType = 'https://example.com/other-ci@v1')), claims(p.certificate)).code).toBe('PROVENANCE_UNSUPPORTED');
      const v1 = sigstore2();
      expect(outcome(withPredicate(v1.statement, (q) => (q.buildDefinition.buildType = 'https://actions.github.io/buildtypes/workflow/v1')), claims(v1.certificate)).code).toBe('PROVENANCE_UNSUPPORTED');
    });
  });

  describe('GitLab CI', () => {
    // No real npm provenance from GitLab is among the fixtures. The certificate
    // is real (GitLab CI, from the PyPI attestation of gitlab-oidc-project); the
    // predicate below is CONSTRUCTED in npm's GitLab format (libnpmpublish
    // provenance.js, buildType gitlab/v0alpha1) from that certificate's values.
    const gitlabCertificate = () =>
      certificateFromDer(readFixtureJSON<Json>('pypi-attestations/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation').verification_material.certificate);
    const project = 'https://gitlab.com/facutuesca/gitlab-oidc-project';
    const sha = '72f7c63b75eb55ea80864962f0e645c93414da34';
    const job = `${project}/-/jobs/8415754949`;
    const statement = (): InTotoStatement => ({
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [{ name: 'pkg:npm/gitlab-oidc-project@0.0.3', digest: { sha512: 'ab'.repeat(64) } }],
      predicateType: 'https://slsa.dev/provenance/v0.2',
      predicate: {
        buildType: 'https://github.com/npm/cli/gitlab/v0alpha1',
        builder: { id: `${project}/-/runners/12270840` },
        invocation: {
          configSource: { uri: `git+${project}`, digest: { sha1: sha }, entryPoint: 'publish' },
          parameters: {
            CI_PROJECT_URL: project,
            CI_PROJECT_PATH: 'facutuesca/gitlab-oidc-project',
            CI_COMMIT_SHA: sha,
            CI_COMMIT_REF_NAME: 'main',
            CI_PROJECT_ID: '55235664',
            CI_PROJECT_NAMESPACE_ID: '12885801',
            CI_PIPELINE_SOURCE: 'push',
            CI_JOB_URL: job,
            CI_CONFIG_PATH: '.gitlab-ci.yml',
            CI_JOB_NAME: 'publish',
          },
          environment: { name: 'runner', architecture: 'amd64', server: 'https://gitlab.com', project: 'facutuesca/gitlab-oidc-project', job: { id: '8415754949' }, pipeline: { id: '1', ref: '.gitlab-ci.yml' } },
        },
        metadata: { buildInvocationId: job, completeness: { parameters: true, environment: true, materials: false }, reproducible: false },
        materials: [{ uri: `git+${project}`, digest: { sha1: sha } }],
      },
    });

    it('maps the real GitLab certificate to an identity', () => {
      const cert = gitlabCertificate();
      expect(buildIdentity(cert, claims(cert))).toEqual({
        publisherKind: 'gitlab',
        issuer: 'https://gitlab.com',
        subjectAlternativeName: `${project}//.gitlab-ci.yml@refs/heads/main`,
        repositoryUrl: project,
        repositoryId: '55235664',
        owner: 'facutuesca',
        ownerId: '12885801',
        workflowPath: '.gitlab-ci.yml',
        ref: 'refs/heads/main',
        commit: sha,
        trigger: 'push',
        runnerEnvironment: 'gitlab-hosted',
        visibility: 'private',
        buildConfigUri: `${project}//.gitlab-ci.yml@refs/heads/main`,
        runInvocationUri: job,
      });
    });

    it('an npm-format GitLab predicate built from the certificate agrees; the older `@<sha>` URI form too', () => {
      const c = claims(gitlabCertificate());
      expect(outcome(statement(), c).code).toBe('OK');
      expect(outcome(withPredicate(statement(), (p) => (p.invocation.configSource.uri = `git+${project}@${sha}`)), c).code).toBe('OK');
    });

    it.each<[string, (p: Json) => void, string]>([
      ['project', (p) => (p.invocation.configSource.uri = 'git+https://gitlab.com/evil/gitlab-oidc-project'), 'source repository'],
      ['commit', (p) => (p.invocation.configSource.digest.sha1 = '0'.repeat(40)), 'source commit'],
      ['commit in the URI', (p) => (p.invocation.configSource.uri = `git+${project}@${'0'.repeat(40)}`), 'source commit in the URI'],
      ['CI_PROJECT_ID', (p) => (p.invocation.parameters.CI_PROJECT_ID = '1'), 'CI_PROJECT_ID'],
      ['CI_CONFIG_PATH', (p) => (p.invocation.parameters.CI_CONFIG_PATH = 'other.yml'), 'CI_CONFIG_PATH'],
      ['CI_COMMIT_REF_NAME', (p) => (p.invocation.parameters.CI_COMMIT_REF_NAME = 'dev'), 'CI_COMMIT_REF_NAME'],
      ['CI_JOB_URL', (p) => (p.invocation.parameters.CI_JOB_URL = `${project}/-/jobs/1`), 'CI_JOB_URL'],
      ['pipeline config', (p) => (p.invocation.environment.pipeline.ref = 'x.yml'), 'pipeline config'],
      ['server', (p) => (p.invocation.environment.server = 'https://gitlab.example.com'), 'server'],
      ['builder of another project', (p) => (p.builder.id = 'https://gitlab.com/evil/x/-/runners/1'), 'builder'],
      ['GitHub build type under a GitLab certificate', (p) => (p.buildType = 'https://github.com/npm/cli/gha/v2'), 'describes a GitHub Actions build'],
    ])('%s → PROVENANCE_INCONSISTENT', (_, change, detail) => {
      const result = outcome(withPredicate(statement(), change), claims(gitlabCertificate()));
      expect(result.code).toBe('PROVENANCE_INCONSISTENT');
      expect(result.detail).toContain(detail);
    });
  });

  describe('identity mapping edge cases', () => {
    it('a certificate of a person (email, GitHub OAuth) has no build claims', () => {
      const bundle = readFixtureJSON<Json>('npm-attestations/npm-cli/digest-mismatch-provenance-bundle.json');
      const cert = certificateFromDer(bundle.verificationMaterial.x509CertificateChain.certificates[0].rawBytes);
      expect(cert.subjectAlternativeName).toBe('brian@dehamer.com');
      expect(certificateBuild(cert)).toBeUndefined();
    });

    it('2023 certificate, reusable workflow from another repository: the SAN is the build signer, the workflow path stays unknown', () => {
      const cert: CertificateIdentity = {
        subjectAlternativeName: 'https://github.com/org/shared/.github/workflows/release.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
        extensions: { legacyIssuer: 'https://token.actions.githubusercontent.com', legacyWorkflowRepository: 'me/pkg', legacyWorkflowSha: 'a'.repeat(40), legacyWorkflowRef: 'refs/tags/v1', legacyWorkflowTrigger: 'push' },
        notBefore: '2023-02-01T00:00:00.000Z',
        notAfter: '2023-02-01T00:10:00.000Z',
      };
      const id = buildIdentity(cert, claims(cert));
      expect(id).toMatchObject({ repositoryUrl: 'https://github.com/me/pkg', owner: 'me', buildSignerUri: cert.subjectAlternativeName, commit: 'a'.repeat(40) });
      expect(id.workflowPath).toBeUndefined();
      expect(id.buildConfigUri).toBeUndefined();
    });

    it('current certificate, reusable workflow: buildSignerUri only when it differs from the build config', () => {
      const real = sigstore2().certificate;
      expect(buildIdentity(real, claims(real)).buildSignerUri).toBeUndefined();
      const reusable = { ...real, extensions: { ...real.extensions, buildSignerURI: 'https://github.com/org/shared/.github/workflows/npm.yml@refs/tags/v2' } };
      expect(buildIdentity(reusable, claims(reusable))).toMatchObject({
        buildSignerUri: 'https://github.com/org/shared/.github/workflows/npm.yml@refs/tags/v2',
        workflowPath: '.github/workflows/release.yml',
      });
    });

    it('an unknown issuer, or a repository URL on another host, gives no build claims', () => {
      const real = sigstore2().certificate;
      expect(certificateBuild({ ...real, issuer: 'https://token.actions.example.com' })).toBeUndefined();
      expect(certificateBuild({ ...real, extensions: { ...real.extensions, sourceRepositoryURI: 'https://github.example.com/a/b' } })).toBeUndefined();
    });
  });
});

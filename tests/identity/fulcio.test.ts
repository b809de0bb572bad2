import { describe, expect, it } from 'vitest';
import type { CertificateIdentity } from '../../lib/identity/extensions';
import { buildIdentity, certificateBuild, emailIdentity, type Build } from '../../lib/identity/fulcio';
import { checkPublisher, identityFromCertificate } from '../../lib/registries/pypi/publisher';
import { Buffer, X509Certificate } from '../../lib/vendor/sigstore.generated.js';
import { certificateIdentity } from '../../lib/verify/certificate-identity';
import { readFixture } from '../support/fixtures';

/** The leaf certificate of a recording: a PEM file, or the first certificate in a JSON bundle, attestation or registry response. */
function certOf(path: string): CertificateIdentity {
  const text = readFixture(path).toString('utf8');
  const b64 = path.endsWith('.pem') ? /-----BEGIN CERTIFICATE-----([^-]+)-----END/.exec(text)![1]!.replace(/\s+/g, '') : firstCertificate(JSON.parse(text));
  if (!b64) throw new Error(`no certificate in ${path}`);
  return certificateIdentity(X509Certificate.parse(Buffer.from(b64, 'base64')));
}

function firstCertificate(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  for (const [key, value] of Object.entries(v)) {
    if (key === 'certificate' && typeof value === 'string') return value;
    if ((key === 'certificate' || key === 'certificates') && value && typeof value === 'object') {
      const raw = (Array.isArray(value) ? value[0] : value) as { rawBytes?: unknown };
      if (typeof raw?.rawBytes === 'string') return raw.rawBytes;
    }
    const inner = firstCertificate(value);
    if (inner) return inner;
  }
  return undefined;
}

type Expected = Pick<Build, 'platform' | 'repositoryUrl' | 'workflowPath' | 'workflowRef' | 'ref' | 'owner' | 'buildSignerUri'>;

const PYPI_ATTESTATIONS = 'https://github.com/trailofbits/pypi-attestations';

describe('certificate → build identity, on real certificates', () => {
  it.each<[string, string, Expected | undefined]>([
    [
      'npm provenance, 2023 certificate with only the legacy extensions',
      'npm-attestations/npm-cli/valid-sigstore-attestations.json',
      { platform: 'github', repositoryUrl: 'https://github.com/sigstore/sigstore-js', workflowPath: '.github/workflows/publish.yml', workflowRef: 'refs/tags/v1.0.0', ref: 'refs/tags/v1.0.0', owner: 'sigstore', buildSignerUri: undefined },
    ],
    [
      'PyPI publish attestation, GitHub',
      'pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation',
      { platform: 'github', repositoryUrl: PYPI_ATTESTATIONS, workflowPath: '.github/workflows/release.yml', workflowRef: 'refs/tags/v0.0.19', ref: 'refs/tags/v0.0.19', owner: 'trailofbits', buildSignerUri: undefined },
    ],
    [
      'PyPI publish attestation, GitLab (`//` before the CI file)',
      'pypi-attestations/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation',
      { platform: 'gitlab', repositoryUrl: 'https://gitlab.com/facutuesca/gitlab-oidc-project', workflowPath: '.gitlab-ci.yml', workflowRef: 'refs/heads/main', ref: 'refs/heads/main', owner: 'facutuesca', buildSignerUri: undefined },
    ],
    [
      'PEP 740 example, GitLab group',
      'pypi-provenance/pep740-sampleproject-1.0.0.tar.gz.provenance',
      { platform: 'gitlab', repositoryUrl: 'https://gitlab.com/pep740-example/sampleproject', workflowPath: '.gitlab-ci.yml', workflowRef: 'refs/heads/main', ref: 'refs/heads/main', owner: 'pep740-example', buildSignerUri: undefined },
    ],
    [
      'no Source Repository Ref: the Build Config URI ends in the commit',
      'pypi-attestations/certs/no-source-repository-ref-extension.pem',
      { platform: 'github', repositoryUrl: 'https://github.com/SWIFTSIM/swiftgalaxy', workflowPath: '.github/workflows/python-publish.yml', workflowRef: 'a26eb006d04dd0c41a6e38dc15ddaf7b46143505', ref: undefined, owner: 'SWIFTSIM', buildSignerUri: undefined },
    ],
    [
      'reusable workflow: the source is the caller, the signer is the shared workflow',
      'github/cli/reusable-workflow-attestation.sigstore.json',
      {
        platform: 'github',
        repositoryUrl: 'https://github.com/malancas/attest-demo',
        workflowPath: '.github/workflows/shared.yml',
        workflowRef: 'refs/heads/main',
        ref: 'refs/heads/main',
        owner: 'malancas',
        buildSignerUri: 'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d',
      },
    ],
    ['Google service account: no build', 'pypi-attestations/certs/200170367.pem', undefined],
    ['a person signing through GitHub OAuth: no build', 'github/cli/sigstoreBundle-invalid-mismatched-signatures.json', undefined],
    ['an issuer that only starts like GitHub Actions: no build', 'github/cli/custom-issuer.sigstore.json', undefined],
  ])('%s', (_, path, expected) => {
    const build = certificateBuild(certOf(path));
    if (expected === undefined) return expect(build).toBeUndefined();
    expect(build).toMatchObject(expected);
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(build![key as keyof Build]).toBeUndefined();
  });
});

describe('the decided readings (see lib/identity/fulcio.ts), on a real certificate with one extension changed', () => {
  const real = () => certOf('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation');
  const withExt = (ext: Partial<CertificateIdentity['extensions']>): CertificateIdentity => {
    const cert = real();
    return { ...cert, extensions: { ...cert.extensions, ...ext } };
  };
  const config = (rest: string) => `${PYPI_ATTESTATIONS}/${rest}`;

  it.each<[string, Partial<CertificateIdentity['extensions']>, Pick<Build, 'workflowPath' | 'owner'>]>([
    [
      'a monorepo tag holding `@`: split at the certificate\u2019s ref, not the last `@`',
      { sourceRepositoryRef: 'refs/tags/pkg@1.0', buildConfigURI: config('.github/workflows/release.yml@refs/tags/pkg@1.0') },
      { workflowPath: '.github/workflows/release.yml', owner: 'trailofbits' },
    ],
    [
      'a workflow file holding `@`: not cut at the first `@`',
      { buildConfigURI: config('.github/workflows/re@lease.yml@refs/tags/v0.0.19') },
      { workflowPath: '.github/workflows/re@lease.yml', owner: 'trailofbits' },
    ],
    ['a Build Config URI ending in neither the ref nor the commit: no path', { buildConfigURI: config('.github/workflows/release.yml@refs/heads/other') }, { workflowPath: undefined, owner: 'trailofbits' }],
    [
      'a Build Config URI in another case than the source repository: no path',
      { buildConfigURI: 'https://github.com/TrailOfBits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19' },
      { workflowPath: undefined, owner: 'trailofbits' },
    ],
    ['an owner URI on another host: the owner is read from the repository', { sourceRepositoryOwnerURI: 'https://evil.example/someone' }, { workflowPath: '.github/workflows/release.yml', owner: 'trailofbits' }],
    ['a dot segment in the path: no path', { buildConfigURI: config('.github/../x.yml@refs/tags/v0.0.19') }, { workflowPath: undefined, owner: 'trailofbits' }],
  ])('%s', (_, ext, expected) => {
    const build = certificateBuild(withExt(ext));
    expect(build?.workflowPath).toBe(expected.workflowPath);
    expect(build?.owner).toBe(expected.owner);
  });
});

describe('one identity for every registry', () => {
  it.each([
    ['GitHub', 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation', { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' }],
    ['GitLab', 'pypi-attestations/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation', { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflowFilepath: '.gitlab-ci.yml' }],
  ] as const)('the PyPI adapter reports a %s certificate as the npm adapter does', (_, path, publisher) => {
    const cert = certOf(path);
    expect(() => checkPublisher(publisher, cert)).not.toThrow();
    expect(identityFromCertificate(publisher, cert)).toEqual(buildIdentity(cert, certificateBuild(cert)!));
  });

  it('a Google publisher is its service account, never a repository', () => {
    const cert = certOf('pypi-attestations/certs/200170367.pem');
    expect(emailIdentity(cert)).toEqual({
      publisherKind: 'google',
      issuer: 'https://accounts.google.com',
      subjectAlternativeName: '919436158236-compute@developer.gserviceaccount.com',
      email: '919436158236-compute@developer.gserviceaccount.com',
    });
  });
});

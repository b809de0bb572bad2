import { describe, expect, it } from 'vitest';
import { bindSubject, checkPublisher, parsePublisher, pep740ToBundle, verifyPep740Attestation } from '../../lib/registries/pypi';
import { identityFromCertificate } from '../../lib/registries/pypi/publisher';
import { Buffer, X509Certificate } from '../../lib/vendor/sigstore.generated.js';
import { certificateIdentity, type CertificateIdentity } from '../../lib/verify/certificate-identity';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { parseInTotoStatement, type InTotoStatement } from '../../lib/verify/statement';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { PUBLISHERS, dist, readFixture, readJSON, stagingTrust } from './pypi-fixtures';
import { codeOf } from '../support/verify-outcome';

const ATT = 'pypi_attestations-0.0.19.tar.gz.publish.attestation';


function statementOf(path: string): InTotoStatement {
  const att = readJSON(`pypi-attestations/${path}`);
  return parseInTotoStatement(Buffer.from(att.envelope.statement, 'base64'), 'application/vnd.in-toto+json');
}

function certOf(pathOrPem: string): CertificateIdentity {
  if (pathOrPem.endsWith('.pem')) {
    // The recorded PEM files start with a comment line; take the block only.
    const b64 = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(readFixture(pathOrPem).toString('utf8'))![1]!;
    return certificateIdentity(X509Certificate.parse(Buffer.from(b64.replace(/\s+/g, ''), 'base64')));
  }
  const att = readJSON(`pypi-attestations/${pathOrPem}`);
  return certificateIdentity(X509Certificate.parse(Buffer.from(att.verification_material.certificate, 'base64')));
}

describe('pep740ToBundle', () => {
  it('maps every PEP 740 field onto a v0.3 DSSE bundle', () => {
    const att = readJSON(`pypi-attestations/${ATT}`);
    const bundle = pep740ToBundle(att);
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.dsseEnvelope).toEqual({
      payload: att.envelope.statement,
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: att.envelope.signature, keyid: '' }],
    });
    expect(bundle.verificationMaterial.certificate.rawBytes).toBe(att.verification_material.certificate);
    expect(bundle.verificationMaterial.tlogEntries).toEqual(att.verification_material.transparency_entries);
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toEqual([]);
    const verified = verifyBundle(bundle, { trust: publicGoodTrust() });
    expect(verified.contentKind).toBe('dsse');
    expect(verified.statement?.subject[0]?.name).toBe('pypi_attestations-0.0.19.tar.gz');
  });

  it('carries RFC 3161 timestamps, and the production TSA timestamp verifies', () => {
    const att = readJSON(`pypi-attestations/${ATT}.with_timestamp`);
    const bundle = pep740ToBundle(att);
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toEqual(
      att.verification_material.timestamps.map((t: string) => ({ signedTimestamp: t })),
    );
    const verified = verifyBundle(bundle, { trust: publicGoodTrust() });
    expect(verified.timestamps.map((t) => t.source).sort()).toEqual(['timestamp-authority', 'transparency-log']);
    // The signer is a person via GitHub OAuth, not a CI workflow.
    expect(verified.signer.kind === 'certificate' && verified.signer.identity).toMatchObject({
      subjectAlternativeName: 'jku@goto.fi',
      issuer: 'https://github.com/login/oauth',
    });
  });

  it('a tampered timestamp is rejected', () => {
    const att = readJSON(`pypi-attestations/${ATT}.with_timestamp`);
    const ts = Buffer.from(att.verification_material.timestamps[0], 'base64');
    ts[ts.length - 10] = ts[ts.length - 10]! ^ 1;
    att.verification_material.timestamps[0] = ts.toString('base64');
    expect(codeOf(() => verifyBundle(pep740ToBundle(att), { trust: publicGoodTrust() }))).toBe('TIMESTAMP_INVALID');
  });

  it.each([
    ['no envelope', (a: any) => delete a.envelope],
    ['version 2', (a: any) => (a.version = 2)],
    ['no transparency entries', (a: any) => (a.verification_material.transparency_entries = [])],
    ['certificate not base64', (a: any) => (a.verification_material.certificate = 'not base64!')],
    ['statement not a string', (a: any) => (a.envelope.statement = 42)],
  ])('malformed attestation (%s) → MALFORMED_BUNDLE', (_, mutate) => {
    const att = readJSON(`pypi-attestations/${ATT}`);
    mutate(att);
    expect(codeOf(() => pep740ToBundle(att))).toBe('MALFORMED_BUNDLE');
  });

  it('a flipped signature bit fails the signature check', () => {
    const att = readJSON(`pypi-attestations/${ATT}`);
    const sig = Buffer.from(att.envelope.signature, 'base64');
    sig[sig.length - 5] = sig[sig.length - 5]! ^ 1;
    att.envelope.signature = sig.toString('base64');
    expect(codeOf(() => verifyBundle(pep740ToBundle(att), { trust: publicGoodTrust() }))).toMatch(/SIGNATURE_INVALID|TLOG_BODY_MISMATCH/);
  });
});

describe('staging-signed attestations', () => {
  it.each(['rfc8785-0.1.2-py3-none-any.whl.attestation', 'rfc8785-0.1.2-py3-none-any.whl.publish.attestation'])(
    '%s: untrusted under the production root, valid under both staging roots',
    (path) => {
      const bundle = pep740ToBundle(readJSON(`pypi-attestations/${path}`));
      expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('CERT_CHAIN_UNTRUSTED');
      for (const root of ['sigstore-python', 'sigstore-rust'] as const) {
        const verified = verifyBundle(bundle, { trust: stagingTrust(root) });
        // …and it is about the real wheel, byte for byte.
        expect(() => bindSubject(verified.statement!, dist('rfc8785-0.1.2-py3-none-any.whl'))).not.toThrow();
      }
    },
  );

  it('Rekor v2 entry with a staging TSA timestamp: no trusted time under production, valid under staging', () => {
    const bundle = pep740ToBundle(readJSON(`pypi-attestations/${ATT}.with_rekor2_timestamp`));
    expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('TIMESTAMP_INVALID');
    for (const root of ['sigstore-python', 'sigstore-rust'] as const) {
      const verified = verifyBundle(bundle, { trust: stagingTrust(root) });
      expect(verified.tlogEntries[0]).toMatchObject({ rekorVersion: 2, kind: 'dsse', kindVersion: '0.0.2', integratedTime: undefined });
      expect(verified.timestamps).toEqual([{ source: 'timestamp-authority', time: '2025-10-10T08:23:41.000Z' }]);
    }
  });
});

describe('subject binding', () => {
  const file = () => dist('pypi_attestations-0.0.19.tar.gz');

  it('the real statement binds to the real sdist', () => {
    expect(codeOf(() => bindSubject(statementOf(ATT), file()))).toBe('NO_ERROR');
    expect(codeOf(() => bindSubject(statementOf('pypi_attestations-0.0.19.tar.gz.slsa.attestation'), file()))).toBe('NO_ERROR');
  });

  // The following statements are the real one edited in memory: no signed
  // statement with these defects exists, and bindSubject runs after the
  // signature check, on the parsed statement.
  it('two subjects → SUBJECT_MISMATCH, even when one of them is right', () => {
    const s = statementOf(ATT);
    s.subject.push({ name: 'other-1.0.tar.gz', digest: { sha256: 'ab'.repeat(32) } });
    expect(codeOf(() => bindSubject(s, file()))).toBe('SUBJECT_MISMATCH');
  });

  it('no subject → SUBJECT_MISMATCH', () => {
    const s = statementOf(ATT);
    s.subject = [];
    expect(codeOf(() => bindSubject(s, file()))).toBe('SUBJECT_MISMATCH');
  });

  it.each([
    ['no name', (s: InTotoStatement) => delete s.subject[0]!.name],
    ['not a distribution filename', (s: InTotoStatement) => (s.subject[0]!.name = 'pypi_attestations-0.0.19.tar.gz.sig')],
    ['sha512 only', (s: InTotoStatement) => (s.subject[0]!.digest = { sha512: 'ab'.repeat(64) })],
  ])('subject with %s → SUBJECT_MISMATCH', (_, mutate) => {
    const s = statementOf(ATT);
    mutate(s);
    expect(codeOf(() => bindSubject(s, file()))).toBe('SUBJECT_MISMATCH');
  });

  it('in-toto Statement v0.1 → STATEMENT_INVALID (PEP 740 requires v1)', () => {
    const s = statementOf(ATT);
    s._type = 'https://in-toto.io/Statement/v0.1';
    expect(codeOf(() => bindSubject(s, file()))).toBe('STATEMENT_INVALID');
  });

  it('a file whose name is the subject under PyPI normalization binds', () => {
    expect(codeOf(() => bindSubject(statementOf(ATT), { ...file(), filename: 'Pypi.Attestations-0.0.19.tar.gz' }))).toBe('NO_ERROR');
  });
});

describe('publisher policy on real certificates', () => {
  const github = (repository: string, workflow: string) => parsePublisher({ kind: 'GitHub', repository, workflow, environment: null });
  const policy = (publisher: ReturnType<typeof parsePublisher>, cert: CertificateIdentity) => codeOf(() => checkPublisher(publisher, cert));

  it('GitHub: repository and workflow of the certificate', () => {
    const cert = certOf(ATT);
    expect(policy(github('trailofbits/pypi-attestations', 'release.yml'), cert)).toBe('NO_ERROR');
    // GitHub slugs are case-insensitive; workflow file names are not.
    expect(policy(github('TrailOfBits/PyPI-Attestations', 'release.yml'), cert)).toBe('NO_ERROR');
    expect(policy(github('trailofbits/pypi-attestations', 'Release.yml'), cert)).toBe('IDENTITY_MISMATCH');
    expect(policy(github('trailofbits/pypi-attestations', 'publish.yml'), cert)).toBe('IDENTITY_MISMATCH');
    expect(policy(github('trailofbits/pypi-attestation', 'release.yml'), cert)).toBe('IDENTITY_MISMATCH');
    expect(policy(github('attacker/pypi-attestations', 'release.yml'), cert)).toBe('IDENTITY_MISMATCH');
  });

  it('GitHub: a certificate without Source Repository Ref matches through its commit digest', () => {
    const cert = certOf('pypi-attestations/certs/no-source-repository-ref-extension.pem');
    expect(cert.extensions.sourceRepositoryRef).toBeUndefined();
    expect(policy(github('SWIFTSIM/swiftgalaxy', 'python-publish.yml'), cert)).toBe('NO_ERROR');
    expect(policy(github('SWIFTSIM/swiftgalaxy', 'release.yml'), cert)).toBe('IDENTITY_MISMATCH');
  });

  it('GitLab: Build Config URI is <project>//<workflow_filepath>@<ref or commit>', () => {
    const cert = certOf('gitlab_oidc_project-0.0.3.tar.gz.publish.attestation');
    const gitlab = (repository: string, workflow_filepath: string) => parsePublisher({ kind: 'GitLab', repository, workflow_filepath });
    expect(policy(gitlab('facutuesca/gitlab-oidc-project', '.gitlab-ci.yml'), cert)).toBe('NO_ERROR');
    expect(policy(gitlab('facutuesca/gitlab-oidc-project', 'wrong.yml'), cert)).toBe('IDENTITY_MISMATCH');
    expect(policy(gitlab('facutuesca/other-project', '.gitlab-ci.yml'), cert)).toBe('IDENTITY_MISMATCH');
    // A GitLab certificate never satisfies a GitHub publisher of the same name.
    expect(policy(github('facutuesca/gitlab-oidc-project', '.gitlab-ci.yml'), cert)).toBe('IDENTITY_MISMATCH');
  });

  it('Google: the service account e-mail and the Google issuer (Fulcio cert of Rekor entry 200170367)', () => {
    const cert = certOf('pypi-attestations/certs/200170367.pem');
    const email = '919436158236-compute@developer.gserviceaccount.com';
    expect(policy(parsePublisher({ kind: 'Google', email }), cert)).toBe('NO_ERROR');
    expect(policy(parsePublisher({ kind: 'Google', email: 'someone-else@developer.gserviceaccount.com' }), cert)).toBe('IDENTITY_MISMATCH');
    expect(policy(github('google/project', 'release.yml'), cert)).toBe('IDENTITY_MISMATCH');
  });

  it('an e-mail identity from GitHub OAuth matches no PyPI publisher', () => {
    const cert = certOf(`${ATT}.with_timestamp`);
    expect(policy(parsePublisher(PUBLISHERS.pypiAttestations), cert)).toBe('IDENTITY_MISMATCH');
    // Same e-mail as a Google publisher: wrong issuer.
    expect(policy(parsePublisher({ kind: 'Google', email: 'jku@goto.fi' }), cert)).toBe('IDENTITY_MISMATCH');
  });

  it('unknown publisher kinds are unsupported, never checked', () => {
    expect(parsePublisher({ kind: 'CircleCI', circleci_org_id: 'x' })).toEqual({ kind: 'unsupported', name: 'CircleCI' });
    expect(parsePublisher({ kind: 'github', repository: 'a/b', workflow: 'c.yml' })).toEqual({ kind: 'unsupported', name: 'github' });
  });

  it('verifyPep740Attestation reports the first failing step', async () => {
    const att = readJSON(`pypi-attestations/${ATT}`);
    const pub = parsePublisher(PUBLISHERS.pypiAttestations);
    expect(await verifyPep740Attestation(att, pub, file(), publicGoodTrust())).toMatchObject({ status: 'verified' });
    expect(await verifyPep740Attestation(att, pub, { ...file(), sha256: '0'.repeat(64) }, publicGoodTrust())).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    expect(await verifyPep740Attestation(att, pub, file(), stagingTrust('sigstore-python'))).toMatchObject({ status: 'failed', code: 'CERT_CHAIN_UNTRUSTED' });
  });

  function file() {
    return dist('pypi_attestations-0.0.19.tar.gz');
  }
});

describe('identity mapping', () => {
  // identityFromCertificate is a pure function of the parsed certificate
  // fields; these cases edit the real certificate's fields in memory.
  const github = parsePublisher(PUBLISHERS.pypiAttestations) as Exclude<ReturnType<typeof parsePublisher>, { kind: 'unsupported' }>;

  it('workflow path is cut at the certificate\u2019s ref, not at the last @', () => {
    const cert = certOf(ATT);
    cert.extensions.sourceRepositoryRef = 'refs/tags/pypi-attestations@0.0.19';
    cert.extensions.buildConfigURI = 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/pypi-attestations@0.0.19';
    expect(() => checkPublisher(github, cert)).not.toThrow();
    expect(identityFromCertificate(github, cert).workflowPath).toBe('.github/workflows/release.yml');
  });

  it('a reusable workflow shows up as buildSignerUri; equal URIs do not', () => {
    const cert = certOf(ATT);
    expect(identityFromCertificate(github, cert).buildSignerUri).toBeUndefined();
    cert.extensions.buildSignerURI = 'https://github.com/org/shared/.github/workflows/pypi.yml@refs/heads/main';
    expect(identityFromCertificate(github, cert)).toMatchObject({
      buildSignerUri: 'https://github.com/org/shared/.github/workflows/pypi.yml@refs/heads/main',
      buildConfigUri: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      workflowPath: '.github/workflows/release.yml',
    });
  });

  it('Google: the service account e-mail, nothing about repositories', () => {
    const cert = certOf('pypi-attestations/certs/200170367.pem');
    const email = '919436158236-compute@developer.gserviceaccount.com';
    const google = parsePublisher({ kind: 'Google', email }) as Exclude<ReturnType<typeof parsePublisher>, { kind: 'unsupported' }>;
    expect(identityFromCertificate(google, cert)).toEqual({
      publisherKind: 'google',
      issuer: 'https://accounts.google.com',
      subjectAlternativeName: email,
      email,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { checkPublisher, parsePublisher } from '../../lib/registries/pypi';
import { identityFromCertificate } from '../../lib/registries/pypi/publisher';
import { Buffer, X509Certificate } from '../../lib/vendor/sigstore.generated.js';
import { certificateIdentity, type CertificateIdentity } from '../../lib/verify/certificate-identity';
import { codeOf } from '../support/verify-outcome';
import { PUBLISHERS, readJSON } from './pypi-fixtures';

/**
 * PEP 740 and reusable workflows. PyPI's Trusted Publisher names the workflow
 * the user configured, which GitHub puts in the OIDC token's workflow_ref:
 * Fulcio's Build Config URI. A reusable workflow in another repository that
 * does the upload is the token's job_workflow_ref: the certificate's SAN and
 * Build Signer URI. pypi-attestations' GitHub policy checks the Build Config
 * URI, so such builds are accepted by PyPI, and Provenant's adapter, which
 * checks the same extension, already verifies them: nothing is refused here.
 * These cases put a reusable workflow's SAN into the real certificate's
 * parsed fields (the signature is not what is being tested).
 */
const ATT = 'pypi_attestations-0.0.19.tar.gz.publish.attestation';
const SHARED = 'https://github.com/org/shared-release/.github/workflows/pypi.yml@refs/tags/v3.1.0';

function reusableWorkflowCert(): CertificateIdentity {
  const att = readJSON(`pypi-attestations/${ATT}`);
  const cert = certificateIdentity(X509Certificate.parse(Buffer.from(att.verification_material.certificate, 'base64')));
  cert.subjectAlternativeName = SHARED;
  cert.extensions.buildSignerURI = SHARED;
  return cert;
}

describe('PyPI attestations built by a reusable workflow', () => {
  const publisher = parsePublisher(PUBLISHERS.pypiAttestations) as Exclude<ReturnType<typeof parsePublisher>, { kind: 'unsupported' }>;

  it('match the Trusted Publisher through the Build Config URI, as PyPI does; the reusable workflow is shown as the signer, the source stays the caller', () => {
    const cert = reusableWorkflowCert();
    expect(codeOf(() => checkPublisher(publisher, cert))).toBe('NO_ERROR');
    expect(identityFromCertificate(publisher, cert)).toMatchObject({
      subjectAlternativeName: SHARED,
      buildSignerUri: SHARED,
      repositoryUrl: 'https://github.com/trailofbits/pypi-attestations',
      workflowPath: '.github/workflows/release.yml',
    });
    // No known builder wrote a predicate here, so no builder is claimed.
    expect(identityFromCertificate(publisher, cert).builder).toBeUndefined();
  });

  it('a Trusted Publisher naming the reusable workflow\u2019s file does not match: PyPI binds the caller\u2019s workflow', () => {
    const cert = reusableWorkflowCert();
    expect(codeOf(() => checkPublisher(parsePublisher({ ...PUBLISHERS.pypiAttestations, workflow: 'pypi.yml' }), cert))).toBe('IDENTITY_MISMATCH');
  });
});

import { ProvenantError } from '../../errors/provenant-error';
import type { Identity } from '../../report/model';
import type { CertificateIdentity } from '../../verify/certificate-identity';
import { certificateBuild, buildIdentity } from '../../identity/fulcio';
import { GITHUB_ACTIONS_ISSUER } from '../../identity/issuers';

/**
 * The identity rule rubygems.org applies when a gem is pushed with an
 * attestation (rubygems/rubygems.org `app/models/oidc/trusted_publisher/github_action.rb`,
 * `SigstorePolicy`): GitHub Actions is the one trusted publisher with a
 * signing policy, the issuer must be GitHub's, and the certificate identity
 * must be `https://github.com/<workflow repository>/.github/workflows/<file>@<ref>`
 * where `<ref>` is the certificate's own Source Repository Ref (Fulcio .14)
 * and `<file>` a bare `.yml`/`.yaml` file name (the publisher form's rule).
 *
 * The publisher's configuration (which repository, which workflow) is not
 * public, so this proves only that *some* GitHub workflow signed at a ref it
 * ran from; which one is expected comes from pins, trust on first use, the
 * history and the gem's declared source (./source-repository.ts).
 */
export interface TrustedPublisherWorkflow {
  /** `owner/repo` of the workflow file (for a reusable workflow, its own repository). */
  workflowRepository: string;
  workflowFile: string;
  ref: string;
}

const WORKFLOW_SAN = /^https:\/\/github\.com\/([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)\/\.github\/workflows\/([^/@]+\.ya?ml)$/;

/**
 * Throws UNSUPPORTED_SIGNER (release) for a certificate from any
 * other issuer (rubygems.org may add publishers; Provenant cannot say what
 * their identity should be), and IDENTITY_MISMATCH (verify) for a GitHub
 * certificate that breaks the rule above.
 */
export function checkTrustedPublisher(cert: CertificateIdentity): TrustedPublisherWorkflow {
  if (cert.issuer !== GITHUB_ACTIONS_ISSUER) {
    throw new ProvenantError('release', 'UNSUPPORTED_SIGNER', `RubyGems.org trusts GitHub Actions only; certificate issuer ${JSON.stringify(cert.issuer?.slice(0, 200))}`);
  }
  const san = cert.subjectAlternativeName ?? '';
  const ref = cert.extensions.sourceRepositoryRef;
  if (ref === undefined || ref === '') {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', 'the certificate carries no Source Repository Ref (1.3.6.1.4.1.57264.1.14), which rubygems.org\u2019s identity rule needs');
  }
  const suffix = `@${ref}`;
  const m = san.endsWith(suffix) ? WORKFLOW_SAN.exec(san.slice(0, san.length - suffix.length)) : null;
  if (!m) {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate identity ${JSON.stringify(san.slice(0, 300))} is not https://github.com/<owner>/<repo>/.github/workflows/<file>.yml@${ref}`);
  }
  return { workflowRepository: m[1]!, workflowFile: m[2]!, ref };
}

/**
 * The report identity, from the verified certificate only (the shared GitHub
 * derivation of lib/registries/npm/identity.ts, until one Fulcio identity
 * module serves every adapter). Undefined when the certificate lacks the
 * source repository or commit a GitHub Actions certificate always carries.
 */
export function rubygemsIdentity(cert: CertificateIdentity): Identity | undefined {
  const claims = certificateBuild(cert);
  return claims?.platform === 'github' ? buildIdentity(cert, claims) : undefined;
}

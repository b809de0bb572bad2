import * as z from '../../zod';
import type { Identity } from '../../report/model';
import type { CertificateIdentity } from '../../verify/certificate-identity';
import type { InTotoStatement } from '../../verify/statement';
// The certificate → build facts mapping is shared with npm until issue 10's one Fulcio identity module replaces both.
import { certificateBuild, buildIdentity } from '../../identity/fulcio';
import { GITHUB_ACTIONS_ISSUER } from '../../identity/issuers';
import { githubError } from './errors';
import type { GithubReleaseRef } from './page';
import { safeDecode } from '../url-path';

/**
 * Who may attest a release asset, and how that becomes the report's identity.
 *
 * - Build provenance (`actions/attest`, SLSA v1), signed on public-good or on
 *   GitHub's instance: a GitHub Actions certificate from github.com's issuer
 *   whose source repository (Fulcio .12) is the release's repository.
 * - Immutable-release attestations (in-toto release v0.1/v0.2), signed on
 *   GitHub's instance only: the SAN is GitHub's release attester and the
 *   signed predicate names the release's repository and tag.
 *
 * Decision (docs/verdicts.md): a valid attestation for another repository is
 * `failed` (REPOSITORY_MISMATCH), not `mismatch`. `mismatch` means "not the
 * identity you pinned"; this is the registry's own data contradicting the page:
 * GitHub serves, for this repository's asset, a signature that says another
 * repository built or released it. Owner and repository compare
 * case-insensitively, as GitHub treats them.
 */
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const RELEASE_PREDICATES: ReadonlySet<string> = new Set(['https://in-toto.io/attestation/release/v0.1', 'https://in-toto.io/attestation/release/v0.2']);
/** gh's default trust domain: `https://<trust_domain>.releases.github.com` with trust domain `dotcom`. */
export const RELEASE_ATTESTER_SAN = 'https://dotcom.releases.github.com';

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Identity of a build-provenance signer, or a coded error when it may not attest this repository's assets. */
export function provenanceIdentity(cert: CertificateIdentity, release: Pick<GithubReleaseRef, 'owner' | 'repo'>): Identity {
  if (cert.issuer !== GITHUB_ACTIONS_ISSUER) {
    throw githubError('UNSUPPORTED_SIGNER', `certificate issuer ${JSON.stringify((cert.issuer ?? '(none)').slice(0, 200))}`);
  }
  const claims = certificateBuild(cert);
  if (!claims) throw githubError('UNSUPPORTED_SIGNER', 'the certificate names no source repository and commit');
  if (!sameName(claims.repository, `${release.owner}/${release.repo}`)) {
    throw githubError('REPOSITORY_MISMATCH', `the certificate\u2019s source repository is ${claims.repository}, the release is in ${release.owner}/${release.repo}`);
  }
  return buildIdentity(cert, claims);
}

const releasePredicateSchema = z.looseObject({
  repository: z.string(),
  tag: z.string(),
  purl: z.optional(z.string()),
  repositoryId: z.optional(z.string()),
  ownerId: z.optional(z.string()),
});

export type ReleaseCheck = { kind: 'this-release'; identity: Identity } | { kind: 'other-release'; tag: string };

/**
 * An immutable-release attestation, verified on GitHub's instance: its signer
 * must be the release attester and its predicate this repository. A statement
 * about another tag of the same repository (the same bytes in another
 * release) says nothing about this one and is set aside, as gh does.
 */
export function releaseAttestationIdentity(cert: CertificateIdentity, statement: InTotoStatement, release: Required<Pick<GithubReleaseRef, 'owner' | 'repo' | 'tag'>>): ReleaseCheck {
  if (cert.subjectAlternativeName !== RELEASE_ATTESTER_SAN) {
    throw githubError('UNSUPPORTED_SIGNER', `release attestation signed by ${JSON.stringify((cert.subjectAlternativeName ?? '(none)').slice(0, 200))}, not ${RELEASE_ATTESTER_SAN}`);
  }
  const parsed = releasePredicateSchema.safeParse(statement.predicate);
  if (!parsed.success) throw githubError('UNSUPPORTED_PREDICATE', `release predicate: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const p = parsed.data;
  const repository = `${release.owner}/${release.repo}`;
  if (!sameName(p.repository, repository)) {
    throw githubError('REPOSITORY_MISMATCH', `the release attestation is for ${p.repository.slice(0, 200)}, the release is in ${repository}`);
  }
  if (p.purl !== undefined) {
    const m = /^pkg:github\/([^/@]+)\/([^/@]+)@(.+)$/.exec(p.purl);
    const purlTag = m ? safeDecode(m[3]!) : undefined;
    if (!m || !sameName(`${m[1]}/${m[2]}`, repository) || purlTag !== p.tag) {
      throw githubError('REPOSITORY_MISMATCH', `the release attestation\u2019s purl ${p.purl.slice(0, 200)} does not name ${repository}@${p.tag.slice(0, 100)}`);
    }
  }
  if (p.tag !== release.tag) return { kind: 'other-release', tag: p.tag };
  const commit = statement.subject.find((s) => s.digest.sha1 !== undefined)?.digest.sha1;
  return {
    kind: 'this-release',
    identity: {
      publisherKind: 'github',
      subjectAlternativeName: cert.subjectAlternativeName,
      repositoryUrl: `https://github.com/${p.repository}`,
      ...(p.repositoryId !== undefined ? { repositoryId: p.repositoryId } : {}),
      owner: p.repository.split('/')[0]!,
      ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
      ref: `refs/tags/${p.tag}`,
      ...(commit !== undefined ? { commit } : {}),
    },
  };
}


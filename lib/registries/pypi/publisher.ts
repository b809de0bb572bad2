import type { CertificateIdentity } from '../../identity/extensions';
import { buildIdentity, certificateBuild, emailIdentity } from '../../identity/fulcio';
import { FORGE_ORIGIN, GITHUB_ACTIONS_ISSUER, GITLAB_ISSUER, GOOGLE_ISSUER } from '../../identity/issuers';
import type { Identity } from '../../report/model';
import { githubPublisherSchema, gitlabPublisherSchema, googlePublisherSchema } from './schema';
import { ProvenantError } from '../../errors/provenant-error';
import { zodIssue } from '../../errors/zod-issue';

/**
 * The Trusted Publisher a provenance bundle names, and the rule binding it
 * to the signing certificate — the policies of pypi-attestations
 * (`_GitHubTrustedPublisherPolicy`, `_GitLabTrustedPublisherPolicy`,
 * `GooglePublisher`), which PyPI applies at upload.
 */
export type PypiPublisher =
  | { kind: 'GitHub'; repository: string; workflow: string }
  | { kind: 'GitLab'; repository: string; workflowFilepath: string }
  | { kind: 'Google'; email: string }
  /** CircleCI, ActiveState, anything new: PyPI defines no attestation identity for them. */
  | { kind: 'unsupported'; name: string };

export function parsePublisher(raw: { kind: string } & Record<string, unknown>): PypiPublisher {
  const malformed = (e: Parameters<typeof zodIssue>[0]) => new ProvenantError('registry', 'MALFORMED_RESPONSE', `${raw.kind} publisher ${zodIssue(e)}`);
  switch (raw.kind) {
    case 'GitHub': {
      const p = githubPublisherSchema.safeParse(raw);
      if (!p.success) throw malformed(p.error);
      return { kind: 'GitHub', repository: p.data.repository, workflow: p.data.workflow };
    }
    case 'GitLab': {
      const p = gitlabPublisherSchema.safeParse(raw);
      if (!p.success) throw malformed(p.error);
      return { kind: 'GitLab', repository: p.data.repository, workflowFilepath: p.data.workflow_filepath };
    }
    case 'Google': {
      const p = googlePublisherSchema.safeParse(raw);
      if (!p.success) throw malformed(p.error);
      return { kind: 'Google', email: p.data.email };
    }
    default:
      return { kind: 'unsupported', name: raw.kind.slice(0, 100) };
  }
}

/**
 * Throws IDENTITY_MISMATCH unless the verified certificate was issued to the
 * publisher. `environment` is not checked: the certificate does not carry
 * it reliably, and PyPI does not check it either.
 */
export function checkPublisher(publisher: PypiPublisher, cert: CertificateIdentity): void {
  const ext = cert.extensions;
  switch (publisher.kind) {
    case 'GitHub':
      requireEqual('issuer', ext.issuer, GITHUB_ACTIONS_ISSUER);
      checkRepositoryBuild(cert, `${FORGE_ORIGIN.github}/${publisher.repository}`, `/.github/workflows/${publisher.workflow}`);
      return;
    case 'GitLab':
      requireEqual('issuer', ext.issuer, GITLAB_ISSUER);
      // GitLab's Build Config URI separates project and file path with `//`.
      checkRepositoryBuild(cert, `${FORGE_ORIGIN.gitlab}/${publisher.repository}`, `//${publisher.workflowFilepath}`);
      return;
    case 'Google':
      requireEqual('issuer', cert.issuer, GOOGLE_ISSUER);
      requireEqual('subject alternative name', cert.subjectAlternativeName, publisher.email);
      return;
    case 'unsupported':
      throw new Error('an unsupported publisher has no identity policy');
  }
}

/**
 * Source Repository URI must be the publisher's repository, and Build Config
 * URI must be `<repository URL><workflow part>@<ref or commit>`, where the
 * ref or commit is the certificate's own Source Repository Ref or Digest
 * (the Trusted Publisher fixes the workflow file, not the ref).
 * The `owner/name` slug compares case-insensitively (ASCII only): GitHub and
 * GitLab slugs are, and PyPI's Trusted Publishing compares the repository
 * claim that way (warehouse oidc/models/github.py `_check_repository`).
 * The workflow path and the ref compare exactly.
 */
function checkRepositoryBuild(cert: CertificateIdentity, repositoryUrl: string, workflowPart: string): void {
  const ext = cert.extensions;
  const source = ext.sourceRepositoryURI;
  if (source === undefined || asciiLower(source) !== asciiLower(repositoryUrl)) {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate source repository is ${JSON.stringify(source)}, the Trusted Publisher is ${repositoryUrl}`);
  }
  const suffixes = [ext.sourceRepositoryDigest, ext.sourceRepositoryRef].filter((s): s is string => !!s);
  if (suffixes.length === 0) {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', 'certificate carries neither a Source Repository Digest nor a Source Repository Ref');
  }
  const config = ext.buildConfigURI ?? '';
  const head = config.slice(0, repositoryUrl.length);
  const tail = config.slice(repositoryUrl.length);
  const ok = asciiLower(head) === asciiLower(repositoryUrl) && suffixes.some((s) => tail === `${workflowPart}@${s}`);
  if (!ok) {
    throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate build config ${JSON.stringify(config)} is not ${repositoryUrl}${workflowPart}@<ref or commit>`);
  }
}

function requireEqual(what: string, actual: string | undefined, expected: string): void {
  if (actual !== expected) throw new ProvenantError('verify', 'IDENTITY_MISMATCH', `certificate ${what} is ${JSON.stringify(actual)}, expected ${expected}`);
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/**
 * The report identity, read from the verified certificate (never from the
 * provenance's publisher, which is only what PyPI claims) the same way as
 * for every registry (lib/identity/fulcio.ts). Called after checkPublisher.
 */
export function identityFromCertificate(publisher: Exclude<PypiPublisher, { kind: 'unsupported' }>, cert: CertificateIdentity): Identity {
  if (publisher.kind === 'Google') return emailIdentity(cert);
  const build = certificateBuild(cert);
  if (!build) throw new ProvenantError('verify', 'IDENTITY_MISMATCH', 'the certificate names no source repository and commit on its forge');
  return buildIdentity(cert, build);
}

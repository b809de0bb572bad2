import type { Identity } from '../../report/model';
import type { CertificateIdentity } from '../../verify/certificate-identity';

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_ISSUER = 'https://gitlab.com';

/**
 * What the Fulcio certificate says about the build, normalized across
 * certificate generations. Only certificate values are here: the provenance
 * predicate is checked against these, never the other way round.
 */
export interface BuildClaims {
  platform: 'github' | 'gitlab';
  /** `https://github.com/owner/repo`, `https://gitlab.com/group/sub/project` */
  repositoryUrl: string;
  /** `owner/repo`, `group/sub/project` */
  repository: string;
  commit: string;
  /** The source ref, e.g. `refs/tags/v1.0.0` (GITHUB_REF / CI ref). */
  ref: string | undefined;
  /** Workflow file inside the repository: `.github/workflows/x.yml`, `.gitlab-ci.yml`. */
  workflowPath: string | undefined;
  /** The ref the workflow file was taken from (after `@` in the build config URI). */
  workflowRef: string | undefined;
  buildConfigUri: string | undefined;
  /** Set when another workflow than the build config signed (reusable workflows). */
  buildSignerUri: string | undefined;
  repositoryId: string | undefined;
  ownerId: string | undefined;
  trigger: string | undefined;
  runnerEnvironment: string | undefined;
  runInvocationUri: string | undefined;
}

interface WorkflowUri {
  repository: string;
  path: string;
  ref: string;
}

/** `https://github.com/<owner>/<repo>/<path>@<ref>`; the first `@` ends the path, as npm splits GITHUB_WORKFLOW_REF. */
export function parseGithubWorkflowUri(uri: string): WorkflowUri | undefined {
  const m = /^https:\/\/github\.com\/([^/@]+\/[^/@]+)\/([^@]+)@(.+)$/.exec(uri);
  return m ? { repository: m[1]!, path: m[2]!, ref: m[3]! } : undefined;
}

/** `https://gitlab.com/<project path>//<ci config path>@<ref>` (Fulcio's ci_config_ref_uri). */
export function parseGitlabWorkflowUri(uri: string): WorkflowUri | undefined {
  const m = /^https:\/\/gitlab\.com\/([^@]+?)\/\/([^@]+)@(.+)$/.exec(uri);
  return m ? { repository: m[1]!, path: m[2]!, ref: m[3]! } : undefined;
}

/** The path of `url` under `origin`, if it has at least `minSegments` clean segments. */
function pathUnder(url: string | undefined, origin: string, minSegments: number): string | undefined {
  if (!url?.startsWith(`${origin}/`)) return undefined;
  const path = url.slice(origin.length + 1);
  const segments = path.split('/');
  return segments.length >= minSegments && segments.every((s) => /^[^\s@]+$/.test(s)) ? path : undefined;
}

const ORIGIN = { github: 'https://github.com', gitlab: 'https://gitlab.com' } as const;

/**
 * The build facts of a GitHub Actions or GitLab CI certificate, or undefined
 * for any other signer (an email, another CI): those cannot be compared with
 * an npm provenance predicate, so the adapter reports them as unsupported.
 */
export function buildClaims(id: CertificateIdentity): BuildClaims | undefined {
  const ext = id.extensions;
  if (id.issuer === GITHUB_ACTIONS_ISSUER) {
    // Certificates before Fulcio 1.1 (early 2023) carry only the legacy .1–.6
    // extensions: repository as `owner/repo`, and the SAN as the workflow.
    const repositoryUrl = ext.sourceRepositoryURI ?? (ext.legacyWorkflowRepository ? `https://github.com/${ext.legacyWorkflowRepository}` : undefined);
    const repository = pathUnder(repositoryUrl, ORIGIN.github, 2);
    const commit = ext.sourceRepositoryDigest ?? ext.legacyWorkflowSha;
    if (!repositoryUrl || !repository || repository.split('/').length !== 2 || !commit) return undefined;
    const san = id.subjectAlternativeName;
    let buildConfigUri = ext.buildConfigURI;
    let buildSignerUri = ext.buildSignerURI;
    if (buildConfigUri === undefined && san !== undefined) {
      // Legacy: the SAN is the workflow that signed. Only when it lives in the
      // source repository can it stand for the build config; otherwise it is a
      // reusable workflow and the caller's workflow is not in the certificate.
      if (parseGithubWorkflowUri(san)?.repository === repository) buildConfigUri = san;
      else buildSignerUri = san;
    }
    const workflow = buildConfigUri ? parseGithubWorkflowUri(buildConfigUri) : undefined;
    const sameRepo = workflow?.repository === repository;
    return {
      platform: 'github',
      repositoryUrl,
      repository,
      commit,
      ref: ext.sourceRepositoryRef ?? ext.legacyWorkflowRef,
      workflowPath: sameRepo ? workflow.path : undefined,
      workflowRef: sameRepo ? workflow.ref : undefined,
      buildConfigUri,
      buildSignerUri: buildSignerUri !== buildConfigUri ? buildSignerUri : undefined,
      repositoryId: ext.sourceRepositoryIdentifier,
      ownerId: ext.sourceRepositoryOwnerIdentifier,
      trigger: ext.buildTrigger ?? ext.legacyWorkflowTrigger,
      runnerEnvironment: ext.runnerEnvironment,
      runInvocationUri: ext.runInvocationURI,
    };
  }
  if (id.issuer === GITLAB_ISSUER) {
    const repositoryUrl = ext.sourceRepositoryURI;
    const repository = pathUnder(repositoryUrl, ORIGIN.gitlab, 2);
    const commit = ext.sourceRepositoryDigest;
    if (!repositoryUrl || !repository || !commit) return undefined;
    const buildConfigUri = ext.buildConfigURI ?? id.subjectAlternativeName;
    const workflow = buildConfigUri ? parseGitlabWorkflowUri(buildConfigUri) : undefined;
    const sameRepo = workflow?.repository === repository;
    return {
      platform: 'gitlab',
      repositoryUrl,
      repository,
      commit,
      ref: ext.sourceRepositoryRef,
      workflowPath: sameRepo ? workflow.path : undefined,
      workflowRef: sameRepo ? workflow.ref : undefined,
      buildConfigUri,
      buildSignerUri: ext.buildSignerURI !== buildConfigUri ? ext.buildSignerURI : undefined,
      repositoryId: ext.sourceRepositoryIdentifier,
      ownerId: ext.sourceRepositoryOwnerIdentifier,
      trigger: ext.buildTrigger,
      runnerEnvironment: ext.runnerEnvironment,
      runInvocationUri: ext.runInvocationURI,
    };
  }
  return undefined;
}

/** The report identity: certificate values only (the predicate's own claims never reach it). */
export function npmIdentity(id: CertificateIdentity, claims: BuildClaims, builder?: string): Identity {
  const ext = id.extensions;
  const owner = pathUnder(ext.sourceRepositoryOwnerURI, ORIGIN[claims.platform], 1) ?? claims.repository.split('/').slice(0, -1).join('/');
  return compact({
    publisherKind: claims.platform,
    issuer: id.issuer,
    subjectAlternativeName: id.subjectAlternativeName,
    repositoryUrl: claims.repositoryUrl,
    repositoryId: claims.repositoryId,
    owner,
    ownerId: claims.ownerId,
    workflowPath: claims.workflowPath,
    ref: claims.ref,
    commit: claims.commit,
    trigger: claims.trigger,
    runnerEnvironment: claims.runnerEnvironment,
    visibility: ext.sourceRepositoryVisibilityAtSigning,
    buildSignerUri: claims.buildSignerUri,
    builder,
    buildConfigUri: claims.buildConfigUri,
    runInvocationUri: claims.runInvocationUri,
    environment: ext.deploymentEnvironment,
  });
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

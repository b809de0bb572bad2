import type { Identity } from '../report/model';
import type { CertificateIdentity } from './extensions';
import { FORGE_ORIGIN, GITHUB_ACTIONS_ISSUER, GITLAB_ISSUER, type Forge } from './issuers';
import { parseGithubWorkflowUri } from './workflow-uri';

/**
 * Certificate → identity: the one reading of a verified Fulcio certificate
 * that every registry adapter reports and every pin is compared with.
 * Only certificate values are read; a registry's or a predicate's claims are
 * checked against these, never copied into them.
 *
 * The PyPI and npm adapters used to derive identities apart. Pins compare
 * `workflowPath`, `repositoryUrl`, ids, `ref` and `issuer` exactly, so each
 * value must have one reading, the same for every registry. Where the two
 * differed, this is the rule and why:
 *
 * - Workflow path. The Build Config URI is `<repository URL>/<path>@<ref>`
 *   (GitLab: `<repository URL>//<path>@<ref>`). A ref may hold `@`
 *   (monorepo tags such as `refs/tags/pkg@1.0`) and so may a file name, so
 *   splitting at the first `@` (npm's old rule) can cut a path short, and
 *   at the last `@` a tag. The split is where the certificate's own Source
 *   Repository Ref, else its Digest, ends the URI (PyPI's old rule); when
 *   neither does, there is no workflow path, and a pin naming one mismatches
 *   instead of matching a guess.
 * - Repository prefix of that URI: byte-exact against the certificate's own
 *   Source Repository URI (npm's old rule). Both come from one OIDC token; a
 *   case difference means the URI is not about this repository, so no path
 *   is derived. PyPI's case-insensitive comparison stays where it belongs:
 *   the certificate against the Trusted Publisher (pypi/publisher.ts).
 * - Owner: the Owner URI's path only when it lies on the forge's own origin
 *   in clean segments, else the repository path without its last segment
 *   (npm's old rule). PyPI read the path of any URL, so an owner URI on
 *   another host would have named an owner there. Shown, never pinned (pins
 *   use the numeric owner id).
 * - Certificates from before Fulcio 1.1 (early 2023), with only the GitHub
 *   extensions .1–.6, are read the same way for every registry.
 * - A build identity needs a repository on the issuer's forge and a commit;
 *   a certificate without them describes no build the report can name.
 *
 * Reusable workflows: the SAN names the workflow that signed, the Build
 * Config URI the caller's workflow in the source repository. Everything in
 * `Build` is the SOURCE identity (what pins and history compare); the signer
 * travels as `buildSignerUri`. A release built FOR its source by a known
 * builder (known-builders.ts) has a second identity, the builder, which is
 * not in the certificate alone: the SLSA generator's builders have their
 * provenance signed by the generator's delegator (the SAN), and the builder
 * is the predicate's builder id, which the delegator vouches for. The
 * adapter accepts it only through `decideBuilder`, then passes it here.
 */
export interface Build {
  platform: Forge;
  /** `https://github.com/owner/repo`, `https://gitlab.com/group/sub/project` */
  repositoryUrl: string;
  /** `owner/repo`, `group/sub/project` */
  repository: string;
  commit: string;
  /** The source ref, e.g. `refs/tags/v1.0.0`. */
  ref: string | undefined;
  /** Workflow file inside the repository: `.github/workflows/x.yml`, `.gitlab-ci.yml`. */
  workflowPath: string | undefined;
  /** The ref or commit the workflow file was taken from (after `@` in the Build Config URI). */
  workflowRef: string | undefined;
  buildConfigUri: string | undefined;
  /** Set when another workflow than the build config signed (reusable workflows). */
  buildSignerUri: string | undefined;
  repositoryId: string | undefined;
  owner: string | undefined;
  ownerId: string | undefined;
  trigger: string | undefined;
  runnerEnvironment: string | undefined;
  runInvocationUri: string | undefined;
  visibility: string | undefined;
  /** Deployment environment (Fulcio .23): only what the certificate says. */
  environment: string | undefined;
}

/** The path of `url` under `origin`, if it has at least `minSegments` clean segments. */
function pathUnder(url: string | undefined, origin: string, minSegments: number): string | undefined {
  if (!url?.startsWith(`${origin}/`)) return undefined;
  const path = url.slice(origin.length + 1);
  const segments = path.split('/');
  return segments.length >= minSegments && segments.every((s) => /^[^\s@]+$/.test(s)) ? path : undefined;
}

/**
 * `<repository URL>/<path>@<ref or commit>` split by the certificate's own
 * ref or commit (see the header: neither the first nor the last `@` is safe).
 */
function splitBuildConfig(
  config: string,
  build: { platform: Forge; repositoryUrl: string; ref: string | undefined; commit: string },
): { path: string; ref: string } | undefined {
  const prefix = `${build.repositoryUrl}/${build.platform === 'gitlab' ? '/' : ''}`;
  if (!config.startsWith(prefix)) return undefined;
  const rest = config.slice(prefix.length);
  for (const suffix of [build.ref, build.commit]) {
    if (!suffix || !rest.endsWith(`@${suffix}`)) continue;
    const path = rest.slice(0, rest.length - suffix.length - 1);
    if (path.split('/').every((s) => s !== '' && s !== '.' && s !== '..')) return { path, ref: suffix };
  }
  return undefined;
}

/**
 * The build a GitHub Actions or GitLab CI certificate describes, or undefined
 * for any other signer (an email, another CI) and for a certificate that
 * names no repository on its forge or no commit.
 */
export function certificateBuild(cert: CertificateIdentity): Build | undefined {
  const ext = cert.extensions;
  let platform: Forge;
  let repositoryUrl: string | undefined;
  let commit: string | undefined;
  let ref: string | undefined;
  let buildConfigUri = ext.buildConfigURI;
  let buildSignerUri = ext.buildSignerURI;
  let trigger = ext.buildTrigger;
  if (cert.issuer === GITHUB_ACTIONS_ISSUER) {
    platform = 'github';
    // Before Fulcio 1.1 only .1–.6: repository as `owner/repo`, the SAN as the workflow.
    repositoryUrl = ext.sourceRepositoryURI ?? (ext.legacyWorkflowRepository ? `${FORGE_ORIGIN.github}/${ext.legacyWorkflowRepository}` : undefined);
    commit = ext.sourceRepositoryDigest ?? ext.legacyWorkflowSha;
    ref = ext.sourceRepositoryRef ?? ext.legacyWorkflowRef;
    trigger ??= ext.legacyWorkflowTrigger;
  } else if (cert.issuer === GITLAB_ISSUER) {
    platform = 'gitlab';
    repositoryUrl = ext.sourceRepositoryURI;
    commit = ext.sourceRepositoryDigest;
    ref = ext.sourceRepositoryRef;
    buildConfigUri ??= cert.subjectAlternativeName;
  } else {
    return undefined;
  }
  const repository = pathUnder(repositoryUrl, FORGE_ORIGIN[platform], 2);
  if (!repositoryUrl || !repository || !commit) return undefined;
  if (platform === 'github' && repository.split('/').length !== 2) return undefined;

  const san = cert.subjectAlternativeName;
  if (platform === 'github' && buildConfigUri === undefined && san !== undefined) {
    // Legacy: the SAN is the workflow that signed. Only when it lives in the
    // source repository can it stand for the build config; otherwise it is a
    // reusable workflow and the caller's workflow is not in the certificate.
    if (parseGithubWorkflowUri(san)?.repository === repository) buildConfigUri = san;
    else buildSignerUri = san;
  }
  const workflow = buildConfigUri ? splitBuildConfig(buildConfigUri, { platform, repositoryUrl, ref, commit }) : undefined;
  return {
    platform,
    repositoryUrl,
    repository,
    commit,
    ref,
    workflowPath: workflow?.path,
    workflowRef: workflow?.ref,
    buildConfigUri,
    buildSignerUri: buildSignerUri !== buildConfigUri ? buildSignerUri : undefined,
    repositoryId: ext.sourceRepositoryIdentifier,
    owner: pathUnder(ext.sourceRepositoryOwnerURI, FORGE_ORIGIN[platform], 1) ?? repository.split('/').slice(0, -1).join('/'),
    ownerId: ext.sourceRepositoryOwnerIdentifier,
    trigger,
    runnerEnvironment: ext.runnerEnvironment,
    runInvocationUri: ext.runInvocationURI,
    visibility: ext.sourceRepositoryVisibilityAtSigning,
    environment: ext.deploymentEnvironment,
  };
}

/**
 * The report identity of a build: certificate values only, plus, for a build
 * by a known builder, the builder `decideBuilder` accepted (its workflow URI
 * at its release tag).
 */
export function buildIdentity(cert: CertificateIdentity, build: Build, builder?: string): Identity {
  return compact({
    publisherKind: build.platform,
    issuer: cert.issuer,
    subjectAlternativeName: cert.subjectAlternativeName,
    repositoryUrl: build.repositoryUrl,
    repositoryId: build.repositoryId,
    owner: build.owner,
    ownerId: build.ownerId,
    workflowPath: build.workflowPath,
    ref: build.ref,
    commit: build.commit,
    trigger: build.trigger,
    runnerEnvironment: build.runnerEnvironment,
    visibility: build.visibility,
    environment: build.environment,
    buildSignerUri: build.buildSignerUri,
    builder,
    buildConfigUri: build.buildConfigUri,
    runInvocationUri: build.runInvocationUri,
  });
}

/** A Google service account: its email stands where the repository would. */
export function emailIdentity(cert: CertificateIdentity): Identity {
  return compact({
    publisherKind: 'google',
    issuer: cert.issuer,
    subjectAlternativeName: cert.subjectAlternativeName,
    email: cert.subjectAlternativeName,
  });
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

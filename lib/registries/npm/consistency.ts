import * as z from '../../zod';
import type { Build } from '../../identity/fulcio';
import { decideBuilder } from '../../identity/known-builders';
import type { InTotoStatement } from '../../verify/statement';
import { ProvenantError } from '../../errors/provenant-error';
import { zodIssue } from '../../errors/zod-issue';

/**
 * The provenance predicate is written by the build itself (npm CLI running in
 * the workflow), and npmjs.com shows *its* repository, commit and workflow on
 * the package page. The certificate's Fulcio extensions are set by Fulcio from
 * the CI's OIDC token. Requiring the two to agree means the page's claims are
 * backed by the identity that signed, not just by the build's word.
 *
 * Formats: npm/cli workspaces/libnpmpublish/lib/provenance.js —
 *  - GitHub, SLSA v0.2: buildType https://github.com/npm/cli/gha@v0, gha@v1, gha/v2
 *  - GitHub, SLSA v1:   buildType https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1
 *  - GitLab, SLSA v0.2: buildType https://github.com/npm/cli/gitlab/v0alpha1 (and earlier v1alpha1)
 *
 * Builds by a builder for another repository (lib/identity/known-builders.ts):
 *  - the SLSA GitHub generator's delegator, SLSA v0.2 and v1: buildType
 *    https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0
 *    (slsa-github-generator internal/builders/delegator). The predicate's
 *    builder id names the builder, checked against the signer; everything
 *    else it says about the source must agree with the certificate.
 */

export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

const GITHUB_V02_BUILD_TYPE = /^https:\/\/github\.com\/npm\/cli\/gha(?:@v\d+|\/v\d+)$/;
const GITLAB_V02_BUILD_TYPE = /^https:\/\/github\.com\/npm\/cli\/gitlab\/v\d+(?:alpha\d+)?$/;
const GITHUB_V1_BUILD_TYPE = 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1';
const GENERATOR_DELEGATOR_BUILD_TYPE = 'https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0';

const digestSet = z.record(z.string(), z.string());
const stringRecord = z.record(z.string(), z.unknown());

const slsaV02Schema = z.object({
  buildType: z.string(),
  builder: z.optional(z.object({ id: z.string() })),
  invocation: z.object({
    configSource: z.object({ uri: z.string(), digest: digestSet, entryPoint: z.optional(z.string()) }),
    parameters: z.optional(stringRecord),
    environment: z.optional(stringRecord),
  }),
  metadata: z.optional(z.object({ buildInvocationId: z.optional(z.string()) })),
  materials: z.optional(z.array(z.object({ uri: z.optional(z.string()), digest: z.optional(digestSet) }))),
});
type SlsaV02 = z.infer<typeof slsaV02Schema>;

const slsaV1Schema = z.object({
  buildDefinition: z.object({
    buildType: z.string(),
    externalParameters: z.object({
      workflow: z.object({ ref: z.string(), repository: z.string(), path: z.string() }),
    }),
    internalParameters: z.optional(z.object({ github: z.optional(stringRecord) })),
    resolvedDependencies: z.array(z.object({ uri: z.optional(z.string()), digest: z.optional(digestSet) })).check(z.minLength(1)),
  }),
  runDetails: z.object({
    builder: z.object({ id: z.string() }),
    metadata: z.optional(z.object({ invocationId: z.optional(z.string()) })),
  }),
});
type SlsaV1 = z.infer<typeof slsaV1Schema>;

/** The delegator's SLSA v1 predicate: the source is in the GitHub context (internalParameters), not in a `workflow` parameter. */
const generatorV1Schema = z.object({
  buildDefinition: z.object({
    buildType: z.string(),
    internalParameters: stringRecord,
    resolvedDependencies: z.array(z.object({ uri: z.optional(z.string()), digest: z.optional(digestSet) })).check(z.minLength(1)),
  }),
  runDetails: z.object({
    builder: z.object({ id: z.string() }),
    metadata: z.optional(z.object({ invocationId: z.optional(z.string()) })),
  }),
});
type GeneratorV1 = z.infer<typeof generatorV1Schema>;

/** What a consistent provenance adds to the certificate: the builder it names, once accepted. */
export interface ProvenanceFacts {
  /** The builder workflow at its ref, for a build by a known builder (lib/identity/known-builders.ts). */
  builder?: string;
}

/** Collects every disagreement, so the detail line names them all. */
class Agreement {
  readonly issues: string[] = [];
  /** Both sides must state the value and agree. */
  require(what: string, claimed: unknown, certified: string): void {
    if (typeof claimed !== 'string' || claimed === '') this.issues.push(`the provenance does not state the ${what}`);
    else this.same(what, claimed, certified);
  }
  /** Compared only when both sides state it. */
  same(what: string, claimed: unknown, certified: string | undefined): void {
    if (claimed === undefined || claimed === null || certified === undefined) return;
    if (claimed !== certified) {
      this.issues.push(`${what}: provenance says ${JSON.stringify(claimed)}, certificate says ${JSON.stringify(certified)}`);
    }
  }
  done(): void {
    if (this.issues.length > 0) throw new ProvenantError('release', 'PROVENANCE_INCONSISTENT', this.issues.join('; '));
  }
}

/** `git+<url>@<ref>` (or `git+<url>` for GitLab); the ref is everything after the first `@`. */
function parseGitUri(uri: string | undefined): { url: string; ref: string | undefined } | undefined {
  if (!uri?.startsWith('git+')) return undefined;
  const rest = uri.slice(4);
  const at = rest.indexOf('@');
  return at < 0 ? { url: rest, ref: undefined } : { url: rest.slice(0, at), ref: rest.slice(at + 1) };
}

/** `owner/repo/<path>@<ref>` (gha@v0, v1) or `<path>` (gha/v2), as npm derives it from GITHUB_WORKFLOW_REF. */
function parseWorkflowRef(value: string, repository: string): { path: string; ref: string | undefined } {
  const relative = value.startsWith(`${repository}/`) ? value.slice(repository.length + 1) : value;
  const at = relative.indexOf('@');
  return at < 0 ? { path: relative, ref: undefined } : { path: relative.slice(0, at), ref: relative.slice(at + 1) };
}

function parse<T>(schema: z.ZodMiniType<T>, predicate: unknown, format: string): T {
  const parsed = schema.safeParse(predicate);
  if (parsed.success) return parsed.data;
  throw new ProvenantError('release', 'PROVENANCE_INCONSISTENT', `the ${format} provenance lacks ${zodIssue(parsed.error, 'its predicate')}`);
}

function buildTypeOf(statement: InTotoStatement): string | undefined {
  const p = statement.predicate as { buildType?: unknown; buildDefinition?: { buildType?: unknown } } | undefined;
  const value = statement.predicateType === SLSA_PROVENANCE_V1 ? p?.buildDefinition?.buildType : p?.buildType;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Throws PROVENANCE_INCONSISTENT when the predicate's repository, commit,
 * refs, workflow, ids or run disagree with the certificate,
 * PROVENANCE_UNSUPPORTED for a build format Provenant cannot read, and
 * BUILDER_UNKNOWN or BUILDER_REF_UNPINNED for a generator build whose builder
 * is not a known builder at a release tag.
 */
export function checkProvenanceConsistency(statement: InTotoStatement, claims: Build): ProvenanceFacts {
  const buildType = buildTypeOf(statement) ?? '';
  const isV1 = statement.predicateType === SLSA_PROVENANCE_V1;
  if (buildType === GENERATOR_DELEGATOR_BUILD_TYPE) {
    if (claims.platform !== 'github') {
      throw new ProvenantError('release', 'PROVENANCE_INCONSISTENT', 'the provenance describes an SLSA GitHub generator build, the certificate a GitLab CI one');
    }
    return isV1 ? generatorV1(parse(generatorV1Schema, statement.predicate, 'SLSA v1'), claims) : generatorV02(parse(slsaV02Schema, statement.predicate, 'SLSA v0.2'), claims);
  }
  const githubFormat = isV1 ? buildType === GITHUB_V1_BUILD_TYPE : GITHUB_V02_BUILD_TYPE.test(buildType);
  const gitlabFormat = !isV1 && GITLAB_V02_BUILD_TYPE.test(buildType);
  if ((githubFormat && claims.platform === 'gitlab') || (gitlabFormat && claims.platform === 'github')) {
    throw new ProvenantError('release', 'PROVENANCE_INCONSISTENT', `the provenance describes a ${githubFormat ? 'GitHub Actions' : 'GitLab CI'} build, the certificate a ${claims.platform === 'github' ? 'GitHub Actions' : 'GitLab CI'} one`);
  }
  if (githubFormat && isV1) githubV1(parse(slsaV1Schema, statement.predicate, 'SLSA v1'), claims);
  else if (githubFormat) githubV02(parse(slsaV02Schema, statement.predicate, 'SLSA v0.2'), claims);
  else if (gitlabFormat) gitlabV02(parse(slsaV02Schema, statement.predicate, 'SLSA v0.2'), claims);
  else throw new ProvenantError('release', 'PROVENANCE_UNSUPPORTED', `unknown build type ${JSON.stringify(buildType.slice(0, 200))} for ${statement.predicateType}`);
  return {};
}

function githubV02(p: SlsaV02, c: Build): void {
  const a = new Agreement();
  githubV02Source(a, p, c);
  a.done();
}

/** What an npm CLI or generator v0.2 predicate says about the source, against the certificate. */
function githubV02Source(a: Agreement, p: SlsaV02, c: Build): void {
  const source = parseGitUri(p.invocation.configSource.uri);
  a.require('source repository', source?.url, c.repositoryUrl);
  a.same('source ref', source?.ref, c.ref);
  a.require('source commit', p.invocation.configSource.digest.sha1, c.commit);
  const entry = p.invocation.configSource.entryPoint;
  if (entry !== undefined) {
    const wf = parseWorkflowRef(entry, c.repository);
    a.same('workflow file', wf.path, c.workflowPath);
    a.same('workflow ref', wf.ref, c.workflowRef);
  }
  githubContext(a, p.invocation.environment ?? {}, c);
  materials(a, p, c);
  const run = /\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(c.runInvocationUri ?? '');
  a.same('build invocation', p.metadata?.buildInvocationId, run ? `${run[1]}-${run[2]}` : undefined);
}

/** The GITHUB_* variables a build recorded (v0.2 environment, the delegator's v1 internalParameters). */
function githubContext(a: Agreement, env: Record<string, unknown>, c: Build): void {
  a.same('GITHUB_REPOSITORY', env.GITHUB_REPOSITORY, c.repository);
  a.same('GITHUB_SHA', env.GITHUB_SHA, c.commit);
  a.same('GITHUB_REF', env.GITHUB_REF, c.ref);
  a.same('GITHUB_REPOSITORY_ID', env.GITHUB_REPOSITORY_ID, c.repositoryId);
  a.same('GITHUB_REPOSITORY_OWNER_ID', env.GITHUB_REPOSITORY_OWNER_ID, c.ownerId);
  a.same('GITHUB_EVENT_NAME', env.GITHUB_EVENT_NAME, c.trigger);
  if (typeof env.GITHUB_WORKFLOW_REF === 'string') {
    a.same('GITHUB_WORKFLOW_REF', env.GITHUB_WORKFLOW_REF, sourceWorkflowRef(c));
  }
}

/** `owner/repo/<workflow path>@<ref>` of the source's own workflow (the Build Config URI), as GITHUB_WORKFLOW_REF spells it. */
function sourceWorkflowRef(c: Build): string | undefined {
  return c.workflowPath && c.workflowRef ? `${c.repository}/${c.workflowPath}@${c.workflowRef}` : undefined;
}

/**
 * A build by the generator's delegator, SLSA v0.2. The certificate must name
 * the source's own workflow (Build Config URI in the source repository), the
 * predicate must name the same workflow (entryPoint, required here: it is the
 * only place the predicate names the caller), and its builder id must be a
 * known builder the certificate's signer may sign for. Disagreements are
 * checked first: a contradiction fails the release whoever the builder is.
 */
function generatorV02(p: SlsaV02, c: Build): ProvenanceFacts {
  requireSourceWorkflow(c);
  const a = new Agreement();
  if (!p.invocation.configSource.entryPoint) a.issues.push('the provenance does not state the workflow file (entryPoint)');
  githubV02Source(a, p, c);
  const builderId = p.builder?.id;
  if (!builderId) a.issues.push('the provenance does not state its builder');
  a.done();
  return acceptedBuilder(builderId!, c);
}

/**
 * The delegator's SLSA v1 predicate: the source repository and commit are the
 * first resolved dependency, the caller's workflow, event, ids and run are in
 * the GitHub context (GITHUB_WORKFLOW_REF required: it is the only place the
 * predicate names the caller), and runDetails.builder.id names the builder.
 */
function generatorV1(p: GeneratorV1, c: Build): ProvenanceFacts {
  requireSourceWorkflow(c);
  const a = new Agreement();
  const dep = p.buildDefinition.resolvedDependencies[0]!;
  const source = parseGitUri(dep.uri);
  a.require('source repository of the resolved dependency', source?.url, c.repositoryUrl);
  a.same('source ref', source?.ref, c.ref);
  a.require('source commit', dep.digest?.gitCommit, c.commit);
  const gh = p.buildDefinition.internalParameters;
  a.require('GITHUB_WORKFLOW_REF', gh.GITHUB_WORKFLOW_REF, sourceWorkflowRef(c) ?? '');
  githubContext(a, gh, c);
  const run = /\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(c.runInvocationUri ?? '');
  a.same('GITHUB_RUN_ID', gh.GITHUB_RUN_ID, run?.[1]);
  a.same('GITHUB_RUN_ATTEMPT', gh.GITHUB_RUN_ATTEMPT, run?.[2]);
  a.same('run', p.runDetails.metadata?.invocationId, c.runInvocationUri);
  a.done();
  return acceptedBuilder(p.runDetails.builder.id, c);
}

/**
 * A builder build is shown for its source, so the certificate must name the
 * source's own workflow (Build Config URI in the source repository). Without
 * it (certificates before Fulcio 1.1) the source cannot be told apart from
 * the builder: not a contradiction, just not checkable.
 */
function requireSourceWorkflow(c: Build): void {
  if (!c.workflowPath || !c.workflowRef) {
    throw new ProvenantError('release', 'PROVENANCE_UNSUPPORTED', 'an SLSA generator build whose certificate names no workflow of the source repository (Build Config URI)');
  }
}

function acceptedBuilder(builderId: string, c: Build): ProvenanceFacts {
  const decision = decideBuilder(c.buildSignerUri, builderId);
  if (!decision.accepted) throw new ProvenantError('release', decision.code, decision.detail);
  return { builder: decision.builder };
}

function githubV1(p: SlsaV1, c: Build): void {
  const a = new Agreement();
  const { workflow } = p.buildDefinition.externalParameters;
  a.require('source repository', workflow.repository, c.repositoryUrl);
  a.same('workflow file', workflow.path, c.workflowPath);
  a.same('workflow ref', workflow.ref, c.workflowRef);
  const dep = p.buildDefinition.resolvedDependencies[0]!;
  const source = parseGitUri(dep.uri);
  a.require('source repository of the resolved dependency', source?.url, c.repositoryUrl);
  a.same('source ref', source?.ref, c.ref);
  a.require('source commit', dep.digest?.gitCommit, c.commit);
  const gh = p.buildDefinition.internalParameters?.github ?? {};
  a.same('event', gh.event_name, c.trigger);
  a.same('repository id', gh.repository_id, c.repositoryId);
  a.same('repository owner id', gh.repository_owner_id, c.ownerId);
  a.same('builder', p.runDetails.builder.id, c.runnerEnvironment ? `https://github.com/actions/runner/${c.runnerEnvironment}` : undefined);
  a.same('run', p.runDetails.metadata?.invocationId, c.runInvocationUri);
  a.done();
}

function gitlabV02(p: SlsaV02, c: Build): void {
  const a = new Agreement();
  const source = parseGitUri(p.invocation.configSource.uri);
  a.require('source repository', source?.url, c.repositoryUrl);
  // Early npm versions appended `@$CI_BUILD_REF`, which is the commit SHA.
  a.same('source commit in the URI', source?.ref, c.commit);
  a.require('source commit', p.invocation.configSource.digest.sha1, c.commit);
  const params = p.invocation.parameters ?? {};
  a.same('CI_PROJECT_URL', params.CI_PROJECT_URL, c.repositoryUrl);
  a.same('CI_PROJECT_PATH', params.CI_PROJECT_PATH, c.repository);
  a.same('CI_COMMIT_SHA', params.CI_COMMIT_SHA, c.commit);
  a.same('CI_PROJECT_ID', params.CI_PROJECT_ID, c.repositoryId);
  a.same('CI_PROJECT_NAMESPACE_ID', params.CI_PROJECT_NAMESPACE_ID, c.ownerId);
  a.same('CI_PIPELINE_SOURCE', params.CI_PIPELINE_SOURCE, c.trigger);
  a.same('CI_JOB_URL', params.CI_JOB_URL, c.runInvocationUri);
  a.same('CI_CONFIG_PATH', params.CI_CONFIG_PATH, c.workflowPath);
  const refName = params.CI_COMMIT_REF_NAME;
  if (typeof refName === 'string' && c.ref !== undefined && c.ref !== `refs/heads/${refName}` && c.ref !== `refs/tags/${refName}`) {
    a.issues.push(`CI_COMMIT_REF_NAME: provenance says ${JSON.stringify(refName)}, certificate says ${JSON.stringify(c.ref)}`);
  }
  const env = p.invocation.environment ?? {};
  a.same('project', env.project, c.repository);
  a.same('server', env.server, new URL(c.repositoryUrl).origin);
  const pipeline = env.pipeline as { ref?: unknown } | undefined;
  a.same('pipeline config', pipeline?.ref, c.workflowPath);
  a.same('build invocation', p.metadata?.buildInvocationId, c.runInvocationUri);
  const builder = p.builder?.id;
  if (builder !== undefined && !builder.startsWith(`${c.repositoryUrl}/-/runners/`)) {
    a.issues.push(`builder: provenance says ${JSON.stringify(builder)}, not a runner of ${c.repositoryUrl}`);
  }
  materials(a, p, c);
  a.done();
}

function materials(a: Agreement, p: SlsaV02, c: Build): void {
  for (const m of p.materials ?? []) {
    const source = parseGitUri(m.uri);
    a.same('material repository', source?.url, c.repositoryUrl);
    a.same('material commit', m.digest?.sha1, c.commit);
  }
}

import { hasVerifiedProvenance, verifiedFirst, verifiedIdentities } from '../policy/status';
import type { Verdict } from '../policy/verdict';
import type { Identity, ReleaseReport, TlogRef } from '../report/model';
import { parseRepositoryUrl } from '../identity/describe';
import { builderLabel } from '../identity/known-builders';
import { parseGithubWorkflowUri } from '../identity/workflow-uri';
import { safeLink } from './safe-link';

/**
 * The links of an identity for the popup (its words: lib/identity/describe.ts).
 * Every link is built from certificate values and then passed through
 * safeLink, so a hostile value can at worst produce no link.
 */

const FORGES = { 'github.com': 'github', 'gitlab.com': 'gitlab' } as const;

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;

function encodePath(path: string): string {
  return path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}

/** The workflow file at the commit that ran it. */
export function workflowFileUrl(identity: Identity | undefined): string | undefined {
  const repo = parseRepositoryUrl(identity?.repositoryUrl);
  const commit = identity?.commit;
  const path = identity?.workflowPath;
  if (!repo || !commit || !COMMIT.test(commit) || !path || path.split('/').some((s) => s === '..' || s === '.')) return undefined;
  const blob = repo.forge === 'github' ? 'blob' : '-/blob';
  return safeLink(`${repo.url}/${blob}/${commit.toLowerCase()}/${encodePath(path)}`);
}

export function commitUrl(identity: Identity | undefined): string | undefined {
  const repo = parseRepositoryUrl(identity?.repositoryUrl);
  const commit = identity?.commit;
  if (!repo || !commit || !COMMIT.test(commit)) return undefined;
  const segment = repo.forge === 'github' ? 'commit' : '-/commit';
  return safeLink(`${repo.url}/${segment}/${commit.toLowerCase()}`);
}

export function repositoryLink(identity: Identity | undefined): string | undefined {
  return safeLink(parseRepositoryUrl(identity?.repositoryUrl)?.url);
}

const RUN_PATHS = {
  // https://github.com/<owner>/<repo>/actions/runs/<run id>[/attempts/<n>]
  github: /^\/[^/]+\/[^/]+\/actions\/runs\/\d+(?:\/attempts\/\d+)?$/,
  // https://gitlab.com/<group>[/<sub>…]/<project>/-/jobs/<job id> (or pipelines)
  gitlab: /^(?:\/[^/]+){2,}\/-\/(?:jobs|pipelines)\/\d+$/,
} as const;

/**
 * The workflow run that built the release (the certificate's Run Invocation
 * URI; npmjs.com calls it the build summary): only a run page on GitHub or
 * GitLab, so a certificate cannot turn it into a link anywhere else.
 */
export function runLink(identity: Identity | undefined): string | undefined {
  const url = safeLink(identity?.runInvocationUri);
  if (!url) return undefined;
  const parsed = new URL(url);
  const forge = FORGES[parsed.hostname as keyof typeof FORGES];
  if (!forge || parsed.search || parsed.hash || !RUN_PATHS[forge].test(parsed.pathname)) return undefined;
  return url;
}

/**
 * The run link of the verified certificate only: a release that did not
 * verify (or an artifact that failed) must not lend its claimed run a link.
 */
export function verifiedRunLink(verdict: Pick<Verdict, 'actualIdentity' | 'report'> | undefined): string | undefined {
  if (!verdict || !hasVerifiedProvenance(verdict.report.status)) return undefined;
  const identity = verdict.actualIdentity ?? verdict.report.identity ?? verifiedIdentities(verdict.report.artifacts)[0];
  return runLink(identity);
}

export interface Builder {
  label: string;
  url: string | undefined;
  /** A known builder (lib/identity/known-builders.ts) that built the release for its source. */
  known: boolean;
}

/**
 * Who built the release when it is not the repository's own workflow: a
 * known builder the verification accepted (identity.builder, e.g. the SLSA
 * generator's Node.js builder), else the reusable workflow that signed. The
 * popup shows it apart from the source repository.
 */
export function builderOf(identity: Identity | undefined): Builder | undefined {
  if (identity?.builder) {
    const at = workflowAt(identity.builder);
    return { label: builderLabel(identity.builder) ?? at?.label ?? identity.builder, url: at?.url, known: true };
  }
  const signer = identity?.buildSignerUri;
  if (!signer || signer === identity.buildConfigUri) return undefined;
  const at = workflowAt(signer);
  return { label: at?.label ?? signer, url: at?.url, known: false };
}

/** `owner/repo/<path>@<ref>` and the file's page at that ref, for a GitHub workflow URI. */
function workflowAt(uri: string): { label: string; url: string | undefined } | undefined {
  const workflow = parseGithubWorkflowUri(uri);
  if (!workflow) return undefined;
  const { repository: repo, path, ref } = workflow;
  const at = ref.replace(/^refs\/(?:tags|heads)\//, '');
  const url = path.split('/').some((s) => s === '..') ? undefined : safeLink(`https://github.com/${repo}/blob/${encodeURIComponent(at)}/${encodePath(path)}`);
  return { label: `${repo}/${path}@${ref}`, url };
}

/** The identity the popup describes: the one compared with the pin, else any artifact's. */
export function describedIdentity(verdict: Pick<Verdict, 'actualIdentity' | 'report'> | undefined): Identity | undefined {
  if (!verdict) return undefined;
  return (
    verdict.actualIdentity ??
    verdict.report.identity ??
    verifiedIdentities(verdict.report.artifacts)[0] ??
    verdict.report.artifacts.find((a) => a.identity)?.identity
  );
}

/** The first transparency-log entry of the release (a verified artifact's, when there is one). */
export function firstTlogEntry(report: ReleaseReport | undefined): TlogRef | undefined {
  if (!report) return undefined;
  for (const artifact of verifiedFirst(report.artifacts)) {
    for (const attestation of artifact.attestations) {
      const entry = attestation.tlog[0];
      if (entry) return entry;
    }
  }
  return undefined;
}

/** The log entry's page on search.sigstore.dev, only if the report's link goes there. */
export function tlogLink(entry: TlogRef | undefined): string | undefined {
  const url = safeLink(entry?.searchUrl);
  return url && new URL(url).hostname === 'search.sigstore.dev' ? url : undefined;
}

/** Unique predicate types over all artifacts, in first-seen order. */
export function attestationKinds(report: ReleaseReport | undefined): string[] {
  if (!report) return [];
  return [...new Set(report.artifacts.flatMap((a) => a.attestations.map((t) => t.predicateType)))];
}

/**
 * A workflow URI as Fulcio writes it in the SAN and the Build Config URI.
 * The first `@` ends the path, as npm splits GITHUB_WORKFLOW_REF; that is
 * enough to tell which repository a workflow lives in (a repository slug
 * has no `@`), but not to split path from ref when both may hold `@`: the
 * report identity splits by the certificate's own ref (see fulcio.ts).
 */
export interface WorkflowUri {
  /** `owner/repo` */
  repository: string;
  path: string;
  ref: string;
}

/** `https://github.com/<owner>/<repo>/<path>@<ref>` */
export function parseGithubWorkflowUri(uri: string): WorkflowUri | undefined {
  const m = /^https:\/\/github\.com\/([^/@]+\/[^/@]+)\/([^@]+)@(.+)$/.exec(uri);
  return m ? { repository: m[1]!, path: m[2]!, ref: m[3]! } : undefined;
}


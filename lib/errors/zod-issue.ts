/**
 * A zod failure as a short `path: message` detail (the first issue only:
 * the detail line is for a person and a log, not a full validation report).
 * `root` names the value itself when the issue has no path.
 */
export function zodIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, root = '(root)'): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.');
  return `${path || root}: ${issue?.message ?? 'invalid'}`;
}

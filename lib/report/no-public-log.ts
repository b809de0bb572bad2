import type { ReleaseReport } from './model';

/**
 * The sentence saying a verified release has no public transparency-log
 * entry (it verified against a Sigstore instance without one, GitHub's;
 * docs/verdicts.md), when some verified artifact says so. The badge title and
 * the popup show it in words beside "verified".
 */
export function noPublicLogSentence(report: Pick<ReleaseReport, 'artifacts'>): string | undefined {
  return report.artifacts.find((a) => a.status === 'verified' && a.noPublicLog !== undefined)?.noPublicLog;
}

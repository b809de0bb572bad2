import { trustSentence } from '../errors/vocabulary';
import type { TrustInstance } from '../trust/trust-instance';
import type { TrustStatus } from '../trust/trust-status';

/** Where each instance's material is refreshed from (lib/trust/tuf-fetch.ts, lib/trust/github-trust.ts). */
const REFRESHED_FROM: Record<TrustInstance, string> = {
  'public-good': 'Refreshed from Sigstore\u2019s TUF repository',
  github: 'Refreshed from GitHub\u2019s TUF repository (tuf-repo.github.com)',
};

/** [label, value, field] rows for the options page's trust section. */
export function describeTrustStatus(status: TrustStatus, instance: TrustInstance = 'public-good'): [string, string, string][] {
  const rows: [string, string, string][] = [
    ['In use', status.source === 'refreshed' ? REFRESHED_FROM[instance] : 'Embedded in this version of Provenant', 'source'],
    ['TUF root version', String(status.rootVersion), 'root-version'],
  ];
  if (status.targetsVersion !== undefined) rows.push(['TUF targets version', String(status.targetsVersion), 'targets-version']);
  if (status.refreshedAt) rows.push(['Refreshed', formatTime(status.refreshedAt), 'refreshed-at']);
  rows.push([status.expired ? 'Expired' : 'Expires', `${formatTime(status.expires)}${status.expired ? ' (still in use until a refresh succeeds)' : ''}`, 'expires']);
  const last = status.lastAttempt;
  if (last) {
    const what = last.ok ? 'succeeded' : `failed: ${trustSentence(last.code) ?? last.code ?? 'unknown error'}`;
    rows.push(['Last refresh attempt', `${formatTime(last.at)}, ${what}`, 'last-attempt']);
  }
  return rows;
}

function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

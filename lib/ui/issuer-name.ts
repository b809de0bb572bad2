import { GITHUB_ACTIONS_ISSUER, GITLAB_ISSUER, GOOGLE_ISSUER } from '../identity/issuers';

/**
 * OIDC issuers by the name of the service behind them. The certificate's
 * issuer is a URL only a specialist recognises; the full URL stays in a
 * tooltip. Matching is on the exact origin (and path where the service has
 * one), so a look-alike host is shown as its own host, never as a known name.
 */
export interface IssuerName {
  name: string;
  /** The issuer as the certificate says it, for the tooltip. */
  url: string;
}

interface KnownIssuer {
  origin: string;
  /** Path the issuer URL must equal, or start with when it ends in `/`. */
  path: string;
  name: string;
}

const KNOWN: readonly KnownIssuer[] = [
  { origin: GITHUB_ACTIONS_ISSUER, path: '', name: 'GitHub Actions' },
  { origin: 'https://github.com', path: '/login/oauth', name: 'GitHub (OAuth)' },
  { origin: GITLAB_ISSUER, path: '', name: 'GitLab' },
  { origin: GOOGLE_ISSUER, path: '', name: 'Google Cloud' },
  { origin: 'https://agent.buildkite.com', path: '', name: 'Buildkite' },
  // CircleCI issues per organisation: https://oidc.circleci.com/org/<org id>.
  { origin: 'https://oidc.circleci.com', path: '/org/', name: 'CircleCI' },
  { origin: 'https://oauth2.sigstore.dev', path: '/auth', name: 'Sigstore (OAuth)' },
  { origin: 'https://login.microsoftonline.com', path: '', name: 'Microsoft' },
  { origin: 'https://vstoken.dev.azure.com', path: '/', name: 'Azure Pipelines' },
  { origin: 'https://app.terraform.io', path: '', name: 'HCP Terraform' },
  { origin: 'https://token.codefresh.io', path: '', name: 'Codefresh' },
];

const MAX_URL = 2048;

export function issuerName(issuer: string): IssuerName {
  let parsed: URL | undefined;
  try {
    parsed = issuer.length <= MAX_URL ? new URL(issuer) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.username || parsed.password || parsed.search || parsed.hash) return { name: issuer, url: issuer };
  const path = parsed.pathname.replace(/\/+$/, '');
  for (const known of KNOWN) {
    if (parsed.origin !== known.origin) continue;
    const matches = known.path.endsWith('/') ? path.startsWith(known.path) && path.length > known.path.length : path === known.path;
    if (matches) return { name: known.name, url: issuer };
  }
  // Unknown: its host says who runs it; the tooltip keeps the rest.
  return { name: parsed.host || issuer, url: issuer };
}

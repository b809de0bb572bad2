import { describe, expect, it } from 'vitest';
import { issuerName } from '../../lib/ui/issuer-name';

describe('issuerName', () => {
  it.each([
    ['https://token.actions.githubusercontent.com', 'GitHub Actions'],
    ['https://token.actions.githubusercontent.com/', 'GitHub Actions'],
    ['https://gitlab.com', 'GitLab'],
    ['https://accounts.google.com', 'Google Cloud'],
    ['https://agent.buildkite.com', 'Buildkite'],
    ['https://oidc.circleci.com/org/01234567-89ab-cdef-0123-456789abcdef', 'CircleCI'],
    ['https://github.com/login/oauth', 'GitHub (OAuth)'],
    ['https://oauth2.sigstore.dev/auth', 'Sigstore (OAuth)'],
  ])('%s is %s', (url, name) => {
    expect(issuerName(url)).toEqual({ name, url });
  });

  it.each([
    // Unknown issuers: their host, so the reader still sees who runs them.
    ['https://gitlab.example.org', 'gitlab.example.org'],
    ['https://ci.example.com:8443/oidc', 'ci.example.com:8443'],
    // Look-alikes of known issuers are not given the known name.
    ['https://token.actions.githubusercontent.com.evil.example', 'token.actions.githubusercontent.com.evil.example'],
    ['http://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['https://github.com/evil/oauth', 'github.com'],
    ['https://oidc.circleci.com/org/', 'oidc.circleci.com'],
    ['https://gitlab.com/evil', 'gitlab.com'],
  ])('%s is shown as %s', (url, name) => {
    expect(issuerName(url)).toEqual({ name, url });
  });

  it('anything that is no plain URL is shown as it is', () => {
    expect(issuerName('not a url')).toEqual({ name: 'not a url', url: 'not a url' });
    expect(issuerName('https://user:pw@gitlab.com')).toEqual({ name: 'https://user:pw@gitlab.com', url: 'https://user:pw@gitlab.com' });
  });
});

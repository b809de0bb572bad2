import { describe, expect, it } from 'vitest';
import { OPTIONAL_HOST_PATTERNS, REQUIRED_HOST_PATTERNS } from '../../../lib/net/host-permissions';
import { BUNDLE_HOSTS } from '../../../lib/registries/github/github-fetch';
import { GITHUB_API_ORIGIN, GITHUB_SITE, githubSite } from '../../../lib/registries/github/page';
import { homebrewSite } from '../../../lib/registries/homebrew/page';
import { registryOrigins } from '../../../lib/registries/optional';
import { GITHUB_TUF_ORIGIN } from '../../../lib/trust/github-trust';

// Every host the GitHub adapter and GitHub's trust refresh reach is one the
// manifest declares as optional (asked for when GitHub is turned on), never required.
describe('GitHub hosts', () => {
  const optional = new Set<string>(OPTIONAL_HOST_PATTERNS);
  const required = new Set<string>(REQUIRED_HOST_PATTERNS);
  const origins = [`https://${GITHUB_SITE}`, GITHUB_API_ORIGIN, GITHUB_TUF_ORIGIN, ...[...BUNDLE_HOSTS].map((h) => `https://${h}`)];

  it.each(origins)('%s is an optional host permission', (origin) => {
    expect(optional.has(`${origin}/*`)).toBe(true);
    expect(required.has(`${origin}/*`)).toBe(false);
  });

  it('turning GitHub (or Homebrew, attested on GitHub) on asks for exactly the hosts these reach', () => {
    const reached = origins.map((o) => `${o}/*`).sort();
    expect(registryOrigins(githubSite).sort()).toEqual(reached);
    expect(registryOrigins(homebrewSite).filter((o) => o !== 'https://formulae.brew.sh/*').sort()).toEqual(reached.filter((o) => o !== 'https://github.com/*'));
  });
});

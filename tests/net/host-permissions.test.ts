import { describe, expect, it } from 'vitest';
import { OPTIONAL_HOST_PATTERNS, REQUIRED_HOST_PATTERNS, TRUST_ROOT_HOST_PATTERNS } from '../../lib/net/host-permissions';
import { ALLOWED_HOSTS } from '../../lib/net/registry-fetch';
import { hostOf, missingSiteAccess, REGISTRY_HOST_PATTERNS } from '../../lib/net/site-access';
import { OPTIONAL_REGISTRY_HOST_PATTERNS } from '../../lib/registries/sites';

describe('host permissions', () => {
  it('requires exactly the registries and Sigstore’s TUF CDN', () => {
    expect([...REQUIRED_HOST_PATTERNS]).toEqual([
      'https://pypi.org/*',
      'https://registry.npmjs.org/*',
      'https://www.npmjs.com/*',
      'https://tuf-repo-cdn.sigstore.dev/*',
    ]);
  });

  it('keeps the next registries optional, none of them also required', () => {
    expect([...OPTIONAL_HOST_PATTERNS].sort()).toEqual([
      'https://api.github.com/*',
      'https://formulae.brew.sh/*',
      'https://github.com/*',
      'https://rubygems.org/*',
      'https://tmaproduction.blob.core.windows.net/*',
      'https://tuf-repo.github.com/*',
    ]);
    expect(OPTIONAL_HOST_PATTERNS.filter((p) => (REQUIRED_HOST_PATTERNS as readonly string[]).includes(p))).toEqual([]);
    for (const p of [...REQUIRED_HOST_PATTERNS, ...OPTIONAL_HOST_PATTERNS]) expect(p).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });

  it('the trust root host is not a site whose access the popup asks for', async () => {
    expect(REGISTRY_HOST_PATTERNS as readonly string[]).not.toContain(TRUST_ROOT_HOST_PATTERNS[0]);
    // Even with the TUF host withheld, only registries count as "site access turned off".
    expect(await missingSiteAccess(async (origins) => origins.every((o) => o !== TRUST_ROOT_HOST_PATTERNS[0]))).toEqual([]);
  });

  // Widened by RubyGems and Homebrew (issue 15): an optional registry's API host, fetched only while the user has it on (lib/background/optional-registries.ts).
  it('the registry fetcher is not widened: it reaches registry APIs only, each a required host or an optional registry\u2019s', () => {
    expect([...ALLOWED_HOSTS].sort()).toEqual(['formulae.brew.sh', 'pypi.org', 'registry.npmjs.org', 'rubygems.org']);
    const required = REQUIRED_HOST_PATTERNS.map(hostOf);
    const optionalRegistries = OPTIONAL_REGISTRY_HOST_PATTERNS.map(hostOf);
    for (const host of ALLOWED_HOSTS) expect([...required, ...optionalRegistries]).toContain(host);
    for (const p of [...TRUST_ROOT_HOST_PATTERNS, ...OPTIONAL_HOST_PATTERNS.filter((o) => !OPTIONAL_REGISTRY_HOST_PATTERNS.includes(o))]) expect(ALLOWED_HOSTS.has(hostOf(p))).toBe(false);
  });
});

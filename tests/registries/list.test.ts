import { describe, expect, it } from 'vitest';
import { registryFor } from '../../lib/registries/list';
import { REGISTRY_PAGES, REGISTRY_SITES } from '../../lib/registries/pages';
import { OPTIONAL_HOST_PATTERNS, REQUIRED_HOST_PATTERNS } from '../../lib/net/host-permissions';
import { registryOrigins } from '../../lib/registries/optional';
import { API_HOSTS, ECOSYSTEMS, isEcosystem, isRegistryPageUrl, OPTIONAL_REGISTRY_HOST_PATTERNS, REQUIRED_REGISTRY_HOST_PATTERNS, SITE_HOSTS } from '../../lib/registries/sites';

describe('the registry list', () => {
  it('names each registry once, as the same site in its page part and its worker part', () => {
    expect(new Set(ECOSYSTEMS).size).toBe(ECOSYSTEMS.length);
    expect(REGISTRY_PAGES.map((p) => p.ecosystem)).toEqual(REGISTRY_SITES.map((s) => s.ecosystem));
    for (const site of REGISTRY_SITES) {
      const page = REGISTRY_PAGES.find((p) => p.ecosystem === site.ecosystem)!;
      const registry = registryFor(site.ecosystem);
      for (const key of Object.keys(site) as (keyof typeof site)[]) expect(page[key]).toEqual(site[key]);
      for (const key of Object.keys(page) as (keyof typeof page)[]) expect(registry[key]).toBe(page[key]);
    }
  });

  it('refuses an id not in the list', () => {
    expect(isEcosystem('crates')).toBe(false);
    expect(isEcosystem('__proto__')).toBe(false);
    expect(() => registryFor('toString' as never)).toThrow(/unknown registry/);
  });

  it('each content script matches only its own site hosts', () => {
    for (const page of REGISTRY_PAGES) {
      for (const match of page.contentMatches) expect(page.siteHosts).toContain(new URL(match.replace('*', 'x')).hostname);
    }
  });

  it('derives the hosts the manifest, the fetcher and the sender check use', () => {
    expect(REQUIRED_REGISTRY_HOST_PATTERNS).toEqual(['https://pypi.org/*', 'https://registry.npmjs.org/*', 'https://www.npmjs.com/*']);
    // formulae.brew.sh is Homebrew's (optional: the worker refuses it while Homebrew is off); GitHub has none (github-fetch.ts alone reaches it).
    expect(OPTIONAL_REGISTRY_HOST_PATTERNS).toEqual(['https://rubygems.org/*', 'https://github.com/*', 'https://api.github.com/*', 'https://tmaproduction.blob.core.windows.net/*', 'https://tuf-repo.github.com/*', 'https://formulae.brew.sh/*']);
    expect([...API_HOSTS]).toEqual(['pypi.org', 'registry.npmjs.org', 'rubygems.org', 'formulae.brew.sh']);
    expect([...SITE_HOSTS]).toEqual(['pypi.org', 'www.npmjs.com', 'rubygems.org', 'github.com', 'formulae.brew.sh']);
  });

  it('an optional registry asks for hosts the manifest declares as optional, and none that is required', () => {
    const optional = REGISTRY_SITES.filter((s) => s.hostAccess === 'optional');
    expect(optional.map((s) => s.ecosystem)).toEqual(['rubygems', 'github', 'homebrew']);
    for (const site of optional) {
      for (const p of registryOrigins(site)) {
        expect(OPTIONAL_HOST_PATTERNS).toContain(p);
        expect(REQUIRED_HOST_PATTERNS).not.toContain(p);
      }
    }
    expect(registryOrigins(REGISTRY_SITES.find((s) => s.ecosystem === 'github')!)).toEqual([
      'https://github.com/*',
      'https://api.github.com/*',
      'https://tmaproduction.blob.core.windows.net/*',
      'https://tuf-repo.github.com/*',
    ]);
  });

  it.each([
    ['https://pypi.org/project/x/', true],
    ['https://www.npmjs.com/package/x', true],
    ['https://www.npmjs.com/', true],
    ['http://pypi.org/project/x/', false],
    ['https://pypi.org.evil.example/project/x/', false],
    ['https://pypi.org:8443/project/x/', false],
    ['https://user@pypi.org/project/x/', false],
    ['https://registry.npmjs.org/x', false],
    ['https://npmjs.com/package/x', false],
    ['https://pypi.org', false],
  ])('a sender at %s is a registry page: %s', (url, expected) => {
    expect(isRegistryPageUrl(url)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { hostOf, missingSiteAccess, REGISTRY_HOST_PATTERNS, siteAccessToolbar } from '../../lib/net/site-access';

describe('site access', () => {
  it('lists the patterns the browser does not grant, in manifest order', async () => {
    const granted = new Set(['https://registry.npmjs.org/*']);
    const asked: string[][] = [];
    const missing = await missingSiteAccess(async (origins) => {
      asked.push(origins);
      return origins.every((o) => granted.has(o));
    });
    expect(missing).toEqual(['https://pypi.org/*', 'https://www.npmjs.com/*']);
    expect(asked).toEqual(REGISTRY_HOST_PATTERNS.map((p) => [p]));
  });

  it('counts a pattern the browser cannot answer for as missing', async () => {
    expect(await missingSiteAccess(async (o) => (o[0] === 'https://pypi.org/*' ? Promise.reject(new Error('no')) : true))).toEqual(['https://pypi.org/*']);
  });

  it('nothing missing: an empty toolbar default; otherwise OFF and the hosts in the title', () => {
    expect(siteAccessToolbar([]).text).toBe('');
    const look = siteAccessToolbar(['https://pypi.org/*', 'https://www.npmjs.com/*']);
    expect(look.text).toBe('OFF');
    expect(look.title).toBe('Provenant cannot read pypi.org, www.npmjs.com: site access is turned off. Click for details.');
    expect(hostOf('https://registry.npmjs.org/*')).toBe('registry.npmjs.org');
  });
});

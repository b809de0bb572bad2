import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '../../lib/background/router';
import { VerdictService } from '../../lib/background/verdict-service';
import { TrustService } from '../../lib/trust/trust-service';
import type { TrustRecord } from '../../lib/trust/stored-trust';
import { CLOCK, REPO, repoFile, serve } from './tuf-repo';

const EXT = { extensionOrigin: 'chrome-extension://abc/', extensionId: 'abc' };
const options = { id: 'abc', url: 'chrome-extension://abc/options.html' };
const contentScript = { id: 'abc', url: 'https://www.npmjs.com/package/lodash', tab: { id: 7, url: 'https://www.npmjs.com/package/lodash' } };
const otherExtension = { id: 'evil', url: 'chrome-extension://evil/page.html' };

function router() {
  let stored: unknown = {};
  const repo = serve(REPO.current);
  const trust = new TrustService({
    seed: { root: repoFile(REPO.current, '1.root.json'), targets: { trustedRoot: '{}', npmKeys: '{}' } },
    store: { read: async () => stored, write: async (r: TrustRecord) => void (stored = r) },
    fetch: repo.fetch,
    now: () => CLOCK.current,
  });
  const service = new VerdictService({
    verifyRelease: async () => { throw new Error('not used'); },
    store: { getReport: async () => undefined, putReport: async () => {}, getPin: async () => undefined, addPin: async () => {}, trustOnFirstUse: async () => false },
  });
  const route = createRouter({ ...EXT, service, trust, setToolbar: async () => {}, history: async () => { throw new Error('not used'); }, tabUrl: async () => undefined, refreshBadge: async () => {},
    openPopup: async () => { throw new Error('not used'); }, injectPanel: async () => { throw new Error('not used'); }, verifiedIdentities: async () => [] });
  return { route, repo };
}

describe('trust/status and trust/refresh messages', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are refused to content scripts and other extensions, and fetch nothing for them', async () => {
    const { route, repo } = router();
    for (const sender of [contentScript, otherExtension]) {
      for (const type of ['trust/status', 'trust/refresh']) {
        expect(await route({ type }, sender as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(repo.requests).toEqual([]);
  });

  it('the options page sees the material in use and can refresh it', async () => {
    const { route, repo } = router();
    expect(await route({ type: 'trust/status' }, options as never)).toMatchObject({ ok: true, value: { source: 'embedded', rootVersion: 1 } });
    const refreshed = await route({ type: 'trust/refresh' }, options as never);
    expect(refreshed).toMatchObject({ ok: true, value: { ok: true, changed: true, status: { source: 'refreshed', rootVersion: 15, targetsVersion: 14, lastAttempt: { ok: true, reason: 'user' } } } });
    expect(repo.requests).toContain('timestamp.json');
  });
});

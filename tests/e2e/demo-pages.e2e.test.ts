/**
 * The pages `npm run demo` opens for a newcomer show what the demo's guide
 * says they show (tools/demo.ts lists them from scenario/recorded-registries.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness/browser';
import { startReplayServer, type ReplayServer } from './harness/replay-server';
import { recordedRegistries } from './scenario/recorded-registries';
import { HAVE_SHARED, SHARED_FIXTURES } from '../support/shared-fixtures';

const registries = HAVE_SHARED ? recordedRegistries(SHARED_FIXTURES) : undefined;

describe.skipIf(!HAVE_SHARED)('the demo pages', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    server = await startReplayServer();
    registries!.install(server);
    h = await launchExtension({ server });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it.each((registries?.demoPages ?? []).map((p) => [`${p.url} — ${p.title}`, p] as const))('%s', async (_name, { url, expect: status, alert }) => {
    const page = await h.context.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction((s) => document.querySelector('provenant-badge')?.getAttribute('data-status') === s, status, { timeout: 20_000 });
      if (alert) {
        await page.waitForFunction((a) => document.querySelector('provenant-badge')?.getAttribute('data-alert')?.split(' ').includes(a), alert, { timeout: 20_000 });
      }
      expect(await page.locator('provenant-badge').getAttribute('data-status')).toBe(status);
    } finally {
      await page.close();
    }
  });

  it('contacted nothing but the replayed registries', () => {
    expect(h.unexpectedRequests()).toEqual([]);
  });
});

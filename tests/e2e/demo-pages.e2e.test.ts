/**
 * The pages `npm run demo` opens for a newcomer show what the demo's guide
 * says they show (tools/demo.ts lists them from scenario/recorded-registries.ts).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pregrantedExtensionCopy, turnOnInOptions } from './harness/optional-registries';
import { recordedRegistries } from './scenario/recorded-registries';
import { FIXTURES } from '../support/fixtures';
import { extensionOnReplay } from './harness/suite';

const registries = recordedRegistries(FIXTURES);

// Registries the demo turns on first (RubyGems), granted the way harness/optional-registries.ts explains.
const turnOn = [...new Set(registries.demoPages.flatMap((p) => (p.turnOn ? [p.turnOn] : [])))];

describe('the demo pages', () => {
  const copy = turnOn.length > 0 ? pregrantedExtensionCopy(turnOn) : undefined;
  const suite = extensionOnReplay(copy ? { launch: { extensionPath: copy } } : {});
  beforeAll(async () => {
    for (const id of turnOn) await turnOnInOptions(suite.h.context, suite.h.optionsUrl, id);
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it.each((registries?.demoPages ?? []).map((p) => [`${p.url} — ${p.title}`, p] as const))('%s', async (_name, { url, expect: status, alert }) => {
    const page = await suite.h.context.newPage();
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
    expect(suite.h.unexpectedRequests()).toEqual([]);
  });
});

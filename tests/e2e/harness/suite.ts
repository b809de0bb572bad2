import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness, type LaunchOptions } from './browser';
import { startReplayServer, type ReplayServer } from './replay-server';
import { recordedRegistries } from '../scenario/recorded-registries';
import { FIXTURES } from '../../support/fixtures';

export interface ExtensionOnReplay {
  /** Set once the suite's beforeAll has run. */
  readonly server: ReplayServer;
  readonly h: ExtensionHarness;
  readonly registries: ReturnType<typeof recordedRegistries>;
  /** A new tab on `url`, closed after the test. */
  open(url: string, viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * The common frame of the Chromium suites: the replay of the recorded
 * registries (plus any `routes` a suite adds), the built extension loaded in
 * Chromium, tabs closed after each test and everything after the suite.
 * Call it inside the suite's `describe`.
 */
export function extensionOnReplay(options: { routes?: (server: ReplayServer) => void; launch?: Omit<LaunchOptions, 'server'> } = {}): ExtensionOnReplay {
  let server: ReplayServer | undefined;
  let h: ExtensionHarness | undefined;
  const registries = recordedRegistries(FIXTURES);
  const pages: Page[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet (use it inside a test or hook)`);
    return value;
  };

  beforeAll(async () => {
    server = await startReplayServer();
    registries.install(server);
    options.routes?.(server);
    h = await launchExtension({ ...options.launch, server });
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close().catch(() => undefined);
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  return {
    get server() {
      return started(server, 'the replay server');
    },
    get h() {
      return started(h, 'the browser');
    },
    registries,
    async open(url, viewport) {
      const page = await started(h, 'the browser').context.newPage();
      pages.push(page);
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(url);
      return page;
    },
  };
}

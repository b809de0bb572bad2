import { launchExtension } from '../tests/e2e/harness/browser';
import { benchCases } from './bench-cases';

/** Times verification inside the built extension's service worker in Chromium. */
export async function benchBrowser(fixtures: string, runs: number) {
  const h = await launchExtension({});
  try {
    const rows = [];
    for (const c of benchCases(fixtures)) {
      const r = await h.serviceWorker.evaluate(
        ([bundle, n]) => (globalThis as any).provenantDiagnostics.time(bundle, n),
        [c.bundle, runs] as const,
      );
      rows.push({ name: c.name, ...(r as { rootLoadMs: number; firstMs: number; medianMs: number; runs: number }) });
    }
    return rows;
  } finally {
    await h.close();
  }
}

/**
 * A TUF refresh inside the Chromium service worker of the e2e test build
 * (.output-test/chrome-mv3: test clock, 2025-10-09 seed; built by
 * tests/e2e/live-trust.e2e.test.ts), against a local HTTPS replay of the
 * recorded repository. Wall time in the worker, local network included.
 */
export async function benchBrowserRefresh(fixtures: string, extensionPath: string) {
  const { startReplayServer } = await import('../tests/e2e/harness/replay-server');
  const { existsSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(fixtures, 'tuf/sigstore-root-signing/current');
  const server = await startReplayServer();
  server.route('tuf-repo-cdn.sigstore.dev', /.*/, (req) => {
    const file = join(dir, req.pathname.slice(1));
    return req.pathname.length > 1 && !req.pathname.includes('..') && existsSync(file) ? { body: readFileSync(file) } : { status: 404, body: '' };
  });
  const h = await launchExtension({ server, extensionPath });
  try {
    const refresh = () => h.serviceWorker.evaluate(() => (globalThis as any).provenantDiagnostics.timeRefresh()) as Promise<{ ms: number; ok: boolean; code?: string }>;
    // Let the worker's own start refresh finish, then forget it: the next refresh starts from the seed.
    await new Promise((r) => setTimeout(r, 2000));
    await h.serviceWorker.evaluate(() => (globalThis as any).chrome.storage.local.remove(['trust', 'trust$']));
    const fromSeed = await refresh();
    const again = await refresh();
    return [
      { name: 'Chromium SW (test build), from the 2025-10-09 seed: roots 14, 15, new metadata and trusted_root.json', ...fromSeed },
      { name: 'Chromium SW (test build), again: nothing new', ...again },
    ];
  } finally {
    await h.close();
    await server.stop();
  }
}

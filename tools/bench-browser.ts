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

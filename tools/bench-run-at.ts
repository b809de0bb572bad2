import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIAGNOSTICS_EXTENSION_PATH, launchExtension, type ExtensionHarness } from '../tests/e2e/harness/browser';
import { startReplayServer } from '../tests/e2e/harness/replay-server';
import { recordedRegistries } from '../tests/e2e/scenario/recorded-registries';
import { BADGE_PAGES, visitBadge } from './bench-browser';

const ROUNDS = Number(process.env.BENCH_RUN_AT_ROUNDS ?? 7);
const RUN_ATS = ['document_idle', 'document_start', 'document_end'] as const;
type RunAt = (typeof RUN_ATS)[number];

export type RunAtFigures = Record<string, Record<RunAt, { badgeMs: number; domInteractiveMs: number; samples: number }>>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The choice in lib/content/run-at.ts, measured: the same diagnostics build
 * with the badge scripts' `run_at` rewritten in a copy of its manifest, one
 * browser per variant, visits interleaved so the machine's load falls on all
 * alike. Per page: navigation start to the frame after a cached badge says
 * verified, and the page's own domInteractive (when its parse finished).
 */
export async function benchRunAt(fixtures: string): Promise<RunAtFigures> {
  const server = await startReplayServer();
  recordedRegistries(fixtures).install(server);
  const copies: string[] = [];
  const browsers = new Map<RunAt, ExtensionHarness>();
  try {
    for (const runAt of RUN_ATS) {
      const dir = mkdtempSync(join(tmpdir(), `provenant-${runAt}-`));
      copies.push(dir);
      cpSync(DIAGNOSTICS_EXTENSION_PATH, dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { run_at?: string }[] };
      for (const script of manifest.content_scripts ?? []) script.run_at = runAt;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      browsers.set(runAt, await launchExtension({ server, extensionPath: dir }));
    }
    const samples = new Map<string, { badge: number[]; interactive: number[] }>();
    // Round 0 fills each browser's verdict cache and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [kind, url] of Object.entries(BADGE_PAGES)) {
        for (const [runAt, h] of browsers) {
          const visit = await visitBadge(h, server, url);
          if (round === 0) continue;
          const key = `${kind}:${runAt}`;
          const s = samples.get(key) ?? { badge: [], interactive: [] };
          s.badge.push(visit.ms);
          s.interactive.push(visit.domInteractiveMs);
          samples.set(key, s);
        }
      }
    }
    const figures: RunAtFigures = {};
    for (const kind of Object.keys(BADGE_PAGES)) {
      figures[kind] = Object.fromEntries(
        RUN_ATS.map((runAt) => {
          const s = samples.get(`${kind}:${runAt}`)!;
          return [runAt, { badgeMs: median(s.badge), domInteractiveMs: median(s.interactive), samples: s.badge.length }];
        }),
      ) as RunAtFigures[string];
    }
    return figures;
  } finally {
    for (const h of browsers.values()) await h.close();
    await server.stop();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateTrust, type TufState } from '../lib/trust/tuf-update';
import type { TufFetch } from '../lib/trust/tuf-fetch';
import { loadTrustedRoot } from '../lib/verify/trust-root';
import { PUBLIC_GOOD_SEED } from '../lib/verify/embedded-trust';

/**
 * Worker time of one TUF refresh (tests/fixtures/tuf/, clock inside the
 * recording's window), network excluded: files are served from memory. Each
 * run includes loading the refreshed trusted root, as the worker does.
 */
const NOW = new Date('2026-08-25T00:00:00Z');

function memoryRepo(dir: string): TufFetch {
  const cache = new Map<string, Uint8Array | undefined>();
  return async (path) => {
    if (!cache.has(path)) cache.set(path, existsSync(join(dir, path)) ? new Uint8Array(readFileSync(join(dir, path))) : undefined);
    return cache.get(path);
  };
}

async function timed(runs: number, from: () => TufState, fetch: TufFetch) {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const result = await updateTrust(from(), { fetch, now: () => NOW });
    loadTrustedRoot(result.targets.trustedRoot, { name: 'public-good', npmKeys: JSON.parse(result.targets.npmKeys) });
    samples.push(performance.now() - t0);
  }
  const [first, ...rest] = samples;
  rest.sort((a, b) => a - b);
  return { firstMs: first!, medianMs: rest[Math.floor(rest.length / 2)]! };
}

export async function benchTrust(fixtures: string, runs: number) {
  const repo = join(fixtures, 'tuf/sigstore-root-signing');
  const current = memoryRepo(join(repo, 'current'));
  const olderState = await updateTrust({ root: readFileSync(join(repo, 'older-2025-10-09/13.root.json'), 'utf8') }, { fetch: memoryRepo(join(repo, 'older-2025-10-09')), now: () => new Date('2025-10-12T00:00:00Z') });
  return [
    { name: 'from the embedded seed (root v16; nothing new in the recording)', ...(await timed(runs, () => ({ root: PUBLIC_GOOD_SEED.root }), current)) },
    { name: 'from the 2025-10-09 state: roots 14, 15, new snapshot, targets, delegation and trusted_root.json', ...(await timed(runs, () => olderState.state, current)) },
  ];
}

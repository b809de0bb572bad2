import { benchCases } from './bench-cases';
import { embeddedNpmKeysJSON, embeddedTrustedRootJSON, publicGoodTrust } from '../lib/verify/embedded-trust';
import { loadTrustedRoot } from '../lib/verify/trust-root';
import { verifyBundle } from '../lib/verify/verify-bundle';

export function benchNode(fixtures: string, runs: number) {
  const r0 = performance.now();
  loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good', npmKeys: embeddedNpmKeysJSON() });
  const rootLoadMs = performance.now() - r0;
  const rows = benchCases(fixtures).map((c) => {
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      verifyBundle(c.bundle, { trust: publicGoodTrust() });
      samples.push(performance.now() - t0);
    }
    const [first, ...rest] = samples;
    rest.sort((a, b) => a - b);
    return { name: c.name, firstMs: first!, medianMs: rest[Math.floor(rest.length / 2)]!, runs: rest.length };
  });
  return { rootLoadMs, rows };
}

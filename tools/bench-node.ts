import { benchCases } from './bench-cases';
import { signatureMemo } from '../lib/vendor/sigstore.generated.js';
import { embeddedNpmKeysJSON, embeddedTrustedRootJSON, publicGoodTrust } from '../lib/verify/embedded-trust';
import { loadTrustedRoot } from '../lib/verify/trust-root';
import { verifyBundleFast } from '../lib/verify/verify-bundle';

/** Provenant's pipeline (the fast path, memo off) in Node: the same vendor bundle, Node's WebCrypto. */
export async function benchNode(fixtures: string, runs: number) {
  signatureMemo.enabled = false;
  const r0 = performance.now();
  loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good', npmKeys: embeddedNpmKeysJSON() });
  const rootLoadMs = performance.now() - r0;
  const rows = [];
  for (const c of benchCases(fixtures)) {
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      await verifyBundleFast(c.bundle, { trust: publicGoodTrust() });
      samples.push(performance.now() - t0);
    }
    const [first, ...rest] = samples;
    rest.sort((a, b) => a - b);
    rows.push({ name: c.name, firstMs: first!, medianMs: rest[Math.floor(rest.length / 2)]!, runs: rest.length });
  }
  return { rootLoadMs, rows };
}

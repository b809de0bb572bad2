import { describe, expect, it } from 'vitest';
import { signatureMemo } from '../../lib/vendor/sigstore.generated.js';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { fastPathStats, verifyBundleFast } from '../../lib/verify/verify-bundle';
import { warmVerifier } from '../../lib/verify/warm-up';
import { readFixtureJSON } from '../support/fixtures';

// A real npm SLSA provenance bundle: its leaf chains to the public-good Fulcio intermediate and root.
const provenance = () =>
  readFixtureJSON<{ attestations: { predicateType: string; bundle: unknown }[] }>('npm-attestations/npm-cli/valid-sigstore-attestations.json').attestations.find((a) =>
    a.predicateType.startsWith('https://slsa.dev'),
  )!.bundle;

async function checksOf(bundle: unknown): Promise<number> {
  const before = fastPathStats.checks;
  await verifyBundleFast(bundle, { trust: publicGoodTrust() });
  return fastPathStats.checks - before;
}

describe('warmVerifier', () => {
  it('checks the trusted root\'s CA chains natively, and the first bundle then finds them answered', async () => {
    signatureMemo.enabled = false;
    const cold = await checksOf(provenance());
    signatureMemo.enabled = true;
    try {
      const checked = await warmVerifier(async () => publicGoodTrust());
      // Every certificate in the public-good root's CA chains (each Fulcio root and intermediate).
      const certs = publicGoodTrust().material.certificateAuthorities.reduce((n, ca) => n + ca.certChain.length, 0);
      expect(checked).toBe(certs);
      // The chain checks (intermediate by root, root by itself) are memo hits now; the rest still run.
      const warm = await checksOf(provenance());
      expect(warm).toBeLessThanOrEqual(cold - 2);
      expect(warm).toBeGreaterThan(0);
    } finally {
      signatureMemo.enabled = true;
    }
  });

  it('a chain that does not verify stores nothing and throws nothing', async () => {
    const trust = publicGoodTrust();
    // The intermediate "verified" by itself: not its own issuer, so not native-true.
    const broken = { ...trust, material: { ...trust.material, certificateAuthorities: trust.material.certificateAuthorities.map((ca) => ({ ...ca, certChain: ca.certChain.slice(0, 1) })) } };
    const single = trust.material.certificateAuthorities.filter((ca) => ca.certChain.length === 1).length;
    expect(await warmVerifier(async () => broken)).toBe(single);
  });
});

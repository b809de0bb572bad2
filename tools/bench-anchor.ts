// The anchor of `npm run bench`: sigstore-js itself on Node with native
// node:crypto (the packages from node_modules, not Provenant's vendor bundle),
// on the same bundles and trust material. Bundled with the packages external,
// so `crypto` is Node's own.
import { bundleFromJSON } from '@sigstore/bundle';
import { PublicKey, TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
// The seed file the extension packages, read as sigstore-js would read it (no Provenant code in between).
import seed from '../public/trust/public-good-seed.json' with { type: 'json' };
import { benchCases } from './bench-cases';

export function benchAnchor(fixtures: string, runs: number) {
  const npmKeys: Record<string, PublicKey> = {};
  for (const key of seed.npmKeys.keys) {
    if (key.keyUsage === 'npm:attestations') npmKeys[key.keyId] = PublicKey.fromJSON(key.publicKey);
  }
  const trust = toTrustMaterial(TrustedRoot.fromJSON(seed.trustedRoot), npmKeys);
  const verifier = new Verifier(trust);
  return benchCases(fixtures).map((c) => {
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      verifier.verify(toSignedEntity(bundleFromJSON(c.bundle)));
      samples.push(performance.now() - t0);
    }
    const [first, ...rest] = samples;
    rest.sort((a, b) => a - b);
    return { name: c.name, firstMs: first!, medianMs: rest[Math.floor(rest.length / 2)]! };
  });
}

// The anchor of `npm run bench`: sigstore-js itself on Node with native
// node:crypto (the packages from node_modules, not Provenant's vendor bundle),
// on the same bundles and trust material. Bundled with the packages external,
// so `crypto` is Node's own.
import { bundleFromJSON } from '@sigstore/bundle';
import { PublicKey, TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { NPM_KEYS_JSON, TRUSTED_ROOT_JSON } from '../lib/vendor/trust-seed.generated.js';
import { benchCases } from './bench-cases';

export function benchAnchor(fixtures: string, runs: number) {
  const npmKeys: Record<string, PublicKey> = {};
  for (const key of JSON.parse(NPM_KEYS_JSON).keys) {
    if (key.keyUsage === 'npm:attestations') npmKeys[key.keyId] = PublicKey.fromJSON(key.publicKey);
  }
  const trust = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(TRUSTED_ROOT_JSON)), npmKeys);
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

import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'vitest';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { VerifyError } from '../../lib/verify/errors';

const root = '/work/shared/fixtures/npm-attestations';
test('explore', () => {
  const trust = publicGoodTrust();
  const files = ['npm-cli/valid-sigstore-attestations.json', 'npm-cli/valid-tuf-js-attestations.json',
    ...readdirSync(root + '/slsa-verifier/verifiers/internal/gha/testdata').map((f) => 'slsa-verifier/verifiers/internal/gha/testdata/' + f)];
  for (const f of files) {
    const d = JSON.parse(readFileSync(`${root}/${f}`, 'utf8'));
    for (const a of d.attestations) {
      try {
        const v = verifyBundle(a.bundle, { trust });
        console.log(f, a.predicateType, 'OK', JSON.stringify(v.signer).slice(0, 3000), JSON.stringify(v.timestamps));
        if (a.predicateType.includes('slsa')) console.log(JSON.stringify(v.statement?.predicate, null, 1));
      } catch (e) { console.log(f, a.predicateType, 'ERR', (e as VerifyError).code, (e as Error).message); }
    }
  }
  for (const f of ['sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json', 'npm-cli/digest-mismatch-provenance-bundle.json', 'npm-cli/multi-subject-provenance-bundle.json', 'npm-cli/no-provenance-envelope-bundle.json', 'npm-cli/no-provenance-subject-bundle.json']) {
    const b = JSON.parse(readFileSync(`${root}/${f}`, 'utf8'));
    try {
      const v = verifyBundle(b, { trust });
      console.log(f, 'OK', JSON.stringify(v.signer), JSON.stringify(v.statement?.predicate, null, 1));
    } catch (e) { console.log(f, 'ERR', (e as VerifyError).code, (e as Error).message); }
  }
});

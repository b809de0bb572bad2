import { allVerifyNatively, runRecorded } from '../crypto/recorded-verify';
import type { TrustContext } from './trust-root';

/**
 * Work every first verification of a worker would do, done ahead: the trust
 * material parsed (by `current()`), and the certificate-authority chains of
 * the trusted root checked — each CA certificate's signature by its issuer,
 * each root's by itself, the very checks sigstore-js's chain builder makes for
 * every Fulcio leaf. They run natively (the recorded-check path of
 * docs/native-verify.md); a native success is stored in the signature-verdict
 * memo, so the first real bundle finds them answered, and the key imports and
 * the verifier's code are warm. A check that does not verify natively stores
 * nothing (the memo only ever holds real verdicts), and a failure here changes
 * nothing but the time of the first verification.
 */
export async function warmVerifier(current: () => Promise<TrustContext>): Promise<number> {
  const { material } = await current();
  let checked = 0;
  for (const ca of material.certificateAuthorities) {
    const chain = ca.certChain;
    for (const [i, cert] of chain.entries()) {
      const issuer = chain[i + 1];
      const { run, checks } = runRecorded(() => (issuer ? cert.verify(issuer) : cert.verify()));
      // No recorded check: the memo answered with a real verdict, which `run` carries.
      if (run.ok && run.value === true && (checks.length === 0 || (await allVerifyNatively(checks)))) checked++;
    }
  }
  return checked;
}

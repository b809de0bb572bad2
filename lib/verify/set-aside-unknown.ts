import { Buffer, Verifier, coreCrypto } from '../vendor/sigstore.generated.js';
import type { SignedEntity, TrustMaterial } from '../vendor/sigstore.generated.js';
import { ProvenantError } from '../errors/provenant-error';

/**
 * Whether a bundle that failed while naming trust material the root does not
 * list (lib/verify/unknown-trust.ts) also fails for another reason. Used only
 * when that material could not be refreshed (lib/trust/verify-with-trust.ts):
 * a bundle that fails only because its log, authority or key is new is
 * "could not decide" (`error`), but one that is also altered (a changed
 * payload, signature or certificate) is `failed`, whatever log it names.
 *
 * The checks tied to the unknown material are set aside, every other one
 * runs: entries of unknown transparency logs are left out of the log checks
 * (their integrated times still serve as the times the certificate chain is
 * checked at), timestamps of unknown authorities are dropped. When the
 * signing key itself cannot be tied to the root (an unknown CA, CT log or
 * registry key) or no time is left to check it at, only what the bundle
 * proves by itself is checked: its signature under its certificate's own key.
 * Throws the failing step's error; returning proves nothing: the caller never
 * takes such a run as verified.
 */
export function verifySettingAsideUnknown(entity: SignedEntity, trust: TrustMaterial, publicLog: boolean): SignedEntity | undefined {
  const tlogEntries = entity.tlogEntries.filter((e) => trust.tlogs.some((log) => coreCrypto.bufferEqual(log.logID, Buffer.from(e.logId.keyId))));
  const timestamps = entity.timestamps.filter(
    (t) => t.$case !== 'timestamp-authority' || trust.timestampAuthorities.some((ca) => ca.certChain[0] && coreCrypto.bufferEqual(ca.certChain[0].issuer, t.timestamp.signerIssuer)),
  );
  const times = timestamps.filter((t) => t.$case === 'timestamp-authority' || t.tlogEntry.inclusionPromise !== undefined);
  if (signingKeyKnown(entity, trust) && times.length > 0) {
    const reduced: SignedEntity = { ...entity, tlogEntries, timestamps };
    new Verifier(trust, { tlogThreshold: tlogEntries.length > 0 ? 1 : 0, ctlogThreshold: publicLog ? 1 : 0 }).verify(reduced);
    return reduced;
  }
  if (entity.key.$case === 'certificate' && !entity.signature.verifySignature(coreCrypto.createPublicKey(entity.key.certificate.publicKey))) {
    throw new ProvenantError('verify', 'SIGNATURE_INVALID', 'the signature does not verify under the bundle\u2019s own certificate');
  }
  return undefined;
}

function signingKeyKnown(entity: SignedEntity, trust: TrustMaterial): boolean {
  if (entity.key.$case === 'public-key') {
    try {
      trust.publicKey(entity.key.hint);
      return true;
    } catch {
      return false;
    }
  }
  const cert = entity.key.certificate;
  const caKnown = trust.certificateAuthorities.some((ca) => ca.certChain.some((c) => coreCrypto.bufferEqual(c.subject, cert.issuer)));
  const sctsKnown = (cert.extSCT?.signedCertificateTimestamps ?? []).every((sct) => trust.ctlogs.some((log) => coreCrypto.bufferEqual(log.logID, sct.logID)));
  return caKnown && sctsKnown;
}

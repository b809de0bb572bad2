import type { SignedEntity, TrustMaterial } from '../vendor/sigstore.generated.js';
import { Buffer, coreCrypto } from '../vendor/sigstore.generated.js';

/**
 * What a bundle names that the trusted root does not list: a transparency
 * log, a CT log, a certificate authority, a timestamp authority, or (npm) a
 * registry key. Such a failure may mean the root is out of date rather than
 * that the bundle is bad (Sigstore adds logs and rotates keys, TUF delivers
 * them), so the worker refreshes the root and verifies again once
 * (lib/trust/trust-service.ts). Matching follows what sigstore-js does when it
 * picks material: log id, issuer name, key hint.
 */
export function unknownTrustMaterial(entity: SignedEntity, trust: TrustMaterial): string | undefined {
  for (const entry of entity.tlogEntries) {
    const id = entry.logId?.keyId;
    if (id && !trust.tlogs.some((log) => coreCrypto.bufferEqual(log.logID, Buffer.from(id)))) {
      return `transparency log ${Buffer.from(id).toString('hex')}`;
    }
  }
  if (entity.key.$case === 'public-key') {
    try {
      trust.publicKey(entity.key.hint);
    } catch {
      return `signing key ${entity.key.hint}`;
    }
  } else {
    const cert = entity.key.certificate;
    const cas = trust.certificateAuthorities.flatMap((ca) => ca.certChain);
    if (!cas.some((c) => coreCrypto.bufferEqual(c.subject, cert.issuer))) return 'certificate authority of the signing certificate';
    for (const sct of cert.extSCT?.signedCertificateTimestamps ?? []) {
      if (!trust.ctlogs.some((log) => coreCrypto.bufferEqual(log.logID, sct.logID))) return `certificate-transparency log ${sct.logID.toString('hex')}`;
    }
  }
  for (const t of entity.timestamps) {
    if (t.$case !== 'timestamp-authority') continue;
    const ts = t.timestamp;
    const known = trust.timestampAuthorities.some((ca) => ca.certChain[0] && coreCrypto.bufferEqual(ca.certChain[0].issuer, ts.signerIssuer));
    if (!known) return 'timestamp authority';
  }
  return undefined;
}

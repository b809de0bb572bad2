import { FULCIO_OIDS, LEGACY_FIELDS, type CertificateIdentity, type FulcioField } from '../identity/extensions';
import type { X509Certificate } from '../vendor/sigstore.generated.js';

export type { CertificateIdentity, FulcioField } from '../identity/extensions';

/** Reads the Fulcio extensions of a certificate the pipeline has verified. */
export function certificateIdentity(cert: X509Certificate): CertificateIdentity {
  const extensions: Partial<Record<FulcioField, string>> = {};
  for (const [field, oid] of Object.entries(FULCIO_OIDS) as [FulcioField, string][]) {
    const ext = cert.extension(oid);
    if (!ext) continue;
    const value = LEGACY_FIELDS.has(field) ? ext.value.toString('utf8') : derString(ext);
    if (value !== undefined) extensions[field] = value;
  }
  return {
    subjectAlternativeName: cert.subjectAltName,
    issuer: extensions.issuer ?? extensions.legacyIssuer,
    extensions,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}

function derString(ext: NonNullable<ReturnType<X509Certificate['extension']>>): string | undefined {
  // extnValue is an OCTET STRING wrapping the DER UTF8String.
  try {
    return ext.valueObj.subs[0]?.value.toString('utf8');
  } catch {
    return undefined;
  }
}

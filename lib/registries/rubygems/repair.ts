/**
 * Two defects rubygems.org's own records are known to have, repaired the way
 * rubygems.org repairs them server-side (rubygems/rubygems.org
 * `app/models/concerns/attestation_bundle_repair.rb`), so an old attestation
 * that is only mis-framed is still checked instead of failing to parse:
 *
 * 1. a transparency-log entry without `kindVersion`: RubyGems attestations are
 *    `hashedrekord` 0.0.1 entries, so that is what is filled in;
 * 2. `certificate.rawBytes` holding the base64 of a PEM text instead of the
 *    base64 of the DER certificate: the PEM's own base64 body is the DER's.
 *
 * Why this stays sound: both fields are framing, not signed content. The log
 * entry's body is still compared with its kind and version and proved against
 * the log, and the certificate still has to chain to Fulcio and match the one
 * the log recorded; a wrong repair fails verification. Every repair is
 * reported, never silent.
 */

export const HASHED_REKORD_KIND_VERSION = { kind: 'hashedrekord', version: '0.0.1' } as const;

const PEM_HEADER = '-----BEGIN CERTIFICATE-----';
const PEM_FOOTER = '-----END CERTIFICATE-----';

export interface RepairedBundle {
  /** A copy of the bundle with the repairs applied (the input is not changed). */
  bundle: unknown;
  /** One line per repair, for the report's detail; empty when the bundle was well-formed. */
  repairs: string[];
}

export function repairAttestationBundle(raw: unknown): RepairedBundle {
  if (!isObject(raw) || !isObject(raw.verificationMaterial)) return { bundle: raw, repairs: [] };
  const repairs: string[] = [];
  const material = { ...raw.verificationMaterial };
  const entries = material.tlogEntries;
  if (Array.isArray(entries) && entries.some((e) => isObject(e) && !('kindVersion' in e))) {
    material.tlogEntries = entries.map((e, i) => {
      if (!isObject(e) || 'kindVersion' in e) return e;
      repairs.push(`transparency-log entry ${i} had no kindVersion; hashedrekord 0.0.1 assumed, as rubygems.org repairs it`);
      return { ...e, kindVersion: { ...HASHED_REKORD_KIND_VERSION } };
    });
  }
  const certificate = material.certificate;
  if (isObject(certificate) && typeof certificate.rawBytes === 'string') {
    const der = derFromDoubleEncodedPem(certificate.rawBytes);
    if (der !== undefined) {
      material.certificate = { ...certificate, rawBytes: der };
      repairs.push('the certificate was stored as base64 of a PEM text; its DER was taken from the PEM, as rubygems.org repairs it');
    }
  }
  return repairs.length === 0 ? { bundle: raw, repairs } : { bundle: { ...raw, verificationMaterial: material }, repairs };
}

/**
 * The base64 DER inside `rawBytes` when `rawBytes` decodes to exactly one PEM
 * certificate block; undefined otherwise (including for ordinary DER, whose
 * first byte is 0x30, never `-`).
 */
function derFromDoubleEncodedPem(rawBytes: string): string | undefined {
  let text: string;
  try {
    text = atob(rawBytes);
  } catch {
    return undefined;
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith(PEM_HEADER) || !trimmed.endsWith(PEM_FOOTER)) return undefined;
  const body = trimmed.slice(PEM_HEADER.length, trimmed.length - PEM_FOOTER.length);
  if (body.includes('-----')) return undefined; // more than one block, or headers
  const b64 = body.replace(/[\r\n\t ]+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0 ? b64 : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

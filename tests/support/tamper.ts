/**
 * One-byte tamperings of a serialized Sigstore bundle. Each flips one byte of
 * one decoded field and re-encodes it, so the result is still well-formed and
 * only the cryptography can notice.
 */
type Json = Record<string, any>;

export type TamperKind = 'payload' | 'signature' | 'certificate' | 'tlog-body' | 'inclusion-proof-hash';

function flipByte(b64: string, at: 'middle' | number = 'middle'): string {
  const bytes = Buffer.from(b64, 'base64');
  const i = at === 'middle' ? Math.floor(bytes.length / 2) : at;
  bytes[i] = bytes[i]! ^ 0x01;
  return bytes.toString('base64');
}

export function tamper(bundle: Json, kind: TamperKind): Json {
  const copy: Json = structuredClone(bundle);
  const vm = copy.verificationMaterial;
  switch (kind) {
    case 'payload':
      if (copy.dsseEnvelope) copy.dsseEnvelope.payload = flipPayload(copy.dsseEnvelope.payload);
      else copy.messageSignature.messageDigest.digest = flipByte(copy.messageSignature.messageDigest.digest);
      break;
    case 'signature':
      if (copy.dsseEnvelope) copy.dsseEnvelope.signatures[0].sig = flipByte(copy.dsseEnvelope.signatures[0].sig, 'middle');
      else copy.messageSignature.signature = flipByte(copy.messageSignature.signature);
      break;
    case 'certificate': {
      const holder = vm.certificate ?? vm.x509CertificateChain?.certificates?.[0];
      if (!holder) throw new Error('bundle has no certificate');
      // Inside the TBS part (the subject public key region), not the outer DER framing.
      holder.rawBytes = flipByte(holder.rawBytes, Math.floor(Buffer.from(holder.rawBytes, 'base64').length * 0.4));
      break;
    }
    case 'tlog-body':
      vm.tlogEntries[0].canonicalizedBody = flipBodyByte(vm.tlogEntries[0].canonicalizedBody);
      break;
    case 'inclusion-proof-hash': {
      const proof = vm.tlogEntries[0].inclusionProof;
      if (!proof?.hashes?.length) throw new Error('bundle has no inclusion proof hashes');
      proof.hashes[0] = flipByte(proof.hashes[0], 0);
      break;
    }
  }
  return copy;
}

// Flip a byte inside a JSON string value of the statement so it stays parseable.
function flipPayload(b64: string): string {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const i = text.indexOf('"predicateType"');
  const at = i >= 0 ? i + 20 : Math.floor(text.length / 2);
  const c = text.charCodeAt(at);
  const swapped = text.slice(0, at) + String.fromCharCode(c === 0x61 ? 0x62 : 0x61) + text.slice(at + 1);
  return Buffer.from(swapped, 'utf8').toString('base64');
}

// The canonicalized body is JSON: change one character inside its first hash
// or signature string value (keeping the alphabet) so it stays valid JSON.
function flipBodyByte(b64: string): string {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const m = /"(?:digest|value|content|hash)":"([A-Za-z0-9+/]{16,})/.exec(text);
  if (!m) throw new Error('no hash value found in the tlog body');
  const at = m.index + m[0].length - 8;
  const c = text[at]!;
  const replacement = c === 'A' ? 'B' : c === '0' ? '1' : /[0-9]/.test(c) ? '0' : 'A';
  return Buffer.from(text.slice(0, at) + replacement + text.slice(at + 1), 'utf8').toString('base64');
}

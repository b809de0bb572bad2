// Synchronous, browser-safe replacement for the handful of `node:crypto`
// functions that @sigstore/core calls: createPublicKey, createHash, verify and
// timingSafeEqual. scripts/vendor-sigstore.mjs aliases `crypto` to this file.
//
// The semantics follow Node 22 / OpenSSL 3.5 and are checked differentially
// against node:crypto in tests/crypto/node-crypto.differential.test.ts:
// - ECDSA (P-256/P-384/P-521): DER signatures must be canonical DER, r and s in
//   [1, n-1], high-S accepted, the digest defaults to SHA-256 for every curve
//   and is truncated to the order's bit length (bits2int).
// - Ed25519: algorithm must be null/undefined; S < L; the public key is decoded
//   the way OpenSSL does (non-canonical y and small-order points are accepted)
//   and [S]B - [k]A is re-encoded and compared byte for byte with R (the
//   cofactorless equation).
// - RSA: PKCS#1 v1.5 only; the signature must be exactly as long as the
//   modulus and the decrypted block must equal the EMSA-PKCS1-v1_5 encoding
//   (DigestInfo with NULL parameters) byte for byte; digest defaults to SHA-256.
// - Key import accepts what OpenSSL's (BER-tolerant) decoder accepts for the
//   supported key types and ignores trailing bytes after the outer structure,
//   as `d2i_PUBKEY` does.
// Key types Node supports but this module does not (DSA, DH, RSA-PSS, X25519,
// X448, Ed448, other EC curves, explicit EC parameters, private keys,
// certificates) make createPublicKey throw.
import { Buffer } from './buffer';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { sha3_224, sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';

// ---------------------------------------------------------------------------
// Errors and byte helpers

function codedError<E extends Error>(err: E, code: string): E {
  (err as E & { code: string }).code = code;
  return err;
}

function invalidArgType(name: string, expected: string): TypeError {
  return codedError(new TypeError(`The "${name}" argument must be ${expected}.`), 'ERR_INVALID_ARG_TYPE');
}

function decodeError(): Error {
  return codedError(new Error('error:03000072:digital envelope routines::decode error'), 'ERR_OSSL_EVP_DECODE_ERROR');
}

const utf8 = new TextEncoder();

function viewBytes(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function isView(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v);
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function bytesToBigBE(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

function bytesToBigLE(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function bigToBytesBE(n: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 1n) return 0n;
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    exp >>= 1n;
    base = (base * base) % mod;
  }
  return result;
}

function stringToBytes(s: string, encoding?: string): Uint8Array {
  const enc = (encoding ?? 'utf8').toLowerCase();
  if (enc === 'utf8' || enc === 'utf-8') return utf8.encode(s);
  if (enc === 'base64url') return viewBytes(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  return viewBytes(Buffer.from(s, enc as BufferEncoding));
}

// ---------------------------------------------------------------------------
// Hashes

export type NativeHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

interface HashImpl {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

interface HashAlgorithm {
  create: () => HashImpl;
  /** The WebCrypto name, for the digests WebCrypto has. */
  webcrypto?: NativeHash;
  /** Set from the first provider name below: identifies the digest in memo keys. */
  name?: string;
  /** DER content of the algorithm OID, used in the PKCS#1 v1.5 DigestInfo. */
  oid: Uint8Array;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** 2.16.840.1.101.3.4.2.<arc> */
const nistHashOid = (arc: number): Uint8Array => hexBytes('6086480165030402' + arc.toString(16).padStart(2, '0'));

// Names are the ones OpenSSL 3.5 (Node 22) resolves for each digest, compared
// case-insensitively like OpenSSL: first the provider names and the OID in
// dotted form, which OpenSSL 3.5's name map also finds with trailing spaces
// ('sha256 '), then the legacy signature-algorithm aliases, which it finds
// only as written.
const HASH_DEFS: Array<[HashAlgorithm, string[], string[]]> = [
  [{ create: () => sha1.create(), webcrypto: 'SHA-1', oid: hexBytes('2b0e03021a') },
    ['sha1', 'sha-1', 'ssl3-sha1', '1.3.14.3.2.26'], ['rsa-sha1', 'sha1withrsaencryption', 'rsa-sha1-2']],
  [{ create: () => sha224.create(), oid: nistHashOid(4) },
    ['sha224', 'sha-224', 'sha2-224', '2.16.840.1.101.3.4.2.4'], ['rsa-sha224', 'sha224withrsaencryption']],
  [{ create: () => sha256.create(), webcrypto: 'SHA-256', oid: nistHashOid(1) },
    ['sha256', 'sha-256', 'sha2-256', '2.16.840.1.101.3.4.2.1'], ['rsa-sha256', 'sha256withrsaencryption']],
  [{ create: () => sha384.create(), webcrypto: 'SHA-384', oid: nistHashOid(2) },
    ['sha384', 'sha-384', 'sha2-384', '2.16.840.1.101.3.4.2.2'], ['rsa-sha384', 'sha384withrsaencryption']],
  [{ create: () => sha512.create(), webcrypto: 'SHA-512', oid: nistHashOid(3) },
    ['sha512', 'sha-512', 'sha2-512', '2.16.840.1.101.3.4.2.3'], ['rsa-sha512', 'sha512withrsaencryption']],
  [{ create: () => sha512_224.create(), oid: nistHashOid(5) },
    ['sha512-224', 'sha-512/224', 'sha2-512/224', '2.16.840.1.101.3.4.2.5'], ['rsa-sha512/224', 'sha512-224withrsaencryption']],
  [{ create: () => sha512_256.create(), oid: nistHashOid(6) },
    ['sha512-256', 'sha-512/256', 'sha2-512/256', '2.16.840.1.101.3.4.2.6'], ['rsa-sha512/256', 'sha512-256withrsaencryption']],
  [{ create: () => sha3_224.create(), oid: nistHashOid(7) },
    ['sha3-224', '2.16.840.1.101.3.4.2.7'], ['rsa-sha3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-224']],
  [{ create: () => sha3_256.create(), oid: nistHashOid(8) },
    ['sha3-256', '2.16.840.1.101.3.4.2.8'], ['rsa-sha3-256', 'id-rsassa-pkcs1-v1_5-with-sha3-256']],
  [{ create: () => sha3_384.create(), oid: nistHashOid(9) },
    ['sha3-384', '2.16.840.1.101.3.4.2.9'], ['rsa-sha3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-384']],
  [{ create: () => sha3_512.create(), oid: nistHashOid(10) },
    ['sha3-512', '2.16.840.1.101.3.4.2.10'], ['rsa-sha3-512', 'id-rsassa-pkcs1-v1_5-with-sha3-512']],
];

const PROVIDER_HASHES = new Map<string, HashAlgorithm>();
const LEGACY_HASHES = new Map<string, HashAlgorithm>();
for (const [alg, provider, legacy] of HASH_DEFS) {
  alg.name = provider[0]!;
  for (const n of provider) PROVIDER_HASHES.set(n, alg);
  for (const n of legacy) LEGACY_HASHES.set(n, alg);
}

function lookupHash(name: string): HashAlgorithm {
  // OpenSSL sees the name as a C string: it ends at the first NUL.
  const nul = name.indexOf('\0');
  // OpenSSL folds ASCII case only; toLowerCase() would also turn the Kelvin
  // sign U+212A into 'k' and accept 'id-rsassa-p\u212acs1-...', which Node refuses.
  const key = (nul < 0 ? name : name.slice(0, nul)).replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const alg = LEGACY_HASHES.get(key) ?? PROVIDER_HASHES.get(key.replace(/ +$/, ''));
  if (!alg) throw codedError(new TypeError(`Invalid digest: ${name}`), 'ERR_CRYPTO_INVALID_DIGEST');
  return alg;
}

function hashBytes(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  const h = alg.create();
  h.update(data);
  return h.digest();
}

function encodeDigest(bytes: Uint8Array, encoding: string | undefined): Buffer | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === undefined) return buf;
  const enc = encoding.toLowerCase();
  if (enc === 'base64url') return buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (Buffer.isEncoding(enc)) return buf.toString(enc as BufferEncoding);
  return buf;
}

export class Hash {
  readonly #impl: HashImpl;
  #finalized = false;

  constructor(algorithm: string) {
    if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string');
    this.#impl = lookupHash(algorithm).create();
  }

  update(data: string | ArrayBufferView, inputEncoding?: string): this {
    if (this.#finalized) throw codedError(new Error('Digest already called'), 'ERR_CRYPTO_HASH_FINALIZED');
    if (typeof data === 'string') this.#impl.update(stringToBytes(data, inputEncoding));
    else if (isView(data)) this.#impl.update(viewBytes(data));
    else throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView');
    return this;
  }

  digest(): Buffer;
  digest(encoding: string): string;
  digest(encoding?: string): Buffer | string {
    if (this.#finalized) throw codedError(new Error('Digest already called'), 'ERR_CRYPTO_HASH_FINALIZED');
    this.#finalized = true;
    return encodeDigest(this.#impl.digest(), encoding);
  }
}

export function createHash(algorithm: string): Hash {
  return new Hash(algorithm);
}

// ---------------------------------------------------------------------------
// ASN.1 decoding with OpenSSL's tolerance (BER lengths, indefinite lengths,
// constructed strings), limited to the structures public keys use.

class Asn1Error extends Error {}

function asn1Fail(): never {
  throw new Asn1Error('asn1 decode error');
}

const CLASS_UNIVERSAL = 0;
const TAG_BOOLEAN = 1;
const TAG_INTEGER = 2;
const TAG_BIT_STRING = 3;
const TAG_NULL = 5;
const TAG_OID = 6;
const TAG_ENUMERATED = 10;
const TAG_SEQUENCE = 16;
const TAG_SET = 17;
const TAG_UTCTIME = 23;
const TAG_GENERALIZEDTIME = 24;
const TAG_UNIVERSALSTRING = 28;
const TAG_BMPSTRING = 30;
const MAX_STRING_NEST = 5;

interface Tlv {
  tag: number;
  cls: number;
  cons: boolean;
  inf: boolean;
  /** Start of the contents. */
  start: number;
  /** Content length; for indefinite lengths the bytes left in the enclosing element. */
  len: number;
}

// ASN1_get_object + asn1_check_tlen: read one header within b[pos, limit).
function readTlv(b: Uint8Array, pos: number, limit: number, expTag = -1): Tlv {
  const omax = limit - pos;
  if (omax <= 0) asn1Fail();
  let p = pos;
  let max = omax;
  const first = b[p]!;
  const cons = (first & 0x20) !== 0;
  const cls = first & 0xc0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    p++;
    if (--max === 0) asn1Fail();
    let l = 0;
    while ((b[p] ?? 0) & 0x80) {
      l = l * 128 + (b[p++]! & 0x7f);
      if (--max === 0) asn1Fail();
      if (l > 0x7fffffff >> 7) asn1Fail();
    }
    l = l * 128 + ((b[p++] ?? 0) & 0x7f);
    tag = l;
    if (--max === 0) asn1Fail();
  } else {
    p++;
    if (--max === 0) asn1Fail();
  }
  // asn1_get_length
  if (max-- < 1) asn1Fail();
  let inf = false;
  let len = 0;
  const lb = b[p]!;
  if (lb === 0x80) {
    inf = true;
    p++;
  } else {
    let i = lb & 0x7f;
    p++;
    if (lb & 0x80) {
      if (max < i + 1) asn1Fail();
      while (i > 0 && b[p] === 0) {
        p++;
        i--;
      }
      if (i > 8) asn1Fail();
      while (i > 0) {
        len = len * 256 + b[p++]!;
        i--;
        if (len > Number.MAX_SAFE_INTEGER / 256) asn1Fail();
      }
    } else {
      len = i;
    }
  }
  if (inf && !cons) asn1Fail();
  if (len > omax - (p - pos)) asn1Fail();
  if (expTag >= 0 && (tag !== expTag || cls !== CLASS_UNIVERSAL)) asn1Fail();
  return { tag, cls, cons, inf, start: p, len: inf ? limit - p : len };
}

function isEoc(b: Uint8Array, p: number, len: number): boolean {
  return len >= 2 && b[p] === 0 && b[p + 1] === 0;
}

// asn1_collect: concatenate the contents of a constructed string.
function collect(b: Uint8Array, p: number, len: number, inf: boolean, depth: number, out: Uint8Array[]): number {
  while (len > 0) {
    const q = p;
    if (isEoc(b, p, len)) {
      if (!inf) asn1Fail();
      p += 2;
      inf = false;
      break;
    }
    const h = readTlv(b, p, p + len);
    if (h.cons) {
      if (depth >= MAX_STRING_NEST) asn1Fail();
      p = collect(b, h.start, h.len, h.inf, depth + 1, out);
    } else {
      out.push(b.subarray(h.start, h.start + h.len));
      p = h.start + h.len;
    }
    len -= p - q;
  }
  if (inf) asn1Fail();
  return p;
}

// asn1_find_end: skip the contents of an indefinite-length element.
function findEnd(b: Uint8Array, p: number, len: number): number {
  let expectedEoc = 1;
  while (len > 0) {
    if (isEoc(b, p, len)) {
      expectedEoc--;
      p += 2;
      if (expectedEoc === 0) break;
      len -= 2;
      continue;
    }
    const q = p;
    const h = readTlv(b, p, p + len);
    if (h.inf) expectedEoc++;
    p = h.inf ? h.start : h.start + h.len;
    len -= p - q;
  }
  if (expectedEoc) asn1Fail();
  return p;
}

interface Primitive {
  content: Uint8Array;
  end: number;
}

// A primitive value, or a constructed string whose pieces are concatenated.
function readPrimitive(b: Uint8Array, pos: number, limit: number, tag: number): Primitive {
  const h = readTlv(b, pos, limit, tag);
  return primitiveContents(b, h, tag);
}

function primitiveContents(b: Uint8Array, h: Tlv, utype: number): Primitive {
  if (!h.cons) return { content: b.subarray(h.start, h.start + h.len), end: h.start + h.len };
  if ([TAG_NULL, TAG_BOOLEAN, TAG_OID, TAG_INTEGER, TAG_ENUMERATED].includes(utype)) asn1Fail();
  const parts: Uint8Array[] = [];
  const end = collect(b, h.start, h.len, h.inf, 0, parts);
  return { content: concatBytes(...parts), end };
}

function validOidContent(c: Uint8Array): boolean {
  if (c.length === 0 || c[c.length - 1]! & 0x80) return false;
  for (let i = 0; i < c.length; i++) if (c[i] === 0x80 && (i === 0 || !(c[i - 1]! & 0x80))) return false;
  return true;
}

// c2i_ASN1_INTEGER's checks (used for INTEGER/ENUMERATED inside ANY).
function validIntegerContent(c: Uint8Array): boolean {
  if (c.length === 0) return false;
  if (c.length === 1) return true;
  const neg = c[0]! & 0x80;
  let pad = false;
  if (c[0] === 0) pad = true;
  else if (c[0] === 0xff) {
    let any = 0;
    for (let i = 1; i < c.length; i++) any |= c[i]!;
    pad = any !== 0;
  }
  return !(pad && neg === (c[1]! & 0x80));
}

interface AnyValue {
  /** Universal tag number, or -1 for non-universal classes. */
  utype: number;
  content: Uint8Array;
  end: number;
}

// ANY (the AlgorithmIdentifier parameters).
function readAny(b: Uint8Array, pos: number, limit: number): AnyValue {
  const h = readTlv(b, pos, limit);
  const utype = h.cls !== CLASS_UNIVERSAL ? -1 : h.tag;
  if (utype === -1 || utype === TAG_SEQUENCE || utype === TAG_SET) {
    if (utype !== -1 && !h.cons) asn1Fail();
    const end = h.inf ? findEnd(b, h.start, h.len) : h.start + h.len;
    return { utype, content: b.subarray(h.start, end), end };
  }
  const { content, end } = primitiveContents(b, h, utype);
  switch (utype) {
    case TAG_OID:
      if (!validOidContent(content)) asn1Fail();
      break;
    case TAG_NULL:
      if (content.length !== 0) asn1Fail();
      break;
    case TAG_BOOLEAN:
      if (content.length !== 1) asn1Fail();
      break;
    case TAG_BIT_STRING:
      if (content.length < 1 || content[0]! > 7) asn1Fail();
      break;
    case TAG_INTEGER:
    case TAG_ENUMERATED:
      if (!validIntegerContent(content)) asn1Fail();
      break;
    case TAG_BMPSTRING:
      if (content.length & 1) asn1Fail();
      break;
    case TAG_UNIVERSALSTRING:
      if (content.length & 3) asn1Fail();
      break;
    // OpenSSL 3.5 (Node 22) refuses times shorter than YYMMDDHHMMSSZ and
    // YYYYMMDDHHMMSSZ, without checking their characters. This is why Node 22
    // rejects an RSA key whose NULL parameters are retagged as an empty time,
    // while it still accepts other non-NULL parameters (OCTET STRING, SEQUENCE).
    case TAG_UTCTIME:
      if (content.length < 13) asn1Fail();
      break;
    case TAG_GENERALIZEDTIME:
      if (content.length < 15) asn1Fail();
      break;
    default:
      break;
  }
  return { utype, content, end };
}

type FieldParser = (b: Uint8Array, pos: number, limit: number) => number;

// A SEQUENCE decoded the way OpenSSL's template decoder does it. Only the last
// field may be optional. Returns the offset just past the SEQUENCE.
function readSequence(b: Uint8Array, pos: number, limit: number, fields: FieldParser[], lastOptional: boolean): number {
  const h = readTlv(b, pos, limit, TAG_SEQUENCE);
  if (!h.cons) asn1Fail();
  let p = h.start;
  let len = h.len;
  let seqEoc = h.inf;
  let i = 0;
  for (; i < fields.length; i++) {
    if (len === 0) break;
    if (isEoc(b, p, len)) {
      if (!seqEoc) asn1Fail();
      p += 2;
      len -= 2;
      seqEoc = false;
      break;
    }
    const np = fields[i]!(b, p, p + len);
    len -= np - p;
    p = np;
  }
  if (seqEoc) {
    if (!isEoc(b, p, len)) asn1Fail();
    p += 2;
    len -= 2;
  }
  if (!h.inf && len !== 0) asn1Fail();
  for (; i < fields.length; i++) if (!(lastOptional && i === fields.length - 1)) asn1Fail();
  return p;
}

// ---------------------------------------------------------------------------
// Keys

type EcCurveName = 'P-256' | 'P-384' | 'P-521';

interface EcCurve {
  name: EcCurveName;
  opensslName: string;
  oid: Uint8Array;
  impl: typeof p256;
  fieldBytes: number;
}

const EC_CURVES: EcCurve[] = [
  { name: 'P-256', opensslName: 'prime256v1', oid: hexBytes('2a8648ce3d030107'), impl: p256, fieldBytes: 32 },
  { name: 'P-384', opensslName: 'secp384r1', oid: hexBytes('2b81040022'), impl: p384, fieldBytes: 48 },
  { name: 'P-521', opensslName: 'secp521r1', oid: hexBytes('2b81040023'), impl: p521, fieldBytes: 66 },
];

const OID_EC_PUBLIC_KEY = hexBytes('2a8648ce3d0201');
const OID_ED25519 = hexBytes('2b6570');
const OID_RSA_ENCRYPTION = hexBytes('2a864886f70d010101');
const OID_X500_RSA = hexBytes('55080101'); // 2.5.8.1.1, which OpenSSL also maps to RSA

type KeyMaterial =
  | { kind: 'ec'; curve: EcCurve; /** Uncompressed SEC1 point, or null for the point at infinity. */ point: Uint8Array | null }
  | { kind: 'ed25519'; raw: Uint8Array }
  | { kind: 'rsa'; n: bigint; e: bigint };

export type AsymmetricKeyType = 'ec' | 'rsa' | 'ed25519';

export interface JsonWebKey {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface AsymmetricKeyDetails {
  namedCurve?: string;
  modulusLength?: number;
  publicExponent?: bigint;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function minimalBytes(n: bigint): Uint8Array {
  return bigToBytesBE(n, Math.ceil(bitLength(n) / 8));
}

const keyMaterial = new WeakMap<KeyObject, KeyMaterial>();

/** The public key objects returned by createPublicKey (a subset of Node's KeyObject). */
export class KeyObject {
  readonly type = 'public' as const;
  readonly asymmetricKeyType: AsymmetricKeyType;

  /** @internal */
  constructor(material: KeyMaterial) {
    this.asymmetricKeyType = material.kind;
    keyMaterial.set(this, material);
  }

  get asymmetricKeyDetails(): AsymmetricKeyDetails {
    const m = keyMaterial.get(this)!;
    if (m.kind === 'ec') return { namedCurve: m.curve.opensslName };
    if (m.kind === 'rsa') return { modulusLength: bitLength(m.n), publicExponent: m.e };
    return {};
  }

  /** Only `{ format: 'jwk' }` is supported. */
  export(options: { format: 'jwk' }): JsonWebKey {
    if (options?.format !== 'jwk') throw new TypeError('Only JWK export is supported');
    const m = keyMaterial.get(this)!;
    if (m.kind === 'ec') {
      if (!m.point) throw decodeError();
      const f = m.curve.fieldBytes;
      return { kty: 'EC', crv: m.curve.name, x: base64url(m.point.subarray(1, 1 + f)), y: base64url(m.point.subarray(1 + f)) };
    }
    if (m.kind === 'rsa') return { kty: 'RSA', n: base64url(minimalBytes(m.n)), e: base64url(minimalBytes(m.e)) };
    return { kty: 'OKP', crv: 'Ed25519', x: base64url(m.raw) };
  }

  equals(other: KeyObject): boolean {
    const a = keyMaterial.get(this);
    const b = other instanceof KeyObject ? keyMaterial.get(other) : undefined;
    if (!a || !b || a.kind !== b.kind) return false;
    if (a.kind === 'ec' && b.kind === 'ec') {
      return a.curve === b.curve && (a.point && b.point ? bytesEqual(a.point, b.point) : a.point === b.point);
    }
    if (a.kind === 'rsa' && b.kind === 'rsa') return a.n === b.n && a.e === b.e;
    if (a.kind === 'ed25519' && b.kind === 'ed25519') return bytesEqual(a.raw, b.raw);
    return false;
  }
}

// EC_POINT_oct2point: infinity, compressed, uncompressed and hybrid forms.
function decodeEcPoint(curve: EcCurve, data: Uint8Array): Uint8Array | null {
  if (data.length === 0) throw decodeError();
  const yBit = data[0]! & 1;
  const form = data[0]! & ~1;
  if (form !== 0 && form !== 2 && form !== 4 && form !== 6) throw decodeError();
  if ((form === 0 || form === 4) && yBit) throw decodeError();
  if (form === 0) {
    if (data.length !== 1) throw decodeError();
    return null;
  }
  const f = curve.fieldBytes;
  const expected = form === 2 ? 1 + f : 1 + 2 * f;
  if (data.length !== expected) throw decodeError();
  let encoded = data;
  if (form === 6) {
    if ((data[data.length - 1]! & 1) !== yBit) throw decodeError();
    encoded = concatBytes(new Uint8Array([4]), data.subarray(1));
  }
  try {
    // Checks coordinate ranges and that the point is on the curve.
    return curve.impl.Point.fromBytes(encoded).toBytes(false);
  } catch {
    throw decodeError();
  }
}

// The contents of a BIT STRING: unused-bit count <= 7, unused bits cleared.
function bitStringBytes(content: Uint8Array): Uint8Array {
  if (content.length < 1 || content[0]! > 7) asn1Fail();
  const out = content.slice(1);
  if (out.length > 0) out[out.length - 1]! &= (0xff << content[0]!) & 0xff;
  return out;
}

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
// The INTEGER contents are read as unsigned big-endian numbers of any length,
// like OpenSSL's BIGNUM decoder. Bytes after the SEQUENCE are ignored.
function parseRsaPublicKey(b: Uint8Array): KeyMaterial {
  const ints: bigint[] = [];
  const int: FieldParser = (buf, pos, limit) => {
    const { content, end } = readPrimitive(buf, pos, limit, TAG_INTEGER);
    ints.push(bytesToBigBE(content));
    return end;
  };
  readSequence(b, 0, b.length, [int, int], false);
  return { kind: 'rsa', n: ints[0]!, e: ints[1]! };
}

function parseSpki(b: Uint8Array): KeyMaterial {
  let algOid: Uint8Array | undefined;
  let params: AnyValue | undefined;
  let bits: Uint8Array | undefined;
  const algorithm: FieldParser = (buf, pos, limit) => readSequence(buf, pos, limit, [
    (bb, p, l) => {
      const { content, end } = readPrimitive(bb, p, l, TAG_OID);
      if (!validOidContent(content)) asn1Fail();
      algOid = content;
      return end;
    },
    (bb, p, l) => {
      params = readAny(bb, p, l);
      return params.end;
    },
  ], true);
  const subjectPublicKey: FieldParser = (buf, pos, limit) => {
    const { content, end } = readPrimitive(buf, pos, limit, TAG_BIT_STRING);
    bits = bitStringBytes(content);
    return end;
  };
  readSequence(b, 0, b.length, [algorithm, subjectPublicKey], false);
  const oid = algOid!;
  const key = bits!;

  if (bytesEqual(oid, OID_EC_PUBLIC_KEY)) {
    if (!params || params.utype !== TAG_OID) throw decodeError();
    const curveOid = params.content;
    const curve = EC_CURVES.find((c) => bytesEqual(c.oid, curveOid));
    if (!curve) throw codedError(new Error('Unsupported elliptic curve'), 'ERR_OSSL_EVP_DECODE_ERROR');
    return { kind: 'ec', curve, point: decodeEcPoint(curve, key) };
  }
  if (bytesEqual(oid, OID_ED25519)) {
    if (params !== undefined || key.length !== 32) throw decodeError();
    return { kind: 'ed25519', raw: key };
  }
  if (bytesEqual(oid, OID_RSA_ENCRYPTION) || bytesEqual(oid, OID_X500_RSA)) {
    // RFC 8017 wants NULL here, but OpenSSL (so Node) takes any parameters that
    // decode (readAny's checks) and ignores them: they carry nothing that
    // verification uses. Refusing more than Node would only break keys it takes.
    return parseRsaPublicKey(key);
  }
  throw codedError(new Error('Unsupported public key algorithm'), 'ERR_OSSL_UNSUPPORTED');
}

// Node treats PKCS#1 DER whose first INTEGER is a single byte 0 or 1 as an
// RSAPrivateKey (a version field); reproduce that check (including its use of
// the SEQUENCE length) so such input is rejected the same way.
function looksLikeRsaPrivateKey(d: Uint8Array): boolean {
  let size = d.length;
  if (size < 2 || d[0] !== 0x30) return false;
  let offset: number;
  if (d[1]! & 0x80) {
    const nBytes = d[1]! & 0x7f;
    if (nBytes + 2 > size || nBytes > 8) return false;
    let length = 0;
    for (let i = 0; i < nBytes; i++) length = length * 256 + d[i + 2]!;
    offset = 2 + nBytes;
    size = Math.min(size, length + 2);
  } else {
    offset = 2;
    size = Math.min(size, d[1]! + 2);
  }
  return size - offset >= 3 && d[offset] === 2 && d[offset + 1] === 1 && !(d[offset + 2]! & 0xfe);
}

function parseDer(der: Uint8Array, type: 'spki' | 'pkcs1'): KeyMaterial {
  try {
    return type === 'spki' ? parseSpki(der) : parseRsaPublicKey(der);
  } catch (e) {
    if (e instanceof Asn1Error) throw codedError(new Error('error:0680009B:asn1 encoding routines::wrong tag or length'), 'ERR_OSSL_ASN1_DECODE');
    throw e;
  }
}

// --- PEM, following OpenSSL 3.0's PEM_read_bio_ex / PEM_bytes_read_bio.

const B64_VALUES = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => {
  B64_VALUES[c.charCodeAt(0)] = i;
});

// EVP_DecodeUpdate + EVP_DecodeFinal. Returns null when OpenSSL reports an error.
function pemBase64Decode(data: Uint8Array): Uint8Array | null {
  const chars: number[] = [];
  let eof = 0;
  for (const c of data) {
    if (c & 0x80) return null;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x2d) break; // '-' ends the data
    if (c === 0x3d) {
      if (++eof > 2) return null;
      chars.push(0);
      continue;
    }
    const v = B64_VALUES[c]!;
    if (v < 0) return null;
    if (eof > 0) return null;
    chars.push(v);
  }
  if (chars.length % 4 !== 0) return null;
  const out = new Uint8Array((chars.length / 4) * 3);
  for (let i = 0, o = 0; i < chars.length; i += 4) {
    const n = (chars[i]! << 18) | (chars[i + 1]! << 12) | (chars[i + 2]! << 6) | chars[i + 3]!;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (eof > out.length) return null;
  return out.subarray(0, out.length - eof);
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

interface PemBlock {
  name: string;
  header: string;
  der: Uint8Array;
}

// Yields the PEM blocks of `text` in order; stops (returns) at the first
// malformed block, as OpenSSL's reader does.
function* pemBlocks(text: Uint8Array): Generator<PemBlock> {
  // Lines as OpenSSL's sanitize_line leaves them: trailing bytes <= ' ' (and,
  // with a signed `char`, bytes >= 0x80) removed.
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(0x0a, start);
    end = end < 0 ? text.length : end + 1;
    let line = text.subarray(start, end);
    if (start === 0 && line.length > 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    let l = line.length;
    while (l > 0 && (line[l - 1]! <= 0x20 || line[l - 1]! >= 0x80)) l--;
    lines.push(latin1(line.subarray(0, l)));
    start = end;
  }
  let i = 0;
  for (;;) {
    // get_name
    let name: string | undefined;
    while (i < lines.length) {
      const line = lines[i++]!;
      if (line.startsWith('-----BEGIN ') && line.length >= 16 && line.endsWith('-----')) {
        name = line.slice(11, -5);
        break;
      }
    }
    if (name === undefined) return;
    // get_header_and_data
    const first: string[] = [];
    const second: string[] = [];
    let target = first;
    let postHeader = false;
    // Today the loop leaves only through the END line; the flag keeps that true if it ever changes.
    // eslint-disable-next-line no-useless-assignment
    let ended = false;
    let shortLineSeen = false;
    for (;;) {
      if (i >= lines.length) return;
      const line = lines[i++]!;
      if (line.length === 0) {
        if (postHeader) return;
        postHeader = true;
        target = second;
        continue;
      }
      if (line.startsWith('-----END ')) {
        if (line !== `-----END ${name}-----`) return;
        ended = true;
        break;
      }
      if (shortLineSeen) return;
      target.push(line);
      if (postHeader) {
        if (line.length > 64) return;
        if (line.length < 64) shortLineSeen = true;
      }
    }
    if (!ended) return;
    const header = postHeader ? first.join('\n') : '';
    const data = postHeader ? second : first;
    const der = pemBase64Decode(utf8.encode(data.join('\n')));
    if (!der) return;
    yield { name, header, der };
  }
}

// PEM_bytes_read_bio for one label: the first block with that exact label.
function pemFind(text: Uint8Array, label: string): Uint8Array | null {
  for (const block of pemBlocks(text)) {
    if (block.name !== label) continue;
    // A non-empty header would need Proc-Type (encrypted PEM): not supported.
    if (block.header !== '') return null;
    return block.der;
  }
  return null;
}

function parsePem(text: Uint8Array): KeyMaterial {
  const spki = pemFind(text, 'PUBLIC KEY');
  if (spki) return parseDer(spki, 'spki');
  const pkcs1 = pemFind(text, 'RSA PUBLIC KEY');
  if (pkcs1) return parseDer(pkcs1, 'pkcs1');
  throw codedError(new Error('error:1E08010C:DECODER routines::unsupported'), 'ERR_OSSL_UNSUPPORTED');
}

function keyBytes(key: unknown, encoding?: string): Uint8Array {
  if (typeof key === 'string') return stringToBytes(key, encoding);
  if (isView(key)) return viewBytes(key);
  if (key instanceof ArrayBuffer) return new Uint8Array(key);
  throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView');
}

export type PublicKeyInput =
  | string
  | ArrayBufferView
  | {
    key: string | ArrayBufferView | ArrayBuffer;
    format?: 'pem' | 'der';
    type?: 'spki' | 'pkcs1';
    encoding?: string;
  };

// Key objects are immutable, and sigstore-js re-imports the same trust-root and
// issuer keys for every bundle: parse each distinct input once. Only successes
// are kept, so every refusal is recomputed and thrown exactly as before.
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, KeyObject>();

function cachedKey(id: string, parse: () => KeyMaterial): KeyObject {
  const hit = keyCache.get(id);
  if (hit) return hit;
  const key = new KeyObject(parse());
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}

const keyId = (kind: string, bytes: Uint8Array): string => kind + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function createPublicKey(input: PublicKeyInput): KeyObject {
  if (input instanceof KeyObject) {
    throw codedError(new TypeError('Invalid key object type public, expected private.'), 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
  }
  if (typeof input === 'string' || isView(input)) {
    const text = keyBytes(input);
    return cachedKey(keyId('pem:', text), () => parsePem(text));
  }
  if (typeof input !== 'object' || input === null) {
    throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey');
  }
  const format = input.format ?? 'pem';
  if (format === 'pem') {
    const text = keyBytes(input.key, input.encoding);
    return cachedKey(keyId('pem:', text), () => parsePem(text));
  }
  if (format !== 'der') {
    throw codedError(new TypeError(`The property 'options.format' is invalid. Received ${String(format)}`), 'ERR_INVALID_ARG_VALUE');
  }
  const der = keyBytes(input.key, input.encoding);
  if (input.type === 'spki') return cachedKey(keyId('spki:', der), () => parseDer(der, 'spki'));
  if (input.type === 'pkcs1') {
    if (looksLikeRsaPrivateKey(der)) throw codedError(new Error('Private keys are not supported'), 'ERR_OSSL_UNSUPPORTED');
    return cachedKey(keyId('pkcs1:', der), () => parseDer(der, 'pkcs1'));
  }
  throw codedError(new TypeError(`The property 'options.type' is invalid. Received ${String(input.type)}`), 'ERR_INVALID_ARG_VALUE');
}

// ---------------------------------------------------------------------------
// Signature verification

// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } in canonical DER only
// (OpenSSL re-encodes the parsed value and compares). Returns null otherwise.
function parseDerEcdsaSignature(sig: Uint8Array): { r: bigint; s: bigint } | null {
  let p = 0;
  const readLen = (): number | null => {
    const b = sig[p++];
    if (b === undefined) return null;
    if (b < 0x80) return b;
    if (b === 0x81) {
      const l = sig[p++];
      return l !== undefined && l >= 0x80 ? l : null;
    }
    if (b === 0x82) {
      const hi = sig[p++];
      const lo = sig[p++];
      if (hi === undefined || lo === undefined || hi === 0) return null;
      return (hi << 8) | lo;
    }
    return null;
  };
  const readInt = (): bigint | null => {
    if (sig[p++] !== 0x02) return null;
    const len = readLen();
    if (len === null || len === 0 || p + len > sig.length) return null;
    const c = sig.subarray(p, p + len);
    if (c[0]! & 0x80) return null; // negative
    if (c.length > 1 && c[0] === 0 && !(c[1]! & 0x80)) return null; // non-minimal
    p += len;
    return bytesToBigBE(c);
  };
  if (sig[p++] !== 0x30) return null;
  const seqLen = readLen();
  if (seqLen === null || p + seqLen !== sig.length) return null;
  const r = readInt();
  if (r === null) return null;
  const s = readInt();
  if (s === null || p !== sig.length) return null;
  return { r, s };
}

// Every check below is split in two: the deterministic preconditions (encoding,
// ranges, key checks), which decide `false` on their own, and the arithmetic,
// which is what lib/crypto/recorded-verify.ts may hand to WebCrypto. A
// PreparedCheck is what is left once the preconditions have passed.

/**
 * A signature check whose preconditions passed: only the curve or modular
 * arithmetic is left. `native` says WebCrypto computes exactly the same
 * predicate for it; when false, only `reference` may decide it.
 */
export type SignatureCheck =
  | { kind: 'ecdsa'; native: boolean; curve: EcCurveName; /** The digest, by OpenSSL name. */ digest: string; hash: NativeHash | undefined; point: Uint8Array; data: Uint8Array; /** IEEE P1363 r || s. */ signature: Uint8Array }
  | { kind: 'ed25519'; native: boolean; publicKey: Uint8Array; data: Uint8Array; signature: Uint8Array }
  | { kind: 'rsa'; native: boolean; digest: string; hash: NativeHash | undefined; n: Uint8Array; e: Uint8Array; data: Uint8Array; signature: Uint8Array };

interface PreparedCheck {
  check: SignatureCheck;
  /** The @noble computation: the reference answer. */
  reference: () => boolean;
}

function prepareEcdsa(curve: EcCurve, point: Uint8Array | null, alg: HashAlgorithm, data: Uint8Array, signature: Uint8Array): PreparedCheck | false {
  if (!point) return false;
  const rs = parseDerEcdsaSignature(signature);
  if (!rs) return false;
  const Fn = curve.impl.Point.Fn;
  if (rs.r <= 0n || rs.r >= Fn.ORDER || rs.s <= 0n || rs.s >= Fn.ORDER) return false;
  const compact = concatBytes(bigToBytesBE(rs.r, Fn.BYTES), bigToBytesBE(rs.s, Fn.BYTES));
  return {
    // WebCrypto's ECDSA accepts high S, as this module does, and truncates the
    // digest to the order's bit length (bits2int), as this module does.
    check: { kind: 'ecdsa', native: alg.webcrypto !== undefined, curve: curve.name, digest: alg.name!, hash: alg.webcrypto, point, data, signature: compact },
    // The digest is truncated to the order's bit length (bits2int), like OpenSSL.
    reference: () => curve.impl.verify(compact, hashBytes(alg, data), point, { prehash: false, lowS: false, format: 'compact' }),
  };
}

const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

// Canonical: decodes under RFC 8032's strict rules and re-encodes to the same bytes.
function canonicalEd25519Point(bytes: Uint8Array): InstanceType<typeof ed25519.Point> | null {
  try {
    const p = ed25519.Point.fromBytes(bytes, false);
    return bytesEqual(p.toBytes(), bytes) ? p : null;
  } catch {
    return null;
  }
}

function ed25519PointIsPlain(bytes: Uint8Array): boolean {
  const p = canonicalEd25519Point(bytes);
  return p !== null && p.isTorsionFree();
}

// Keys recur (trust-root log keys); their check is a full scalar multiplication.
const plainEd25519Keys = new Map<string, boolean>();
function ed25519KeyIsPlain(bytes: Uint8Array): boolean {
  const id = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let plain = plainEd25519Keys.get(id);
  if (plain === undefined) {
    const p = canonicalEd25519Point(bytes);
    plain = p !== null && !p.isSmallOrder() && p.isTorsionFree();
    if (plainEd25519Keys.size >= 64) plainEd25519Keys.clear();
    plainEd25519Keys.set(id, plain);
  }
  return plain;
}

// Ed25519 verification exactly as OpenSSL 3.0's ossl_ed25519_verify does it.
function prepareEd25519(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): PreparedCheck | false {
  if (signature.length !== 64) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToBigLE(signature.subarray(32));
  if (s >= ED25519_L) return false;
  let A: InstanceType<typeof ed25519.Point>;
  try {
    // zip215 decoding = OpenSSL's ge_frombytes_vartime: y is taken mod p and
    // x = 0 with the sign bit set is accepted.
    A = ed25519.Point.fromBytes(publicKey, true);
  } catch {
    return false;
  }
  // Ed25519 implementations agree when A and R are canonical encodings of
  // points in the prime-order subgroup (A not the identity): then decoding is
  // unique, comparing points equals comparing encodings, and the cofactored
  // and cofactorless equations coincide. Anything else stays with the reference.
  const native = ed25519KeyIsPlain(publicKey) && ed25519PointIsPlain(r);
  return {
    check: { kind: 'ed25519', native, publicKey, data, signature },
    reference: () => {
      const k = bytesToBigLE(hashBytes(lookupHash('sha512'), concatBytes(r, publicKey, data))) % ED25519_L;
      const check = ed25519.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
      return bytesEqual(check.toBytes(), r);
    },
  };
}

function pkcs1v15Encoding(alg: HashAlgorithm, digest: Uint8Array, k: number): Uint8Array | null {
  const algId = concatBytes(new Uint8Array([0x30, alg.oid.length + 4, 0x06, alg.oid.length]), alg.oid, new Uint8Array([0x05, 0x00]));
  const octets = concatBytes(new Uint8Array([0x04, digest.length]), digest);
  const t = concatBytes(new Uint8Array([0x30, algId.length + octets.length]), algId, octets);
  const psLen = k - 3 - t.length;
  if (psLen < 8) return null;
  const em = new Uint8Array(k);
  em[1] = 0x01;
  em.fill(0xff, 2, 2 + psLen);
  em[2 + psLen] = 0x00;
  em.set(t, 3 + psLen);
  return em;
}

function prepareRsa(n: bigint, e: bigint, alg: HashAlgorithm, data: Uint8Array, signature: Uint8Array): PreparedCheck | false {
  const bits = bitLength(n);
  const k = Math.ceil(bits / 8);
  if (signature.length !== k) return false;
  // rsa_ossl_public_decrypt's key checks.
  if (bits > 16384 || n <= e || (bits > 3072 && bitLength(e) > 64) || (n & 1n) === 0n) return false;
  const s = bytesToBigBE(signature);
  if (s >= n) return false;
  // The encoded message's length depends on the digest's, not its value.
  if (pkcs1v15Encoding(alg, new Uint8Array(alg.create().digest().length), k) === null) return false;
  return {
    // WebCrypto's RSASSA-PKCS1-v1_5 also compares the whole EMSA encoding
    // (DigestInfo with NULL parameters); browsers refuse some keys this module
    // takes (tiny moduli, huge exponents), which then fall back.
    check: { kind: 'rsa', native: alg.webcrypto !== undefined, digest: alg.name!, hash: alg.webcrypto, n: minimalBytes(n), e: minimalBytes(e), data, signature },
    reference: () => bytesEqual(bigToBytesBE(modPow(s, e, n), k), pkcs1v15Encoding(alg, hashBytes(alg, data), k)!),
  };
}

// --- Recording and memo (see docs/native-verify.md)

/** Answers a prepared check in place of the arithmetic; see withSignatureOracle. */
export type SignatureOracle = (check: SignatureCheck) => boolean;

let oracle: SignatureOracle | undefined;

/**
 * Runs `fn` (synchronous) with every signature check that reaches the
 * arithmetic answered by `oracle` instead, unless a verdict for exactly that
 * check is memoized. Checks that fail their preconditions still return false,
 * and every exception is thrown as before, so the only difference from a
 * normal run is the answer to the prepared checks.
 */
export function withSignatureOracle<T>(answer: SignatureOracle, fn: () => T): T {
  if (oracle) throw new Error('withSignatureOracle does not nest');
  oracle = answer;
  try {
    return fn();
  } finally {
    oracle = undefined;
  }
}

const MEMO_LIMIT = 1024;
const verdicts = new Map<string, boolean>();
let memoEnabled = true;

/**
 * Verdicts of signature checks, keyed by SHA-256 over every input that decides
 * them (algorithm, curve, hash, key, data, signature). Only real verdicts are
 * stored: the reference's, or a native `true` (which lib/crypto/recorded-verify.ts
 * reports through rememberVerdict); never an oracle's answer.
 */
export const signatureMemo = {
  clear(): void {
    verdicts.clear();
  },
  /** Off for measurements of uncached work, and for differential tests. */
  set enabled(on: boolean) {
    memoEnabled = on;
    if (!on) verdicts.clear();
  },
  get enabled(): boolean {
    return memoEnabled;
  },
  get size(): number {
    return verdicts.size;
  },
};

function memoKey(check: SignatureCheck): string {
  const text = (t: string) => utf8.encode(t);
  const parts: Uint8Array[] =
    check.kind === 'ecdsa'
      ? [text('ecdsa'), text(check.curve), text(check.digest), check.point, check.data, check.signature]
      : check.kind === 'rsa'
        ? [text('rsa'), text(check.digest), check.n, check.e, check.data, check.signature]
        : [text('ed25519'), check.publicKey, check.data, check.signature];
  const h = sha256.create();
  for (const p of parts) {
    // Length-prefixed, so no two different inputs give the same byte stream.
    h.update(new Uint8Array([p.length >>> 24, (p.length >>> 16) & 0xff, (p.length >>> 8) & 0xff, p.length & 0xff]));
    h.update(p);
  }
  return Buffer.from(h.digest()).toString('base64');
}

function remember(key: string, verdict: boolean): void {
  if (!memoEnabled) return;
  if (verdicts.size >= MEMO_LIMIT) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
}

/** Stores a verdict computed outside this module (a native `true`). */
export function rememberVerdict(check: SignatureCheck, verdict: boolean): void {
  if (memoEnabled) remember(memoKey(check), verdict);
}

function decide(prepared: PreparedCheck | false): boolean {
  if (prepared === false) return false;
  if (!memoEnabled) return oracle ? oracle(prepared.check) : prepared.reference();
  const key = memoKey(prepared.check);
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  if (oracle) return oracle(prepared.check);
  const verdict = prepared.reference();
  remember(key, verdict);
  return verdict;
}

type VerifyKey = KeyObject | PublicKeyInput;

export function verify(
  algorithm: string | null | undefined,
  data: string | ArrayBufferView,
  key: VerifyKey,
  signature: ArrayBufferView,
): boolean {
  if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') {
    throw invalidArgType('algorithm', 'of type string');
  }
  let bytes: Uint8Array;
  if (typeof data === 'string') bytes = utf8.encode(data);
  else if (isView(data)) bytes = viewBytes(data);
  else throw invalidArgType('data', 'an instance of Buffer, TypedArray, or DataView');
  if (!isView(signature)) throw invalidArgType('signature', 'an instance of Buffer, TypedArray, or DataView');
  const sig = viewBytes(signature);
  const keyObject = key instanceof KeyObject ? key : createPublicKey(key as PublicKeyInput);
  const m = keyMaterial.get(keyObject)!;

  if (m.kind === 'ed25519') {
    if (algorithm !== null && algorithm !== undefined) {
      lookupHash(algorithm); // unknown names: ERR_CRYPTO_INVALID_DIGEST, like Node
      throw codedError(new Error('error:1C80007A:Provider routines::invalid digest'), 'ERR_OSSL_INVALID_DIGEST');
    }
    return decide(prepareEd25519(m.raw, bytes, sig));
  }
  // OpenSSL's default digest for EC and RSA keys is SHA-256.
  const alg = lookupHash(algorithm ?? 'sha256');
  if (m.kind === 'ec') return decide(prepareEcdsa(m.curve, m.point, alg, bytes, sig));
  return decide(prepareRsa(m.n, m.e, alg, bytes, sig));
}

// ---------------------------------------------------------------------------

export function timingSafeEqual(a: ArrayBufferView | ArrayBuffer, b: ArrayBufferView | ArrayBuffer): boolean {
  const toBytes = (v: unknown, name: string): Uint8Array => {
    if (isView(v)) return viewBytes(v);
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    throw invalidArgType(name, 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView');
  };
  const x = toBytes(a, 'buf1');
  const y = toBytes(b, 'buf2');
  if (x.length !== y.length) {
    throw codedError(new RangeError('Input buffers must have the same byte length'), 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH');
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

export default { createPublicKey, createHash, verify, timingSafeEqual, KeyObject, Hash };

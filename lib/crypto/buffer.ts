// The `Buffer` that the vendored sigstore-js code, lib/crypto/node-crypto.ts
// and lib/verify see (scripts/vendor-sigstore.mjs injects it through
// buffer-global.ts). The npm `buffer` package it replaces was ~28 KB of the
// minified worker for a few calls; this class has only the API that code uses
// (found by tracing the test suite and reading the bundle), with Node's
// semantics for every argument those methods accept, checked against
// node:buffer in tests/crypto/buffer.test.ts. The decoders are as lenient as
// Node's because sigstore-js feeds them untrusted bundle fields: base64 skips
// characters outside both alphabets and stops at the first '=', hex stops at
// the first invalid pair, and both look only at the low byte of each UTF-16
// code unit (so 'Ł', U+0141, reads as 'A'), as Node's C++ decoders do.
//
// Not replicated, as nothing here depends on it: alloc sizes above 4 GiB
// (refused, see MAX_LENGTH), the 8 KB allocation pool
// (each Buffer owns its ArrayBuffer), error codes and exact messages (errors
// have Node's class, TypeError or RangeError), alloc's fill arguments, the
// deprecated Buffer() / new Buffer(string) forms (the constructor is
// Uint8Array's), and the methods not defined here: their Uint8Array
// namesakes (fill, indexOf, includes, ...) agree with Node's only for numbers.

export type Encoding =
  | 'utf8' | 'utf-8' | 'hex' | 'base64' | 'base64url' | 'ascii' | 'latin1' | 'binary' | 'ucs2' | 'ucs-2' | 'utf16le' | 'utf-16le';

type Canonical = 'utf8' | 'hex' | 'base64' | 'base64url' | 'ascii' | 'latin1' | 'utf16le';

const ALIASES = new Map<string, Canonical>([
  ['utf8', 'utf8'], ['utf-8', 'utf8'], ['hex', 'hex'], ['base64', 'base64'], ['base64url', 'base64url'], ['ascii', 'ascii'],
  ['latin1', 'latin1'], ['binary', 'latin1'], ['ucs2', 'utf16le'], ['ucs-2', 'utf16le'], ['utf16le', 'utf16le'], ['utf-16le', 'utf16le'],
]);

// Node converts the name with `+ ''` (so a Symbol throws) and ignores case.
function canonical(encoding: unknown): Canonical {
  const e = ALIASES.get(((encoding as string) + '').toLowerCase());
  if (!e) throw new TypeError(`Unknown encoding: ${String(encoding)}`);
  return e;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Sextet for each byte value, -1 when invalid; both alphabets are accepted whatever the encoding name. */
const SEXTET = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) SEXTET[B64.charCodeAt(i)] = i;
SEXTET[45] = 62; // '-'
SEXTET[95] = 63; // '_'

const hexDigit = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1);

const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, as Node's toString does.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function encode(s: string, encoding: Canonical): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf8') return utf8Encoder.encode(s);
  let out: Uint8Array<ArrayBuffer>;
  let n = 0;
  if (encoding === 'hex') {
    out = new Uint8Array(s.length >>> 1);
    for (let hi, lo; n < out.length && (hi = hexDigit(s.charCodeAt(2 * n) & 255)) >= 0 && (lo = hexDigit(s.charCodeAt(2 * n + 1) & 255)) >= 0; n++) {
      out[n] = (hi << 4) | lo;
    }
  } else if (encoding === 'base64' || encoding === 'base64url') {
    // Every 6 bits read are appended to `acc`; a byte is out once 8 are there,
    // so 2, 3 and 4 sextets give 1, 2 and 3 bytes and a lone sextet nothing.
    out = new Uint8Array((s.length * 3) >>> 2);
    for (let i = 0, acc = 0, bits = 0; i < s.length; i++) {
      const c = s.charCodeAt(i) & 255;
      if (c === 61) break; // '='
      const v = SEXTET[c]!;
      if (v < 0) continue;
      acc = ((acc << 6) | v) & 0xfff;
      bits += 6;
      if (bits >= 8) out[n++] = acc >>> (bits -= 8);
    }
  } else if (encoding === 'utf16le') {
    out = new Uint8Array(s.length * 2);
    for (; n < s.length; n++) {
      const c = s.charCodeAt(n);
      out[2 * n] = c;
      out[2 * n + 1] = c >>> 8;
    }
    n *= 2;
  } else {
    // latin1 and ascii both keep the low byte of each code unit.
    out = new Uint8Array(s.length);
    for (; n < s.length; n++) out[n] = s.charCodeAt(n);
  }
  return out.subarray(0, n);
}

function charCodes(count: number, code: (i: number) => number): string {
  let s = '';
  for (let i = 0; i < count; i += 4096) {
    const chunk: number[] = [];
    for (let j = i; j < count && j < i + 4096; j++) chunk.push(code(j));
    s += String.fromCharCode(...chunk);
  }
  return s;
}

function decode(b: Uint8Array, encoding: Canonical): string {
  switch (encoding) {
    case 'utf8':
      return utf8Decoder.decode(b);
    case 'hex':
      return Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
    case 'base64':
      return btoa(charCodes(b.length, (i) => b[i]!));
    case 'base64url':
      return btoa(charCodes(b.length, (i) => b[i]!)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    case 'ascii':
      return charCodes(b.length, (i) => b[i]! & 127);
    case 'latin1':
      return charCodes(b.length, (i) => b[i]!);
    case 'utf16le':
      return charCodes(b.length >>> 1, (i) => b[2 * i]! | (b[2 * i + 1]! << 8));
  }
}

const argError = (name: string, expected: string): TypeError => new TypeError(`The "${name}" argument must be ${expected}.`);
const rangeError = (name: string): RangeError => new RangeError(`The value of "${name}" is out of range.`);

// A SharedArrayBuffer is accepted as Node does; typed as ArrayBuffer for the Buffer's type.
const isArrayBuffer = (v: unknown): v is ArrayBuffer =>
  v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);

const view = (b: Uint8Array<ArrayBuffer>): Buffer => new Buffer(b.buffer, b.byteOffset, b.length);

function fromString(s: string, encoding: unknown): Buffer {
  // Node treats a missing or non-string encoding as utf8 here (but not in toString).
  return view(encode(s, typeof encoding === 'string' && encoding.length > 0 ? canonical(encoding) : 'utf8'));
}

function copyOf(arrayLike: ArrayLike<number>): Buffer {
  const length = arrayLike.length;
  if (!(length > 0)) return new Buffer(0);
  const b = new Buffer(length);
  b.set(arrayLike);
  return b;
}

// The largest alloc() size: 4 GiB, Node 20's kMaxLength. Node 22 allows up to
// 2^53 - 1 and then tries the allocation; a browser worker cannot hold that
// much, and sigstore-js only allocates the length of data it already holds, so
// a larger size is refused up front rather than left to the engine.
const MAX_LENGTH = 2 ** 32;

// Uint8Array, typed with the two constructor forms used here (the lib typings
// offer the (buffer, byteOffset, length) form only to generic subclasses).
const ByteArray = Uint8Array as unknown as new (
  ...args: [length: number] | [buffer: ArrayBuffer, byteOffset?: number, length?: number]
) => Uint8Array<ArrayBuffer>;

export class Buffer extends ByteArray {
  static from(value: string, encoding?: Encoding): Buffer;
  static from(value: ArrayBuffer, byteOffset?: number, length?: number): Buffer;
  static from(value: ArrayLike<number> | { type: 'Buffer'; data: number[] }): Buffer;
  static from(value: unknown, encodingOrOffset?: unknown, length?: unknown): Buffer;
  static from(value: unknown, encodingOrOffset?: unknown, length?: unknown): Buffer {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isArrayBuffer(value)) {
        let offset = encodingOrOffset === undefined ? 0 : +(encodingOrOffset as number);
        if (offset !== offset) offset = 0;
        const max = value.byteLength - offset;
        if (max < 0) throw rangeError('byteOffset');
        // Node 22 leaves the length to the view when none is given, so it is
        // byteLength minus the truncated offset (and tracks a resizable buffer).
        if (length === undefined) return new Buffer(value, offset);
        let len = +(length as number);
        if (!(len > 0)) len = 0;
        else if (len > max) throw rangeError('length');
        return new Buffer(value, offset, len);
      }
      const o = value as Record<PropertyKey, unknown> & { valueOf: () => unknown };
      // Boxed strings and the like: Node retries with the primitive (or object) valueOf returns.
      const primitive = o.valueOf && o.valueOf();
      if (primitive != null && primitive !== value && (typeof primitive === 'string' || typeof primitive === 'object')) {
        return Buffer.from(primitive, encodingOrOffset, length);
      }
      if (o.length !== undefined || isArrayBuffer(o.buffer)) {
        return typeof o.length === 'number' ? copyOf(o as unknown as ArrayLike<number>) : new Buffer(0);
      }
      if (o.type === 'Buffer' && Array.isArray(o.data)) return copyOf(o.data as number[]);
      const toPrimitive = o[Symbol.toPrimitive];
      if (typeof toPrimitive === 'function') {
        const s: unknown = toPrimitive.call(o, 'string');
        if (typeof s === 'string') return fromString(s, encodingOrOffset);
      }
    }
    throw argError('value', 'a string, Buffer, ArrayBuffer, Array, or array-like object');
  }

  static alloc(size: number): Buffer {
    if (typeof size !== 'number') throw argError('size', 'of type number');
    if (!(size >= 0 && size <= MAX_LENGTH)) throw rangeError('size');
    return new Buffer(size);
  }

  static concat(list: readonly Uint8Array[], totalLength?: number): Buffer {
    if (!Array.isArray(list)) throw argError('list', 'an instance of Array');
    if (list.length === 0) return new Buffer(0);
    let length = 0;
    if (totalLength === undefined) {
      for (const b of list) if (b.length) length += b.length;
    } else {
      if (typeof totalLength !== 'number') throw argError('length', 'of type number');
      if (!Number.isInteger(totalLength) || totalLength < 0) throw rangeError('length');
      length = totalLength;
    }
    const out = Buffer.alloc(length);
    let pos = 0;
    for (const b of list) {
      if (!(b instanceof Uint8Array)) throw argError('list[i]', 'a Buffer or Uint8Array');
      const n = Math.min(b.length, length - pos);
      out.set(b.subarray(0, n), pos);
      pos += n;
    }
    return out;
  }

  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static isEncoding(encoding: unknown): encoding is Encoding {
    return typeof encoding === 'string' && ALIASES.has(encoding.toLowerCase());
  }

  // Node's argument handling: start and end are clamped to [0, length] and
  // truncated with `| 0` (so NaN, null and non-numeric strings count as 0), and
  // an unknown encoding only throws when the range is not empty.
  override toString(encoding?: Encoding, start?: number, end?: number): string {
    const len = this.length;
    let from = start as number;
    let to = end as number;
    if (from <= 0) from = 0;
    else if (from >= len) return '';
    else from |= 0;
    if (to === undefined || to > len) to = len;
    else to |= 0;
    if (to <= from) return '';
    return decode(this.subarray(from, to), encoding === undefined ? 'utf8' : canonical(encoding));
  }

  equals(other: Uint8Array): boolean {
    if (!(other instanceof Uint8Array)) throw argError('otherBuffer', 'a Buffer or Uint8Array');
    if (this.length !== other.length) return false;
    for (let i = 0; i < this.length; i++) if (this[i] !== other[i]) return false;
    return true;
  }

  // Node 22 copies into the bytes of any TypedArray or DataView (positions
  // count bytes), not only into a Uint8Array.
  copy(target: ArrayBufferView, targetStart?: number, sourceStart?: number, sourceEnd?: number): number {
    if (!ArrayBuffer.isView(target)) throw argError('target', 'an instance of Buffer, TypedArray, or DataView');
    const dst = target instanceof Uint8Array ? target : new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    const t = position(targetStart, 0, Infinity, 'targetStart');
    const s = position(sourceStart, 0, this.length, 'sourceStart');
    const e = position(sourceEnd, this.length, Infinity, 'sourceEnd');
    if (t >= dst.length || s >= e) return 0;
    const n = Math.min(e, this.length) - s;
    const bytes = this.subarray(s, s + Math.min(n, dst.length - t));
    dst.set(bytes, t);
    return bytes.length;
  }

  /** A view, like Node's (Uint8Array's slice copies). */
  override slice(start?: number, end?: number): Buffer {
    return this.subarray(start, end);
  }

  override subarray(start?: number, end?: number): Buffer {
    return super.subarray(start, end) as Buffer;
  }

  readBigInt64BE(offset = 0): bigint {
    if (typeof offset !== 'number') throw argError('offset', 'of type number');
    if (this[offset] === undefined || this[offset + 7] === undefined) throw rangeError('offset');
    return new DataView(this.buffer, this.byteOffset, this.length).getBigInt64(offset);
  }

  toJSON(): { type: 'Buffer'; data: number[] } {
    return { type: 'Buffer', data: Array.from(this) };
  }
}

// copy()'s positions: undefined means the default, NaN and ±Infinity count as
// 0, fractions round down, and a value outside [0, max] is a RangeError.
function position(value: unknown, fallback: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  let n = +(value as number);
  n = Number.isFinite(n) ? Math.floor(n) : 0;
  if (n < 0 || n > max) throw rangeError(name);
  return n;
}

// Replacement for the one `node:util` function @sigstore/verify calls
// (`isDeepStrictEqual`, used to find duplicate timestamps, SCTs and tlog
// entries: objects holding strings, Buffers and Dates). Follows Node's strict
// deep-equality rules: Object.is for primitives, identical prototypes and
// tags, own enumerable string and symbol keys, typed arrays and ArrayBuffers
// by bytes, Dates by time value, RegExps by source/flags/lastIndex, boxed
// primitives by value, Errors by name and message, Maps and Sets unordered,
// and cycles. Checked against node:util in tests/crypto/node-util.test.ts.

const toStringTag = (v: object): string => Object.prototype.toString.call(v);
const isEnumerable = (o: object, k: PropertyKey): boolean => Object.prototype.propertyIsEnumerable.call(o, k);

function ownKeys(o: object, skipIndices: boolean): PropertyKey[] {
  let keys: PropertyKey[] = Object.keys(o);
  if (skipIndices) keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k as string));
  for (const s of Object.getOwnPropertySymbols(o)) if (isEnumerable(o, s)) keys.push(s);
  return keys;
}

function bytesOf(v: ArrayBufferView | ArrayBuffer): Uint8Array {
  return ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
}

function sameBytes(a: ArrayBufferView | ArrayBuffer, b: ArrayBufferView | ArrayBuffer): boolean {
  const x = bytesOf(a);
  const y = bytesOf(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

type Memo = Map<object, Set<object>>;

function unboxable(v: object): boolean {
  return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt || v instanceof Symbol;
}

function setEquiv(a: Set<unknown>, b: Set<unknown>, memo: Memo): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b].filter((v) => v !== null && typeof v === 'object');
  for (const v of a) {
    if (b.has(v)) continue;
    if (v === null || typeof v !== 'object') return false;
    const i = unmatched.findIndex((w) => equal(v, w, memo));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return true;
}

function mapEquiv(a: Map<unknown, unknown>, b: Map<unknown, unknown>, memo: Memo): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b].filter(([k]) => k !== null && typeof k === 'object');
  for (const [k, v] of a) {
    if (b.has(k)) {
      if (!equal(v, b.get(k), memo)) return false;
      continue;
    }
    if (k === null || typeof k !== 'object') return false;
    const i = unmatched.findIndex(([k2, v2]) => equal(k, k2, memo) && equal(v, v2, memo));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return true;
}

function equal(a: unknown, b: unknown, memo: Memo): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (toStringTag(a) !== toStringTag(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  // A pair already under comparison higher up (a cycle) is assumed equal;
  // pairs are only remembered while they are on the comparison stack.
  let seen = memo.get(a);
  if (seen?.has(b)) return true;
  if (!seen) memo.set(a, (seen = new Set()));
  seen.add(b);
  try {
    return equalObjects(a, b, memo);
  } finally {
    seen.delete(b);
  }
}

function equalObjects(a: object, b: object, memo: Memo): boolean {
  let skipIndices = false;
  if (Array.isArray(a)) {
    if (a.length !== (b as unknown[]).length) return false;
  } else if (a instanceof Date) {
    if (a.getTime() !== (b as Date).getTime()) return false;
  } else if (a instanceof RegExp) {
    const r = b as RegExp;
    if (a.source !== r.source || a.flags !== r.flags || a.lastIndex !== r.lastIndex) return false;
  } else if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
    if (!sameBytes(a, b as ArrayBufferView | ArrayBuffer)) return false;
    skipIndices = true;
  } else if (unboxable(a)) {
    if (!Object.is((a as { valueOf(): unknown }).valueOf(), (b as { valueOf(): unknown }).valueOf())) return false;
    skipIndices = a instanceof String;
  } else if (a instanceof Error) {
    const e = b as Error;
    if (a.message !== e.message || a.name !== e.name) return false;
  }

  const ka = ownKeys(a, skipIndices);
  const kb = ownKeys(b, skipIndices);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!isEnumerable(b, k)) return false;
  const ra = a as Record<PropertyKey, unknown>;
  const rb = b as Record<PropertyKey, unknown>;
  for (const k of ka) if (!equal(ra[k], rb[k], memo)) return false;

  if (a instanceof Set) return setEquiv(a, b as Set<unknown>, memo);
  if (a instanceof Map) return mapEquiv(a, b as Map<unknown, unknown>, memo);
  return true;
}

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, new Map());
}

export default { isDeepStrictEqual };

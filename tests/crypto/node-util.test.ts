// lib/crypto/node-util.ts against node:util.isDeepStrictEqual on a table of values.
import { describe, expect, it } from 'vitest';
import util from 'node:util';
import { Buffer as LibBuffer } from '../../lib/crypto/buffer';
import nodeUtilShim, { isDeepStrictEqual } from '../../lib/crypto/node-util';

class Point {
  constructor(public x: number, public y: number) {}
}

const sym = Symbol('s');
const cyclicA: Record<string, unknown> = { name: 'a' };
cyclicA.self = cyclicA;
const cyclicB: Record<string, unknown> = { name: 'a' };
cyclicB.self = cyclicB;
const cyclicC: Record<string, unknown> = { name: 'c' };
cyclicC.self = cyclicC;

const shared1 = { v: 1 };
const shared2 = { v: 2 };

function sparse(): unknown[] {
  const a: unknown[] = [1];
  a[2] = 3;
  return a;
}

function withExtra<T extends object>(value: T, key: string, v: unknown): T {
  (value as Record<string, unknown>)[key] = v;
  return value;
}

// Pairs of values; each is compared both ways with node's answer as the expectation.
const pairs: Array<[string, unknown, unknown]> = [
  ['same number', 1, 1],
  ['different numbers', 1, 2],
  ['NaN', NaN, NaN],
  ['0 and -0', 0, -0],
  ['number and string', 1, '1'],
  ['strings', 'abc', 'abc'],
  ['different strings', 'abc', 'abd'],
  ['null and undefined', null, undefined],
  ['null and {}', null, {}],
  ['bigints', 10n, 10n],
  ['bigint and number', 10n, 10],
  ['booleans', true, false],
  ['same symbol', sym, sym],
  ['different symbols', Symbol('s'), Symbol('s')],
  ['empty objects', {}, {}],
  ['equal objects', { a: 1, b: 'x' }, { b: 'x', a: 1 }],
  ['nested objects', { a: { b: [1, 2, { c: 3 }] } }, { a: { b: [1, 2, { c: 3 }] } }],
  ['nested difference', { a: { b: [1, 2, { c: 3 }] } }, { a: { b: [1, 2, { c: 4 }] } }],
  ['missing key', { a: 1 }, { a: 1, b: 2 }],
  ['undefined-valued key vs missing', { a: 1, b: undefined }, { a: 1, c: undefined }],
  ['undefined-valued key vs absent', { a: 1, b: undefined }, { a: 1 }],
  ['number vs string value', { a: 1 }, { a: '1' }],
  ['arrays', [1, 2, 3], [1, 2, 3]],
  ['array order', [1, 2, 3], [3, 2, 1]],
  ['array lengths', [1, 2], [1, 2, undefined]],
  ['sparse array vs undefined', sparse(), [1, undefined, 3]],
  ['array with extra property', withExtra([1, 2], 'x', 1), [1, 2]],
  ['array vs array-like object', [1, 2], { 0: 1, 1: 2, length: 2 }],
  ['class instance vs plain object', new Point(1, 2), { x: 1, y: 2 }],
  ['class instances', new Point(1, 2), new Point(1, 2)],
  ['null-prototype objects', Object.assign(Object.create(null), { a: 1 }), Object.assign(Object.create(null), { a: 1 })],
  ['null-prototype vs plain', Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
  ['symbol keys', { [sym]: 1 }, { [sym]: 1 }],
  ['different symbol-key values', { [sym]: 1 }, { [sym]: 2 }],
  ['symbol key vs none', { [sym]: 1 }, {}],
  ['same dates', new Date(1700000000000), new Date(1700000000000)],
  ['different dates', new Date(1700000000000), new Date(1700000001000)],
  ['invalid dates', new Date(NaN), new Date(NaN)],
  ['date vs object', new Date(0), {}],
  ['timestamps with different dates', { type: 'transparency-log', logID: Buffer.from('ab'), timestamp: new Date(1000) }, { type: 'transparency-log', logID: Buffer.from('ab'), timestamp: new Date(2000) }],
  ['timestamps with same dates', { type: 'transparency-log', logID: Buffer.from('ab'), timestamp: new Date(1000) }, { type: 'transparency-log', logID: Buffer.from('ab'), timestamp: new Date(1000) }],
  ['regexps', /a+b/gi, /a+b/gi],
  ['regexp flags', /a+b/g, /a+b/i],
  ['regexp sources', /a/, /b/],
  ['Buffers', Buffer.from('abc'), Buffer.from('abc')],
  ['different Buffers', Buffer.from('abc'), Buffer.from('abd')],
  ['Buffer lengths', Buffer.from('ab'), Buffer.from('abc')],
  ['Buffer vs Uint8Array', Buffer.from('abc'), new Uint8Array(Buffer.from('abc'))],
  ['lib/crypto/buffer Buffers', LibBuffer.from('abc'), LibBuffer.from('abc')],
  ['different lib/crypto/buffer Buffers', LibBuffer.from('abc'), LibBuffer.from('abx')],
  ['lib/crypto/buffer Buffer vs Node Buffer', LibBuffer.from('abc'), Buffer.from('abc')],
  ['Uint8Arrays', new Uint8Array([1, 2]), new Uint8Array([1, 2])],
  ['different Uint8Arrays', new Uint8Array([1, 2]), new Uint8Array([1, 3])],
  ['Uint8Array vs Uint16Array', new Uint8Array([1, 2]), new Uint16Array([1, 2])],
  ['Uint16Arrays', new Uint16Array([1, 500]), new Uint16Array([1, 500])],
  ['different Uint16Arrays', new Uint16Array([1, 500]), new Uint16Array([1, 501])],
  ['Float64Array NaN', new Float64Array([NaN]), new Float64Array([NaN])],
  ['Float64Array 0 and -0', new Float64Array([0]), new Float64Array([-0])],
  ['Uint8Array with extra property', withExtra(new Uint8Array([1]), 'x', 1), new Uint8Array([1])],
  ['ArrayBuffers', new Uint8Array([1, 2]).buffer, new Uint8Array([1, 2]).buffer],
  ['different ArrayBuffers', new Uint8Array([1, 2]).buffer, new Uint8Array([1, 3]).buffer],
  ['DataViews', new DataView(new Uint8Array([1, 2]).buffer), new DataView(new Uint8Array([1, 2]).buffer)],
  ['different DataViews', new DataView(new Uint8Array([1, 2]).buffer), new DataView(new Uint8Array([2, 2]).buffer)],
  ['Maps', new Map<unknown, unknown>([['a', 1], ['b', { c: 2 }]]), new Map<unknown, unknown>([['b', { c: 2 }], ['a', 1]])],
  ['different Maps', new Map([['a', 1]]), new Map([['a', 2]])],
  ['Maps with object keys', new Map([[{ k: 1 }, 1]]), new Map([[{ k: 1 }, 1]])],
  ['Sets', new Set([1, 'a', 3]), new Set([3, 'a', 1])],
  ['different Sets', new Set([1, 2]), new Set([1, 3])],
  ['Sets of objects', new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }])],
  ['Set vs Map', new Set(), new Map()],
  ['boxed numbers', Object(1), Object(1)],
  ['different boxed numbers', Object(1), Object(2)],
  ['boxed string vs string', Object('a'), 'a'],
  ['errors', new Error('x'), new Error('x')],
  ['error messages', new Error('x'), new Error('y')],
  ['error types', new TypeError('x'), new Error('x')],
  ['same function', isDeepStrictEqual, isDeepStrictEqual],
  ['different functions', () => 1, () => 1],
  ['cyclic equal', cyclicA, cyclicB],
  ['cyclic different', cyclicA, cyclicC],
  ['Set where the first candidate only matches on retry', new Set([{ a: [1] }, { a: [2] }]), new Set([{ a: [2] }, { a: [1] }])],
  ['Set with a near-duplicate', new Set([{ a: [1] }, { a: [1], b: 1 }]), new Set([{ a: [1], b: 1 }, { a: [2] }])],
  ['shared sub-object compared twice', ((o) => [o, o])({ k: [1] }), [{ k: [1] }, { k: [2] }]],
  // A pair found unequal once must not be remembered as equal later.
  ['Sets sharing an unequal sub-pair', new Set([{ p: shared1, t: 1 }, { p: shared1, t: 2 }]), new Set([{ p: shared2, t: 2 }, { p: { v: 1 }, t: 1 }])],
  ['getter vs value', Object.defineProperty({}, 'a', { get: () => 1, enumerable: true }), { a: 1 }],
  ['non-enumerable property', Object.defineProperty({}, 'a', { value: 1, enumerable: false }), {}],
];

describe('node-util isDeepStrictEqual', () => {
  it.each(pairs)('%s', (_, a, b) => {
    expect(isDeepStrictEqual(a, b)).toBe(util.isDeepStrictEqual(a, b));
    expect(isDeepStrictEqual(b, a)).toBe(util.isDeepStrictEqual(b, a));
    expect(isDeepStrictEqual(a, a)).toBe(util.isDeepStrictEqual(a, a));
  });

  it('covers both answers and has a default export', () => {
    // The pair that an over-eager cycle memo gets wrong.
    expect(util.isDeepStrictEqual(pairs.find(([n]) => n === 'Sets sharing an unequal sub-pair')![1], pairs.find(([n]) => n === 'Sets sharing an unequal sub-pair')![2])).toBe(false);
    const answers = pairs.map(([, a, b]) => util.isDeepStrictEqual(a, b));
    expect(answers.filter(Boolean).length).toBeGreaterThan(20);
    expect(answers.filter((x) => !x).length).toBeGreaterThan(20);
    expect(nodeUtilShim.isDeepStrictEqual).toBe(isDeepStrictEqual);
  });
});

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { toJsonText } from './support';
it('toJsonText writes what JSON.stringify writes, at any depth', () => {
  fc.assert(fc.property(fc.jsonValue(), (v) => { expect(toJsonText(v)).toBe(JSON.stringify(v)); }), { numRuns: 2000, seed: 1 });
  let d: unknown = 1; for (let i = 0; i < 30000; i++) d = [d];
  expect(JSON.parse(toJsonText(d))).toBeTruthy();
});

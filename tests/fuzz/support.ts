import fc from 'fast-check';

/**
 * Settings shared by the fuzz suites. `npm test` runs them with a fixed seed
 * and a run count sized for CI; `npm run fuzz` (scripts/fuzz.mjs) sets
 * FUZZ_SEED to a fresh random seed it prints, and FUZZ_RUNS higher.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/** Runs for a property: its CI size, scaled by FUZZ_RUNS / 100 when set (FUZZ_RUNS=1000 is ten times CI). */
export function runs(ciRuns: number): number {
  const scale = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) / 100 : 1;
  return Math.max(1, Math.round(ciRuns * scale));
}

export function params(ciRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: runs(ciRuns), endOnFailure: true };
}

/** The bound: no single call over 200 ms on this machine. */
export const MAX_CALL_MS = 200;

/** Attempts before a call counts as over the bound. */
const ATTEMPTS = 3;

async function fastestOf(fn: () => unknown, until = 0): Promise<number> {
  let fastest = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && fastest > until; attempt++) {
    const start = performance.now();
    await fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** Calls over the bound that the reference showed to be the machine's load, per suite (printed at its end). */
export const excused: string[] = [];

/**
 * Calls `fn` and fails if the input is slow to handle: over MAX_CALL_MS on
 * each of three calls and, when a `reference` is given (the same call on the
 * real, unmutated input), also over twice the reference's fastest time
 * measured right then. Other engineers' test runs share this 2-core machine;
 * at a load of 6–8 an ordinary verification of a real release (60–100 ms
 * idle) was measured at 200–600 ms, so a call that is as slow as the real
 * input at that moment says nothing about the input. An input that is slow
 * to handle (backtracking, quadratic work, deep recursion) is slow every
 * time and slower than the real input. Excused calls are listed, not hidden.
 */
export async function timed<T>(what: string, fn: () => T | Promise<T>, reference?: () => unknown): Promise<T> {
  const start = performance.now();
  const value = await fn();
  if (performance.now() - start <= MAX_CALL_MS) return value;
  const fastest = await fastestOf(fn, MAX_CALL_MS);
  if (fastest <= MAX_CALL_MS) return value;
  if (reference) {
    const ref = await fastestOf(reference);
    if (fastest <= 2 * ref) {
      excused.push(`${what}: ${fastest.toFixed(0)} ms, the real input ${ref.toFixed(0)} ms at the same time`);
      return value;
    }
    throw new Error(`${what} took ${fastest.toFixed(0)} ms (fastest of ${ATTEMPTS}), over ${MAX_CALL_MS} ms and over twice the real input's ${ref.toFixed(0)} ms`);
  }
  throw new Error(`${what} took over ${MAX_CALL_MS} ms on each of ${ATTEMPTS} calls (fastest ${fastest.toFixed(0)} ms)`);
}

/** Prints what `timed` excused, so a slow machine is visible in the log rather than hidden. */
export function reportExcused(suite: string): void {
  if (excused.length === 0) return;
  console.info(`${suite}: ${excused.length} call(s) over ${MAX_CALL_MS} ms excused as machine load:\n  ${excused.join('\n  ')}`);
  excused.length = 0;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value` (the root is []). */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** One mutation: which path (modulo the count), what to do there, and material for it. */
export interface Mutation {
  at: number;
  op: number;
  value: unknown;
  n: number;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.nat({ max: 11 }),
  value: fc.jsonValue({ maxDepth: 2 }),
  n: fc.nat({ max: 4096 }),
});

/** Up to `max` mutations, applied in order by `applyMutations`. */
export const mutationsArb = (max = 3) => fc.array(mutationArb, { minLength: 1, maxLength: max });

function flipChar(s: string, n: number): string {
  if (s.length === 0) return 'A';
  const i = n % s.length;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.:';
  let c = alphabet[(n >> 3) % alphabet.length]!;
  if (c === s[i]) c = s[i] === 'A' ? 'B' : 'A';
  return s.slice(0, i) + c + s.slice(i + 1);
}

function mutateLeaf(v: Json, m: Mutation): Json {
  switch (m.op) {
    case 0:
      return m.value as Json; // anything in its place
    case 1:
      return typeof v === 'string' ? flipChar(v, m.n) : v; // one character changed (base64, digests, names)
    case 2:
      return typeof v === 'string' ? v.slice(0, m.n % (v.length + 1)) : v; // truncated
    case 3:
      return typeof v === 'string' ? v + v : Array.isArray(v) ? [...v, ...v] : v; // doubled
    case 4:
      return typeof v === 'number' ? -v - 1 : typeof v === 'string' ? String(m.n) : v; // sign or type changed
    case 5:
      return Array.isArray(v) ? [] : v && typeof v === 'object' ? {} : null; // emptied
    case 6:
      return typeof v === 'string' ? Number.isNaN(Number(v)) ? 1e308 : `${v}\u0000\u{1F512}` : String(v); // odd values
    case 7: {
      // Deep nesting, as a hostile server could send (bounded so the test data stays small).
      let deep: Json = v;
      for (let i = 0; i < 50 + (m.n % 200); i++) deep = [deep];
      return deep;
    }
    case 8:
      return typeof v === 'string' ? v.toUpperCase() : v;
    default:
      return v;
  }
}

/** Applies mutations to a structured clone of `value`. Ops 9–11 delete, duplicate or rename a key or element. */
export function applyMutations<T>(value: T, mutations: readonly Mutation[]): T {
  let root = structuredClone(value) as unknown as Json;
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length]!;
    if (path.length === 0) {
      if (m.op < 9) root = mutateLeaf(root, m);
      continue;
    }
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1]!;
    let parent = root as any;
    for (const p of parentPath) parent = parent[p];
    if (m.op === 9) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 10) {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else parent[`${String(key)}_`] = structuredClone(parent[key]);
    } else if (m.op === 11) {
      if (!Array.isArray(parent)) {
        parent[flipChar(String(key), m.n)] = parent[key];
        delete parent[key];
      }
    } else {
      parent[key] = mutateLeaf(parent[key], m);
    }
  }
  return root as unknown as T;
}

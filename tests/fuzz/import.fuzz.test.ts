import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPins, mergeImported, parsePinFile, PinImportError } from '../../lib/background/pin-book';
import { pinSchema, type Pin } from '../../lib/policy/pins';
import { exportPylock, parsePylock, PylockError } from '../../lib/policy/pep751';
import { onePin } from '../support/pins';
import { applyMutations, mutationsArb, params, reportExcused, timed } from './support';

/**
 * The import boundary: a pin file picked by the user may be anything. It
 * imports as pins that parse, or is refused whole with a PinImportError (the
 * options page shows its message); parsing and merging stay within the time
 * bound up to the largest text the message protocol carries (1,000,000
 * characters, `pins/import`).
 */

const pin = (i: number): Pin =>
  onePin({
    ecosystem: i % 2 ? 'npm' : 'pypi',
    package: i % 3 ? `pkg-${i}` : `Pkg_${i}.Name`,
    repositoryUrl: `https://github.com/owner/repo-${i}`,
    ...(i % 4 === 0 ? { repositoryId: String(1000 + i), workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/v*' } : {}),
    ...(i % 5 === 0 ? { issuer: 'https://token.actions.githubusercontent.com', environment: 'pypi' } : {}),
    createdAt: '2026-01-01T00:00:00Z',
  });

const EXISTING = Array.from({ length: 20 }, (_, i) => pin(i));
const EXPORTED = JSON.parse(exportPins(Array.from({ length: 8 }, (_, i) => (i % 3 ? pin(i + 10) : { ...pin(i + 10), identities: [...pin(i + 10).identities, ...pin(i + 11).identities] }))));
/** A version 1 file, as exported before pins held a set: still imported. */
const EXPORTED_V1 = { format: 'provenant-pins', version: 1, pins: EXPORTED.pins.map((p: Pin) => ({ ...p, identities: undefined, ...p.identities[0] })) };

function importText(text: string): Pin[] | 'refused' {
  try {
    return parsePinFile(text);
  } catch (e) {
    if (e instanceof PinImportError) return 'refused';
    throw new Error(`escaped: ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  }
}

async function importAndMerge(text: string, reference?: string): Promise<void> {
  // With a reference (a plain file of the same size), a slow call is excused only as machine load: within twice the plain file's time.
  const pins = await timed('parsePinFile', () => importText(text), reference === undefined ? undefined : () => importText(reference));
  if (pins === 'refused') return;
  // Checked outside the timed call: expect() on thousands of pins is the test's cost, not the import's.
  const bad = pins.filter((p) => !pinSchema.safeParse(p).success || p.source !== 'import');
  expect(bad).toEqual([]);
  await timed('mergeImported', () => mergeImported(EXISTING, pins));
}

describe('fuzz: pin import files', () => {
  afterAll(() => reportExcused('fuzz: import'));

  it('the seeds import', () => {
    expect(importText(JSON.stringify(EXPORTED))).toHaveLength(8);
    expect(importText(JSON.stringify(EXPORTED_V1))).toHaveLength(8);
  });

  it('mutated version 1 files', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(4), async (mutations) => {
        await importAndMerge(JSON.stringify(applyMutations(EXPORTED_V1, mutations.filter((m) => m.op !== 7))));
      }),
      params(100),
    );
  });

  it('mutated export files', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb(4), async (mutations) => {
        // Deep nestings too: JSON.parse takes them, so a file can carry them.
        await importAndMerge(JSON.stringify(applyMutations(EXPORTED, mutations.filter((m) => m.op !== 7))));
      }),
      params(200),
    );
  });

  it('cut, flipped or doubled text', async () => {
    const text = exportPins(EXPORTED.pins);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 2 }), async (at, insert, op) => {
        const pos = at % text.length;
        await importAndMerge(op === 0 ? text.slice(0, pos) : op === 1 ? text.slice(0, pos) + insert + text.slice(pos + 1) : text + text);
      }),
      params(100),
    );
  });

  it('generated files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.record({ format: fc.constant('provenant-pins'), version: fc.constantFrom(1, 2), pins: fc.array(fc.anything()) }).map((v) => JSON.stringify(v))), async (text) => {
        await importAndMerge(text);
      }),
      params(150),
    );
  });

  it('files as large as the protocol carries: thousands of pins, or one deep nesting', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12_834 }), fc.boolean(), async (count, deep) => {
        const minimal = (i: number) => ({ ecosystem: 'npm', package: `p${i}`, workflowPath: 'w', createdAt: 'x' });
        let text = JSON.stringify({ format: 'provenant-pins', version: 1, pins: Array.from({ length: count }, (_, i) => minimal(i)) });
        if (deep) text = `{"format":"provenant-pins","version":1,"pins":[${'['.repeat(count * 8)}${']'.repeat(count * 8)}]}`;
        expect(text.length).toBeLessThanOrEqual(1_000_000);
        const plain = JSON.stringify({ format: 'provenant-pins', version: 2, pins: Array.from({ length: count }, (_, i) => ({ ecosystem: 'npm', package: `p${i}`, identities: [{ workflowPath: 'w' }], createdAt: 'x' })) });
        await importAndMerge(text, plain);
      }),
      params(12),
    );
  });

  // PEP 751 attestation identities (lib/policy/pep751.ts): the strict reader reads pins that parse or refuses with PylockError.
  const PYLOCK = exportPylock(Array.from({ length: 6 }, (_, i) => ({ ...pin(2 * i), identities: [{ repositoryUrl: `https://github.com/o/r${i}`, workflowPath: '.github/workflows/release.yml', environment: 'pypi' }, { issuer: 'https://accounts.google.com', email: `p${i}@x.iam.gserviceaccount.com` }] }))).text;
  it('cut, flipped or doubled PEP 751 text', async () => {
    expect(parsePylock(PYLOCK)).toHaveLength(6);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 2 }), async (at, insert, op) => {
        const pos = at % PYLOCK.length;
        const text = op === 0 ? PYLOCK.slice(0, pos) : op === 1 ? PYLOCK.slice(0, pos) + insert + PYLOCK.slice(pos + 1) : PYLOCK + PYLOCK;
        const pins = await timed('parsePylock', () => {
          try {
            return parsePylock(text);
          } catch (e) {
            if (e instanceof PylockError) return [];
            throw new Error(`escaped: ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
          }
        });
        expect(pins.filter((p) => !pinSchema.safeParse(p).success || p.ecosystem !== 'pypi')).toEqual([]);
      }),
      params(150),
    );
  });
});

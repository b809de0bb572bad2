/**
 * The native fast path (verifyBundleFast) against the @noble reference
 * (verifyBundle) on every input the repository carries: same verdict, same
 * error code, same result; and every input the reference accepts is accepted
 * natively, without falling back. tests/e2e/native-verify-worker.e2e.test.ts
 * runs the same corpus inside Chromium's service worker.
 */
import { describe, expect, it } from 'vitest';
import { installDiagnostics, type DifferentialResult } from '../../lib/background/diagnostics';
import { PUBLIC_GOOD_SEED } from '../../lib/verify/embedded-trust';
import { differentialCorpus, type DifferentialCase } from '../support/differential-corpus';

const scope: Record<string, any> = {};
installDiagnostics(scope, async () => PUBLIC_GOOD_SEED);
const differential = (c: DifferentialCase): Promise<DifferentialResult> => scope.provenantDiagnostics.differential(c.bundle, c);

const corpus = differentialCorpus();

describe('native fast path = @noble reference, in Node (WebCrypto from OpenSSL)', () => {
  it('covers the fixtures, the conformance cases and their tamperings', () => {
    expect(corpus.filter((c) => c.name.startsWith('conformance ') && !c.name.includes('tampered')).length).toBe(52);
    expect(corpus.filter((c) => c.name.includes('tampered')).length).toBeGreaterThan(100);
  });

  let accepted = 0;
  let fallbacks = 0;
  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await differential(c);
    expect(r.fast).toEqual(r.reference);
    if (r.reference.code === 'NO_ERROR') {
      accepted++;
      expect(r.checks, 'a verified bundle checks signatures').toBeGreaterThan(0);
      expect(r.fellBack, 'a valid bundle must be accepted natively').toBe(false);
    }
    if (r.fellBack) fallbacks++;
  });

  it('accepted bundles exist (so the equality above means something)', () => {
    expect(accepted).toBeGreaterThan(40);
    // Failures that reach a signature check fall back; the count is printed for the record.
    console.log(`differential: ${corpus.length} cases, ${accepted} accepted natively, ${fallbacks} fell back to @noble`);
  });
});

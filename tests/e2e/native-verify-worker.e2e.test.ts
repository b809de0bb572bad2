/**
 * The differential of tests/verify/native-verify.differential.test.ts inside
 * the built extension's service worker in Chromium: Chromium's WebCrypto
 * (BoringSSL) against the @noble reference, on every fixture bundle, every
 * sigstore-conformance case and every tampering of them. Same verdict, same
 * code, same result; every bundle the reference accepts is accepted natively.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DifferentialResult } from '../../lib/background/diagnostics';
import { differentialCorpus } from '../support/differential-corpus';
import { launchExtension, type ExtensionHarness } from './harness/browser.ts';
import { diagnosticsExtension } from './harness/diagnostics-build.ts';

const corpus = differentialCorpus();
const BATCH = 40;

describe('native fast path = @noble reference, in the Chromium service worker', () => {
  let h: ExtensionHarness;
  const results = new Map<string, DifferentialResult>();

  beforeAll(async () => {
    h = await launchExtension({ extensionPath: diagnosticsExtension() });
    for (let i = 0; i < corpus.length; i += BATCH) {
      const batch = corpus.slice(i, i + BATCH);
      const out = await h.serviceWorker.evaluate(async (cases) => {
        const d = (globalThis as any).provenantDiagnostics;
        const r = [];
        for (const c of cases) r.push(await d.differential(c.bundle, c));
        return r;
      }, batch);
      batch.forEach((c, k) => results.set(c.name, out[k]));
    }
  }, 900_000);
  afterAll(async () => {
    await h?.close();
  });

  it('has WebCrypto with Ed25519 (else Ed25519 checks would all fall back)', async () => {
    const ok = await h.serviceWorker.evaluate(async () => {
      try {
        await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
        return true;
      } catch {
        return false;
      }
    });
    expect(ok).toBe(true);
  });

  it('gives the reference verdict, code and result for every case; valid bundles never fall back', () => {
    const mismatches: string[] = [];
    let accepted = 0;
    let fallbacks = 0;
    for (const c of corpus) {
      const r = results.get(c.name)!;
      if (JSON.stringify(r.fast) !== JSON.stringify(r.reference)) mismatches.push(`${c.name}: reference ${r.reference.code}, fast ${r.fast.code}`);
      if (r.reference.code === 'NO_ERROR') {
        accepted++;
        if (r.fellBack || r.checks === 0) mismatches.push(`${c.name}: valid but ${r.fellBack ? 'fell back' : 'checked nothing'}`);
      }
      if (r.fellBack) fallbacks++;
    }
    expect(mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(40);
    console.log(`worker differential: ${corpus.length} cases, ${accepted} accepted natively, ${fallbacks} fell back to @noble`);
  });
});

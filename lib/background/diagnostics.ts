import { embeddedNpmKeysJSON, embeddedTrustedRootJSON, publicGoodTrust } from '../verify/embedded-trust';
import { VerifyError } from '../verify/errors';
import { loadTrustedRoot } from '../verify/trust-root';
import { verifyBundle, type ArtifactInput } from '../verify/verify-bundle';
import { liveTrust } from '../trust/live-trust';
import { verifyWithLiveTrust } from '../trust/verify-with-trust';

/**
 * A small surface on the worker's global scope for in-browser checks and the
 * benchmark (reachable only from the extension itself and its devtools). It
 * runs the very pipeline the extension uses on bundles it is handed.
 */
export interface DiagnosticResult {
  ok: boolean;
  code?: string;
  detail?: string;
  signer?: string;
  mediaType?: string;
}

function run(bundle: unknown, options: { trustedRoot?: unknown; artifact?: ArtifactInput } = {}): DiagnosticResult {
  try {
    const trust = options.trustedRoot ? loadTrustedRoot(options.trustedRoot, { name: 'custom' }) : publicGoodTrust();
    const result = verifyBundle(bundle, { trust, artifact: options.artifact });
    return { ok: true, signer: result.signer.kind, mediaType: result.mediaType };
  } catch (e) {
    if (e instanceof VerifyError) return { ok: false, code: e.code, detail: e.detail };
    return { ok: false, code: 'CRASH', detail: String(e) };
  }
}

/** Timings for `npm run bench`: trusted-root load, first verification, median of the rest. */
function time(bundle: unknown, iterations: number, options: { artifact?: ArtifactInput } = {}): { rootLoadMs: number; firstMs: number; medianMs: number; runs: number } {
  const r0 = performance.now();
  const trust = loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good', npmKeys: embeddedNpmKeysJSON() });
  const rootLoadMs = performance.now() - r0;
  const samples: number[] = [];
  for (let i = 0; i <= iterations; i++) {
    const t0 = performance.now();
    verifyBundle(bundle, { trust: i === 0 ? trust : publicGoodTrust(), artifact: options.artifact });
    samples.push(performance.now() - t0);
  }
  const [firstMs, ...rest] = samples;
  rest.sort((a, b) => a - b);
  return { rootLoadMs, firstMs: firstMs!, medianMs: rest[Math.floor(rest.length / 2)] ?? firstMs!, runs: rest.length };
}

/**
 * One bundle through the worker's live-trust path (lib/trust/verify-with-trust.ts):
 * the current material, an on-demand refresh when the bundle names unknown
 * material, then the verdict's status and code as a release with this one
 * attestation would get them.
 */
async function verifyLive(bundle: unknown, options: { artifact?: ArtifactInput } = {}): Promise<{ status: string; code?: string; message?: string }> {
  const report = await verifyWithLiveTrust(async (trust) => {
    const base = { ecosystem: 'npm' as const, package: 'diagnostics', version: '0', artifacts: [], checkedAt: new Date().toISOString() };
    try {
      verifyBundle(bundle, { trust, artifact: options.artifact });
      return { ...base, status: 'verified' as const };
    } catch (e) {
      return { ...base, status: 'failed' as const, code: e instanceof VerifyError ? e.code : 'CRASH' };
    }
  }, liveTrust());
  return { status: report.status, ...(report.code ? { code: report.code } : {}), ...(report.message ? { message: report.message } : {}) };
}

/** Timing of one full refresh (for `npm run bench`), from the stored state or the seed. */
async function timeRefresh(): Promise<{ ms: number; ok: boolean; code?: string }> {
  const t0 = performance.now();
  const outcome = await liveTrust().refresh('user');
  return { ms: performance.now() - t0, ok: outcome.ok, ...(outcome.code ? { code: outcome.code } : {}) };
}

export function installDiagnostics(scope: Record<string, unknown>): void {
  scope.provenantDiagnostics = { verify: run, time, verifyLive, trustStatus: () => liveTrust().status(), timeRefresh };
}

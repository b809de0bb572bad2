import { coreCrypto, signatureMemo } from '../vendor/sigstore.generated.js';
import { loadTrustedRoot, type TrustContext } from '../verify/trust-root';
import { fastPathStats, verifyBundle, verifyBundleFast, type ArtifactInput, type IdentityPolicy, type VerifyOptions } from '../verify/verify-bundle';
import { liveTrust } from '../trust/live-trust';
import { packagedPublicGoodSeed, type PublicGoodTrustSeed } from '../trust/public-good-seed';
import { PUBLIC_GOOD_PROFILE } from '../trust/trust-profile';
import { verifyWithLiveTrust } from '../trust/verify-with-trust';
import { isProvenantError } from '../errors/provenant-error';
import { takeMessageTimings } from './message-timing';

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

/** What the tests hand in: plain data, so it crosses into the worker unchanged. */
export interface DiagnosticRequest {
  trustedRoot?: unknown;
  /** Conformance `--key`: the PEM key every key hint resolves to. */
  keyPem?: string;
  artifact?: ArtifactInput | { kind: 'bytes'; base64: string };
  identity?: IdentityPolicy;
}

/** Where the seed comes from: the packaged file in the worker, the same file read from disk in Node (installDiagnostics). */
let readSeed: () => Promise<PublicGoodTrustSeed> = packagedPublicGoodSeed;
let seedTrust: TrustContext | undefined;

/** The seed's material alone (in a test build, the test seed), never a refresh: built once. */
async function publicGoodTrust(): Promise<TrustContext> {
  seedTrust ??= PUBLIC_GOOD_PROFILE.load((await readSeed()).targets);
  return seedTrust;
}

async function optionsFor(request: DiagnosticRequest): Promise<VerifyOptions> {
  let trust: TrustContext = request.trustedRoot ? loadTrustedRoot(request.trustedRoot, { name: 'custom' }) : await publicGoodTrust();
  if (request.keyPem !== undefined) {
    const key = coreCrypto.createPublicKey(request.keyPem);
    trust = { name: `${trust.name}+key`, material: { ...trust.material, publicKey: () => ({ publicKey: key, validFor: () => true }) } };
  }
  const a = request.artifact;
  const artifact: ArtifactInput | undefined =
    a?.kind === 'bytes' && 'base64' in a ? { kind: 'bytes', bytes: Uint8Array.from(atob(a.base64), (c) => c.charCodeAt(0)) } : (a as ArtifactInput | undefined);
  return { trust, ...(artifact ? { artifact } : {}), ...(request.identity ? { identity: request.identity } : {}) };
}

function describeError(e: unknown): DiagnosticResult {
  if (isProvenantError(e, 'verify')) return { ok: false, code: e.code, detail: e.detail };
  return { ok: false, code: 'CRASH', detail: String(e) };
}

async function run(bundle: unknown, options: DiagnosticRequest = {}): Promise<DiagnosticResult> {
  try {
    const result = verifyBundle(bundle, await optionsFor(options));
    return { ok: true, signer: result.signer.kind, mediaType: result.mediaType };
  } catch (e) {
    return describeError(e);
  }
}

export interface DifferentialOutcome {
  /** NO_ERROR, a verify error code, or CRASH. */
  code: string;
  /** The whole verified result, serialized, when it verified. */
  result?: string;
}

export interface DifferentialResult {
  reference: DifferentialOutcome;
  fast: DifferentialOutcome;
  /** The fast path ran the reference because a recorded check did not verify natively. */
  fellBack: boolean;
  checks: number;
}

async function outcome(fn: () => unknown): Promise<DifferentialOutcome> {
  try {
    return { code: 'NO_ERROR', result: JSON.stringify(await fn()) };
  } catch (e) {
    return { code: isProvenantError(e, 'verify') ? e.code : `CRASH ${String(e)}` };
  }
}

/**
 * The same input through the @noble reference and through the native fast
 * path, with the signature memo off so both really compute every check.
 */
async function differential(bundle: unknown, request: DiagnosticRequest = {}): Promise<DifferentialResult> {
  const wasEnabled = signatureMemo.enabled;
  signatureMemo.enabled = false;
  try {
    let options: VerifyOptions;
    try {
      options = await optionsFor(request);
    } catch (e) {
      const failed = await outcome(() => { throw e; });
      return { reference: failed, fast: failed, fellBack: false, checks: 0 };
    }
    const reference = await outcome(() => verifyBundle(bundle, options));
    const before = { ...fastPathStats };
    const fast = await outcome(() => verifyBundleFast(bundle, options));
    return { reference, fast, fellBack: fastPathStats.fallbacks > before.fallbacks, checks: fastPathStats.checks - before.checks };
  } finally {
    signatureMemo.enabled = wasEnabled;
  }
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export interface TimeOptions {
  artifact?: ArtifactInput;
  /** 'fast' (what the extension runs) or 'reference' (@noble only). */
  path?: 'fast' | 'reference';
  /** The signature-verdict memo; off by default, so every run computes every check. */
  memo?: boolean;
}

/**
 * Timings for `npm run bench`: trusted-root load, first verification, median
 * of the rest. The first run uses a freshly loaded root (so its key objects
 * and certificates are new); the others the worker's cached one.
 */
async function time(bundle: unknown, iterations: number, options: TimeOptions = {}): Promise<{ rootLoadMs: number; firstMs: number; medianMs: number; runs: number }> {
  const wasEnabled = signatureMemo.enabled;
  signatureMemo.enabled = options.memo ?? false;
  try {
    const { targets } = await readSeed();
    const cached = await publicGoodTrust();
    const r0 = performance.now();
    const trust = PUBLIC_GOOD_PROFILE.load(targets);
    const rootLoadMs = performance.now() - r0;
    const samples: number[] = [];
    for (let i = 0; i <= iterations; i++) {
      const verifyOptions = { trust: i === 0 ? trust : cached, ...(options.artifact ? { artifact: options.artifact } : {}) };
      const t0 = performance.now();
      if (options.path === 'reference') verifyBundle(bundle, verifyOptions);
      else await verifyBundleFast(bundle, verifyOptions);
      samples.push(performance.now() - t0);
    }
    const [firstMs, ...rest] = samples;
    return { rootLoadMs, firstMs: firstMs!, medianMs: rest.length ? median(rest) : firstMs!, runs: rest.length };
  } finally {
    signatureMemo.enabled = wasEnabled;
  }
}

/**
 * The first verification of this worker instance (call it first after a start),
 * with the material the extension verifies with (the live trust's current
 * one): its parsing included, unless the start-up warm-up has done it.
 */
async function coldFirst(bundle: unknown, delayMs = 0): Promise<number> {
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  const t0 = performance.now();
  await verifyBundleFast(bundle, { trust: await liveTrust().current() });
  return performance.now() - t0;
}

/**
 * `count` verifications of one bundle, memo off: a release of `count` attested
 * files, `lanes` at a time (the PyPI adapter verifies four files at once).
 */
async function release(bundle: unknown, count: number, lanes = 4): Promise<number> {
  const wasEnabled = signatureMemo.enabled;
  signatureMemo.enabled = false;
  try {
    const trust = await publicGoodTrust();
    let left = count;
    const lane = async () => {
      while (left-- > 0) await verifyBundleFast(bundle, { trust });
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: lanes }, lane));
    return performance.now() - t0;
  } finally {
    signatureMemo.enabled = wasEnabled;
  }
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
      return { ...base, status: 'failed' as const, code: isProvenantError(e, 'verify') ? e.code : 'CRASH' };
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

export function installDiagnostics(scope: Record<string, unknown>, seed: () => Promise<PublicGoodTrustSeed> = packagedPublicGoodSeed): void {
  readSeed = seed;
  seedTrust = undefined;
  scope.provenantDiagnostics = { verify: run, differential, time, coldFirst, release, stats: () => ({ ...fastPathStats }), verifyLive, trustStatus: () => liveTrust().status(), timeRefresh, messageTimings: takeMessageTimings };
}

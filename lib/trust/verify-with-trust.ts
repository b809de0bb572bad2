import { ERRORS, type ReleaseErrorCode } from '../errors/vocabulary';
import type { ReleaseReport } from '../report/model';
import type { TrustContext } from '../verify/trust-root';
import type { RefreshOutcome } from './trust-service';

/** Code and sentence of a verdict that waits for trust material Provenant could not fetch. */
export const TRUST_REFRESH_FAILED = 'TRUST_REFRESH_FAILED' satisfies ReleaseErrorCode;
export const TRUST_REFRESH_FAILED_MESSAGE = ERRORS.release.TRUST_REFRESH_FAILED.sentence;

export interface LiveTrust {
  current(): Promise<TrustContext>;
  refreshOnDemand(): Promise<RefreshOutcome>;
}

/**
 * Verifies with the current material; when a failure involves material the
 * root does not list, refreshes it (rate-limited) and verifies once more.
 * A release that fails only for that reason, after a refresh that did not
 * succeed, is `error` ("could not decide"), not a red `failed`: the root may
 * simply be out of date. "Only for that reason" is checked, not assumed: the
 * release is verified once more with the checks tied to the unknown material
 * set aside (TrustContext.setAsideUnknown), and if it still fails, it fails
 * for another reason too — a tampered bundle naming a log nobody knows stays
 * red. After a successful refresh the material is current, so a failure stands.
 */
export async function verifyWithLiveTrust(verify: (trust: TrustContext) => Promise<ReleaseReport>, trust: LiveTrust): Promise<ReleaseReport> {
  const first = await attempt(verify, await trust.current());
  if (first.unknown.length === 0 || (first.report.status !== 'failed' && first.report.status !== 'partial')) return first.report;
  const outcome = await trust.refreshOnDemand();
  if (outcome.ok) {
    return outcome.attempted && outcome.changed ? (await attempt(verify, await trust.current())).report : first.report;
  }
  if (first.report.status !== 'failed') return first.report;
  const apart = await verify({ ...(await trust.current()), setAsideUnknown: true });
  if (apart.status === 'failed') return first.report;
  return unrefreshable(first.report, first.unknown[0]!, outcome);
}

async function attempt(verify: (trust: TrustContext) => Promise<ReleaseReport>, context: TrustContext) {
  const unknown: string[] = [];
  const report = await verify({ ...context, onUnknownMaterial: (what) => unknown.push(what) });
  return { report, unknown };
}

function unrefreshable(report: ReleaseReport, what: string, outcome: RefreshOutcome): ReleaseReport {
  const detail = `the attestation names ${what}, not in the trusted root; refresh: ${outcome.code ?? 'failed'}${outcome.detail ? ` (${outcome.detail.slice(0, 200)})` : ''}`;
  return {
    ...report,
    status: 'error',
    code: TRUST_REFRESH_FAILED,
    message: TRUST_REFRESH_FAILED_MESSAGE,
    detail,
    retryable: true,
    artifacts: report.artifacts.map((a) => (a.status === 'failed' ? { ...a, status: 'error', code: TRUST_REFRESH_FAILED, message: TRUST_REFRESH_FAILED_MESSAGE, retryable: true } : a)),
  };
}

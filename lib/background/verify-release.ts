import { isProvenantError, type ProvenantError } from '../errors/provenant-error';
import { failureOf } from '../errors/report-fields';
import type { PackagePage } from '../pages/package-page';
import { pageFailureReport } from '../report/page-failure';
import type { RegistryClient } from '../net/registry-fetch';
import { registryFor } from '../registries/list';
import type { ReleaseReport } from '../report/model';
import type { TrustContext } from '../verify/trust-root';
import { verifyWithLiveTrust, type LiveTrust } from '../trust/verify-with-trust';

/**
 * Dispatches a page to its registry's `verifyRelease` (lib/registries/list.ts), with the live trust material
 * (lib/trust/), which starts from the packaged seed (lib/trust/public-good-seed.ts): the worker has no other.
 */
export function releaseVerifier(client: RegistryClient, trust: LiveTrust & { refreshIfDue?(reason: 'schedule'): Promise<unknown> }) {
  return (page: PackagePage): Promise<ReleaseReport> => {
    const ref = { name: page.package, version: page.version };
    const verify = (context: TrustContext) => {
      const deps = { client, trust: context };
      return registryFor(page.ecosystem).verifyRelease(ref, deps);
    };
    // The hourly/daily check rides on verifications (an MV3 worker has no long-lived timer); it never delays this one.
    void trust.refreshIfDue?.('schedule').catch(() => undefined);
    return verifyWithLiveTrust(verify, trust).catch((e: unknown) => {
      if (isProvenantError(e, 'verify') && e.code === 'TRUST_ROOT_INVALID') return noTrustRoot(page, e);
      throw e;
    });
  };
}

/**
 * No trust root to verify against (the packaged seed unreadable, and nothing
 * stored): the release is not judged at all. `error`, with the code and its
 * sentence, rather than an internal failure with no reason, or a red `failed`
 * that would blame the release for the extension's own state.
 */
function noTrustRoot(page: PackagePage, e: ProvenantError<'verify'>): ReleaseReport {
  return pageFailureReport(page, { ...failureOf(e), status: 'error', retryable: true });
}

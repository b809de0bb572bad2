import type { PackagePage } from '../pages/package-page';
import { registryClient, type RegistryClient } from '../net/registry-fetch';
import { registryFor } from '../registries/list';
import type { ReleaseReport } from '../report/model';
import { publicGoodTrust } from '../verify/embedded-trust';
import type { TrustContext } from '../verify/trust-root';
import { verifyWithLiveTrust, type LiveTrust } from '../trust/verify-with-trust';

/**
 * Dispatches a page to its registry's `verifyRelease` (lib/registries/list.ts), with the live trust material
 * (lib/trust/) when given, else the embedded trust root.
 */
export function releaseVerifier(client: RegistryClient = registryClient(), trust?: LiveTrust & { refreshIfDue?(reason: 'schedule'): Promise<unknown> }) {
  return (page: PackagePage): Promise<ReleaseReport> => {
    const ref = { name: page.package, version: page.version };
    const verify = (context: TrustContext) => {
      const deps = { client, trust: context };
      return registryFor(page.ecosystem).verifyRelease(ref, deps);
    };
    if (!trust) return verify(publicGoodTrust());
    // The hourly/daily check rides on verifications (an MV3 worker has no long-lived timer); it never delays this one.
    void trust.refreshIfDue?.('schedule').catch(() => undefined);
    return verifyWithLiveTrust(verify, trust);
  };
}

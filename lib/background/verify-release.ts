import type { PackagePage } from '../pages/package-page';
import { registryClient, type RegistryClient } from '../net/registry-fetch';
import { verifyNpmRelease } from '../registries/npm';
import { verifyPypiRelease } from '../registries/pypi';
import type { ReleaseReport } from '../report/model';
import { publicGoodTrust } from '../verify/embedded-trust';
import type { TrustContext } from '../verify/trust-root';
import { verifyWithLiveTrust, type LiveTrust } from '../trust/verify-with-trust';

/**
 * Dispatches a page to its registry's adapter, with the live trust material
 * (lib/trust/) when given, else the embedded trust root.
 */
export function releaseVerifier(client: RegistryClient = registryClient(), trust?: LiveTrust & { refreshIfDue?(reason: 'schedule'): Promise<unknown> }) {
  return (page: PackagePage): Promise<ReleaseReport> => {
    const ref = { name: page.package, version: page.version };
    const verify = (context: TrustContext) => {
      const deps = { client, trust: context };
      return page.ecosystem === 'npm' ? verifyNpmRelease(ref, deps) : verifyPypiRelease(ref, deps);
    };
    if (!trust) return verify(publicGoodTrust());
    // The hourly/daily check rides on verifications (an MV3 worker has no long-lived timer); it never delays this one.
    void trust.refreshIfDue?.('schedule').catch(() => undefined);
    return verifyWithLiveTrust(verify, trust);
  };
}

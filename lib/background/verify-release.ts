import type { PackagePage } from '../pages/package-page';
import { registryClient, type RegistryClient } from '../net/registry-fetch';
import { verifyNpmRelease } from '../registries/npm';
import { verifyPypiRelease } from '../registries/pypi';
import type { ReleaseReport } from '../report/model';
import { publicGoodTrust } from '../verify/embedded-trust';

/** Dispatches a page to its registry's adapter with the embedded trust root. */
export function releaseVerifier(client: RegistryClient = registryClient()) {
  return (page: PackagePage): Promise<ReleaseReport> => {
    const ref = { name: page.package, version: page.version };
    const deps = { client, trust: publicGoodTrust() };
    return page.ecosystem === 'npm' ? verifyNpmRelease(ref, deps) : verifyPypiRelease(ref, deps);
  };
}

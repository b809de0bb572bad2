import { githubTrustInUse, githubTrustRegistries, type TrustInstance } from '../../trust/trust-instance';
import { RequestRejected } from '../request-rejected';
import type { HandlerDeps, HandlersFor, LiveTrustMaterial } from './handler-map';

/**
 * The Sigstore trust material in use, and "Refresh now" (extension pages
 * only), for either instance. GitHub's is answered only while a registry
 * attested on GitHub is on: only then is its material in use, and only then
 * has the browser granted tuf-repo.github.com, so a refresh cannot fail
 * merely for want of the grant.
 */
export function trustHandlers(deps: Pick<HandlerDeps, 'trust' | 'githubTrust' | 'optionalRegistries'>): HandlersFor<'trust/status' | 'trust/refresh'> {
  async function material(instance: TrustInstance | undefined): Promise<LiveTrustMaterial> {
    if (instance !== 'github') {
      if (!deps.trust) throw new RequestRejected('UNAVAILABLE', 'No live trust material in this build.');
      return deps.trust;
    }
    if (!deps.githubTrust) throw new RequestRejected('UNAVAILABLE', 'No live GitHub trust material in this build.');
    const states = deps.optionalRegistries ? await deps.optionalRegistries.states() : [];
    if (!githubTrustInUse(states)) {
      const which = githubTrustRegistries(states);
      const turnOn = which.length > 0 ? `${which.join(' or ')} is turned on in the options page` : 'a registry attested on GitHub is turned on';
      throw new RequestRejected('REGISTRY_OFF', `GitHub\u2019s trust material is used, and refreshed from tuf-repo.github.com, only while ${turnOn} (with its site access granted).`);
    }
    return deps.githubTrust;
  }
  return {
    async 'trust/status'(request) {
      return (await material(request.instance)).status();
    },
    async 'trust/refresh'(request) {
      return (await material(request.instance)).refreshForUser();
    },
  };
}

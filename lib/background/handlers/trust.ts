import { RequestRejected } from '../request-rejected';
import type { HandlerDeps, HandlersFor } from './handler-map';

/** The Sigstore trust material in use, and "Refresh now" (extension pages only). */
export function trustHandlers(deps: Pick<HandlerDeps, 'trust'>): HandlersFor<'trust/status' | 'trust/refresh'> {
  return {
    async 'trust/status'() {
      if (!deps.trust) throw new RequestRejected('UNAVAILABLE', 'No live trust material in this build.');
      return deps.trust.status();
    },
    async 'trust/refresh'() {
      if (!deps.trust) throw new RequestRejected('UNAVAILABLE', 'No live trust material in this build.');
      return deps.trust.refreshForUser();
    },
  };
}

import { changeAcks, readAcks } from '../../storage/items';
import { normalizePackageName } from '../release-key';
import type { HandlersFor } from './handler-map';

function sameAck(a: { ecosystem: string; package: string; version?: string | undefined; kind: string }, b: typeof a): boolean {
  return a.ecosystem === b.ecosystem && a.package === b.package && a.version === b.version && a.kind === b.kind;
}

/** Alerts the user acknowledged (extension pages only), kept per package, version and kind. */
export function ackHandlers(): HandlersFor<'acks/list' | 'acks/add' | 'acks/remove'> {
  return {
    'acks/list': () => readAcks(),
    async 'acks/add'(request) {
      const ack = { ...request.ack, package: normalizePackageName(request.ack.ecosystem, request.ack.package) };
      return changeAcks((acks) => [...acks.filter((a) => !sameAck(a, ack)), { ...ack, at: new Date().toISOString() }]);
    },
    async 'acks/remove'(request) {
      const ack = { ...request.ack, package: normalizePackageName(request.ack.ecosystem, request.ack.package) };
      return changeAcks((acks) => acks.filter((a) => !sameAck(a, ack)));
    },
  };
}

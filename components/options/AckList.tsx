import type { Acknowledgement } from '../../lib/history/alerts';
import { ackKey, alertTitle, describeAck } from '../../lib/ui/history-text';
import { LocalTimeText } from '../LocalTimeText';
import { registryLabel } from '../../lib/registries/sites';

/**
 * Alerts the user acknowledged from the popup as expected (issue #5): each
 * can be removed, after which the alert shows again on the next visit.
 */
export function AckList({ acks, busy, onRemove }: { acks: readonly Acknowledgement[]; busy: boolean; onRemove: (ack: Acknowledgement) => void }) {
  if (acks.length === 0) {
    return <p class="empty">No acknowledged alerts. Acknowledge an alert from the popup when you know why it happened.</p>;
  }
  return (
    <table class="pins acks">
      <caption class="visually-hidden">Acknowledged alerts</caption>
      <thead>
        <tr>
          <th scope="col">Package</th>
          <th scope="col">Alert</th>
          <th scope="col">Versions</th>
          <th scope="col">Acknowledged</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {acks.map((ack) => (
          <tr key={ackKey(ack)} data-ack={ackKey(ack)}>
            <th scope="row">
              <span class="ecosystem">{registryLabel(ack.ecosystem)}</span> {ack.package}
            </th>
            <td>{alertTitle(ack.kind)}</td>
            <td>{ack.version === undefined ? 'every version' : ack.version}</td>
            <td>
              <LocalTimeText iso={ack.at} />
            </td>
            <td class="row-actions">
              <button type="button" class="danger" disabled={busy} onClick={() => onRemove(ack)} aria-label={`Remove acknowledgement: ${describeAck(ack)}`}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

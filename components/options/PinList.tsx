import type { Pin } from '../../lib/policy/pins';
import { parseRepositoryUrl } from '../../lib/identity/describe';
import { repositoryLink } from '../../lib/ui/identity';
import { FieldRow } from '../FieldRow';
import { SafeAnchor } from '../SafeAnchor';
import { issuerName } from '../../lib/ui/issuer-name';
import { registryLabel } from '../../lib/registries/sites';

const SOURCE_WORDS: Record<Pin['source'], string> = {
  manual: 'added here',
  popup: 'pinned from the popup',
  'first-use': 'trusted on first use',
  import: 'imported',
};

export function PinList({ pins, onEdit, onRemove, busy }: { pins: Pin[]; onEdit: (pin: Pin) => void; onRemove: (pin: Pin) => void; busy: boolean }) {
  if (pins.length === 0) {
    return <p class="empty">No pins yet. Pin an identity from the popup on a verified package, or add one below.</p>;
  }
  return (
    <table class="pins">
      <caption class="visually-hidden">Pinned identities</caption>
      <thead>
        <tr>
          <th scope="col">Package</th>
          <th scope="col">Expected identity</th>
          <th scope="col">Source</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pins.map((pin) => {
          const key = `${pin.ecosystem}:${pin.package}`;
          const repo = parseRepositoryUrl(pin.repositoryUrl);
          return (
            <tr key={key} data-pin={key}>
              <th scope="row">
                <span class="ecosystem">{registryLabel(pin.ecosystem)}</span> {pin.package}
              </th>
              <td>
                <dl class="fields pin-identity">
                  {pin.repositoryUrl ? (
                    <FieldRow label="Repository">
                      <SafeAnchor href={repositoryLink({ publisherKind: 'other', repositoryUrl: pin.repositoryUrl })}>{repo?.path ?? pin.repositoryUrl}</SafeAnchor>
                    </FieldRow>
                  ) : null}
                  {pin.repositoryId ? <FieldRow label="Repository id">{pin.repositoryId}</FieldRow> : null}
                  {pin.ownerId ? <FieldRow label="Owner id">{pin.ownerId}</FieldRow> : null}
                  {pin.workflowPath ? (
                    <FieldRow label="Workflow">
                      <code>{pin.workflowPath}</code>
                    </FieldRow>
                  ) : null}
                  {pin.refPattern ? (
                    <FieldRow label="Ref">
                      <code>{pin.refPattern}</code>
                    </FieldRow>
                  ) : null}
                  {pin.environment ? <FieldRow label="Environment">{pin.environment}</FieldRow> : null}
                  {pin.issuer ? (
                    <FieldRow label="Issuer">
                      <span title={pin.issuer}>{issuerName(pin.issuer).name}</span>
                    </FieldRow>
                  ) : null}
                  {pin.email ? <FieldRow label="Signer email">{pin.email}</FieldRow> : null}
                  {pin.builder ? (
                    <FieldRow label="Builder">
                      <code>{pin.builder}</code>
                    </FieldRow>
                  ) : null}
                </dl>
              </td>
              <td>{SOURCE_WORDS[pin.source]}</td>
              <td class="row-actions">
                <button type="button" onClick={() => onEdit(pin)} disabled={busy} aria-label={`Edit pin for ${pin.package}`}>
                  Edit
                </button>
                <button type="button" class="danger" onClick={() => onRemove(pin)} disabled={busy} aria-label={`Remove pin for ${pin.package}`}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

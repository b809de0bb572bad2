import type { Pin, PinIdentity } from '../../lib/policy/pins';
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
          return (
            <tr key={key} data-pin={key}>
              <th scope="row">
                <span class="ecosystem">{registryLabel(pin.ecosystem)}</span> {pin.package}
              </th>
              <td>
                {pin.identities.length > 1 ? <p class="hint">Any one of these {pin.identities.length} identities:</p> : null}
                {pin.identities.map((identity, i) => (
                  <AcceptedIdentity key={i} identity={identity} index={i} />
                ))}
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

/** One accepted identity of a pin: only the fields it names. */
function AcceptedIdentity({ identity, index }: { identity: PinIdentity; index: number }) {
  const repo = parseRepositoryUrl(identity.repositoryUrl);
  return (
    <dl class="fields pin-identity" data-pin-identity={index}>
      {identity.repositoryUrl ? (
        <FieldRow label="Repository">
          <SafeAnchor href={repositoryLink({ publisherKind: 'other', repositoryUrl: identity.repositoryUrl })}>{repo?.path ?? identity.repositoryUrl}</SafeAnchor>
        </FieldRow>
      ) : null}
      {identity.repositoryId ? <FieldRow label="Repository id">{identity.repositoryId}</FieldRow> : null}
      {identity.ownerId ? <FieldRow label="Owner id">{identity.ownerId}</FieldRow> : null}
      {identity.workflowPath ? (
        <FieldRow label="Workflow">
          <code>{identity.workflowPath}</code>
        </FieldRow>
      ) : null}
      {identity.refPattern ? (
        <FieldRow label="Ref">
          <code>{identity.refPattern}</code>
        </FieldRow>
      ) : null}
      {identity.environment ? <FieldRow label="Environment">{identity.environment}</FieldRow> : null}
      {identity.issuer ? (
        <FieldRow label="Issuer">
          <span title={identity.issuer}>{issuerName(identity.issuer).name}</span>
        </FieldRow>
      ) : null}
      {identity.email ? <FieldRow label="Signer email">{identity.email}</FieldRow> : null}
      {identity.builder ? (
        <FieldRow label="Builder">
          <code>{identity.builder}</code>
        </FieldRow>
      ) : null}
    </dl>
  );
}

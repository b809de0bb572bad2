import type { Identity } from '../lib/report/model';
import { identityLine } from '../lib/identity/describe';

/** `owner/repo · release.yml`; renders nothing when the identity says nothing. */
export function IdentityLine({ identity, prefix }: { identity: Identity | undefined; prefix?: string }) {
  const line = identityLine(identity);
  if (!line) return null;
  return (
    <span class="pv-identity">
      {prefix ? `${prefix} ` : ''}
      {line}
    </span>
  );
}

import type { Verdict } from '../../lib/policy/verdict';
import { pinFieldLabel, type PinField } from '../../lib/ui/status-text';

const FIELDS: readonly PinField[] = ['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'ref', 'environment', 'issuer', 'email', 'builder'];

/**
 * Expected (the pin) and actual (this release) side by side. Rows that differ
 * are marked in words as well as colour.
 */
export function PinComparison({ verdict }: { verdict: Verdict }) {
  const pin = verdict.pin;
  if (!pin) return null;
  const actual = verdict.actualIdentity;
  const differing = new Set(verdict.pinDifferences.map((d) => d.field));
  const shown = verdict.pinCompared ?? 0;
  const accepted = pin.identities[shown] ?? pin.identities[0];
  if (!accepted) return null;
  const expectedOf = (f: PinField) => (f === 'ref' ? accepted.refPattern : accepted[f]);
  const rows = FIELDS.filter((f) => expectedOf(f) !== undefined || differing.has(f));
  return (
    <section class="pin-comparison" aria-labelledby="pv-pin-heading">
      <h2 id="pv-pin-heading">Expected (your pin) vs. this release</h2>
      <p class="pin-which" data-pin-matched={verdict.pinMatched === undefined ? undefined : verdict.pinMatched ? String(shown + 1) : 'none'}>
        {whichWords(pin.identities.length, shown, verdict.pinMatched)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Expected</th>
            <th scope="col">Actual</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const differs = differing.has(f);
            const difference = verdict.pinDifferences.find((d) => d.field === f);
            return (
              <tr key={f} class={differs ? 'differs' : 'same'} data-pin-field={f}>
                <th scope="row">
                  {pinFieldLabel(f)}
                  <span class="marker">{differs ? ' \u2260 differs' : ' = same'}</span>
                </th>
                <td>
                  <code>{difference?.expected ?? expectedOf(f)}</code>
                </td>
                <td>
                  <code>{(difference ? difference.actual : actual?.[f]) ?? '(not recorded)'}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Which accepted identity the table shows, and whether it matched. */
export function whichWords(count: number, shown: number, matched: boolean | undefined): string {
  if (count <= 1) return matched === false ? 'Your pin accepts one identity; this release does not match it.' : 'Your pin accepts one identity.';
  if (matched === true) return `Matches accepted identity ${shown + 1} of ${count}.`;
  if (matched === false) return `Matches none of the ${count} accepted identities; the closest, identity ${shown + 1}, is shown.`;
  return `Your pin accepts ${count} identities; identity ${shown + 1} is shown.`;
}

import type { ComponentChildren } from 'preact';

/** The fields the automation contract names on the popup's value elements. */
export type DataField = 'status' | 'repository' | 'workflow' | 'commit' | 'ref' | 'trigger' | 'runner' | 'logIndex' | 'issuer' | 'run' | 'signedAt' | 'approver' | 'builder';

/** One label/value pair inside a `<dl class="fields">`; the value carries `data-field` when it has a contract name. */
export function FieldRow({ label, field, children }: { label: string; field?: DataField; children: ComponentChildren }) {
  return (
    <div class="field-row">
      <dt>{label}</dt>
      <dd data-field={field}>{children}</dd>
    </div>
  );
}

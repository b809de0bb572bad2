import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerifiedIdentity } from '../../lib/messages/protocol';
import type { Pin } from '../../lib/policy/pins';
import { identityLine } from '../../lib/identity/describe';
import { MAX_PIN_IDENTITIES } from '../../lib/policy/pins';
import { EMPTY_IDENTITY_ROW, EMPTY_PIN_FORM, PIN_IDENTITY_FORM_FIELDS, formFromPin, formWithIdentity, pinFromForm, type PinFormErrorKey, type PinFormErrors, type PinIdentityFormField, type PinFormValues } from '../../lib/ui/pin-form';
import { LocalTimeText } from '../LocalTimeText';
import { registriesByLabel } from '../../lib/registries/known';
import { SITE_HOSTS, registryLabel, type Ecosystem } from '../../lib/registries/sites';
import { listWords } from '../../lib/ui/list-words';

interface FieldSpec {
  field: PinIdentityFormField;
  label: string;
  hint?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'url';
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'repositoryUrl', label: 'Repository URL', placeholder: 'https://github.com/owner/repo', inputMode: 'url' },
  { field: 'repositoryId', label: 'Repository id', hint: 'Numeric. Stays the same when the repository is renamed; a re-created repository gets a new one.', inputMode: 'numeric' },
  { field: 'ownerId', label: 'Owner id', hint: 'Numeric id of the user or organisation; a re-registered account name gets a new one.', inputMode: 'numeric' },
  { field: 'workflowPath', label: 'Workflow path', placeholder: '.github/workflows/release.yml' },
  { field: 'refPattern', label: 'Ref pattern', hint: 'Optional. * matches anything, e.g. refs/tags/v*.', placeholder: 'refs/tags/v*' },
  { field: 'environment', label: 'Environment', hint: 'Optional deployment environment, e.g. release.' },
  { field: 'issuer', label: 'Issuer', placeholder: 'https://token.actions.githubusercontent.com', inputMode: 'url' },
  { field: 'email', label: 'Signer email', hint: 'Google publishers: the service account that signs, e.g. publisher@project.iam.gserviceaccount.com.' },
  { field: 'builder', label: 'Builder', hint: 'Optional. A known builder that must have built the release (e.g. the SLSA generator\u2019s Node.js builder), as its workflow URL@ref; * matches anything.', inputMode: 'url' },
];

/**
 * Add or edit one pin: the package and its accepted identities, one row
 * each ("any of these"). Errors appear next to their field
 * (aria-describedby) and nothing is sent until pinSchema accepts the whole pin.
 */
type Found = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; for: string; releases: VerifiedIdentity[] } | { kind: 'failed'; message: string };

export function PinForm({
  editing,
  onSave,
  onCancel,
  findIdentities,
  offRegistries = [],
}: {
  editing: Pin | undefined;
  onSave: (pin: Pin, replace: { ecosystem: string; package: string } | undefined) => Promise<string | undefined>;
  onCancel: () => void;
  findIdentities: (ecosystem: Pin['ecosystem'], pkg: string) => Promise<VerifiedIdentity[]>;
  /** Registries that are off: still choices (a pin may be made ready before turning one on), marked as off. */
  offRegistries?: readonly Ecosystem[];
}) {
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const [values, setValues] = useState<PinFormValues>(() => (editing ? formFromPin(editing) : EMPTY_PIN_FORM));
  const [errors, setErrors] = useState<PinFormErrors>({});
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // "Edit" moves keyboard focus to the form it opened.
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [editing]);

  const set = (field: 'package' | 'ecosystem', value: string) => setValues((v) => ({ ...v, [field]: value }));
  const setRow = (row: number, field: PinIdentityFormField, value: string) =>
    setValues((v) => ({ ...v, identities: v.identities.map((r, i) => (i === row ? { ...r, [field]: value } : r)) }));
  const addRow = () => {
    setValues((v) => ({ ...v, identities: [...v.identities, EMPTY_IDENTITY_ROW] }));
    const next = values.identities.length;
    setTimeout(() => form.current?.querySelector<HTMLElement>(`#${fieldId(next, 'repositoryUrl')}`)?.focus());
  };
  const removeRow = (row: number) => {
    setValues((v) => ({ ...v, identities: v.identities.filter((_, i) => i !== row) }));
    setErrors({});
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = pinFromForm(values, editing);
    if (!result.ok) {
      setErrors(result.errors);
      // Take the keyboard to the first field that needs fixing.
      const first = result.errors.package ? 'pin-package' : firstRowError(result.errors, values.identities.length);
      if (first) form.current?.querySelector<HTMLElement>(`#${first}`)?.focus();
      return;
    }
    setErrors({});
    setSaving(true);
    const replace = editing ? { ecosystem: editing.ecosystem, package: editing.package } : undefined;
    const failure = await onSave(result.pin, replace);
    setSaving(false);
    if (failure) setErrors({ form: failure });
    else if (!editing) setValues(EMPTY_PIN_FORM);
  };

  const find = async () => {
    const pkg = values.package.trim();
    if (pkg === '') {
      setErrors({ package: 'Enter the package name first.' });
      form.current?.querySelector<HTMLElement>('#pin-package')?.focus();
      return;
    }
    setFound({ kind: 'loading' });
    try {
      setFound({ kind: 'ready', for: pkg, releases: await findIdentities(values.ecosystem, pkg) });
    } catch (e) {
      setFound({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const fillFrom = (release: VerifiedIdentity) => {
    const next = formWithIdentity(values, release.identity);
    setValues(next);
    setErrors({});
    setTimeout(() => form.current?.querySelector<HTMLElement>(`#${fieldId(next.identities.length - 1, 'repositoryUrl')}`)?.focus());
  };

  const idFor = (field: string) => `pin-${field}`;
  const chosenOff = offRegistries.find((e) => e === values.ecosystem);
  const packageError = errors.package;
  return (
    <form ref={form} class="pin-form" onSubmit={submit} noValidate aria-labelledby="pin-form-heading">
      <h2 id="pin-form-heading">{editing ? `Edit pin for ${editing.package}` : 'Add a pin'}</h2>
      <div class="form-row">
        <label for={idFor('ecosystem')}>Registry</label>
        <select
          id={idFor('ecosystem')}
          value={values.ecosystem}
          aria-describedby={chosenOff ? 'pin-ecosystem-off' : undefined}
          onChange={(e) => set('ecosystem', (e.currentTarget as HTMLSelectElement).value)}
        >
          {registriesByLabel().map((r) => (
            <option key={r.ecosystem} value={r.ecosystem} data-off={offRegistries.includes(r.ecosystem) ? '' : undefined}>
              {offRegistries.includes(r.ecosystem) ? `${r.label} (off)` : r.label}
            </option>
          ))}
        </select>
        {chosenOff ? (
          <span class="hint" id="pin-ecosystem-off" data-pin-registry-off={values.ecosystem}>
            {registryLabel(chosenOff)} is off: Provenant checks none of its releases, so this pin applies once you turn{' '}
            {registryLabel(chosenOff)} on under Registries below.
          </span>
        ) : null}
      </div>
      <div class={`form-row${packageError ? ' has-error' : ''}`}>
        <label for={idFor('package')}>Package</label>
        <input
          id={idFor('package')}
          name="package"
          type="text"
          value={values.package}
          placeholder="left-pad, @scope/name or a PyPI project"
          spellcheck={false}
          autoComplete="off"
          aria-invalid={packageError ? 'true' : undefined}
          aria-describedby={packageError ? 'pin-package-error' : undefined}
          onInput={(e) => set('package', (e.currentTarget as HTMLInputElement).value)}
        />
        {packageError ? (
          <span class="field-error" id="pin-package-error" data-error-for="package">
            {packageError}
          </span>
        ) : null}
      </div>
      <VerifiedPicker found={found} onFind={find} onUse={fillFrom} full={values.identities.length >= MAX_PIN_IDENTITIES} />
      {values.identities.map((row, i) => {
        const rowError = errors[`identities.${i}`];
        return (
          <fieldset key={i} class="pin-identity-row" data-identity-row={i} aria-describedby={rowError ? `pin-identity-${i}-error` : undefined}>
            <legend>{values.identities.length > 1 ? `Accepted identity ${i + 1} of ${values.identities.length}` : 'Accepted identity'}</legend>
            {FIELDS.map((spec) => {
              const id = fieldId(i, spec.field);
              const error = errors[`identities.${i}.${spec.field}` as PinFormErrorKey];
              const describedBy = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
              return (
                <div key={spec.field} class={`form-row${error ? ' has-error' : ''}`}>
                  <label for={id}>
                    {spec.label}
                    {i > 0 ? <span class="visually-hidden">{` (identity ${i + 1})`}</span> : null}
                  </label>
                  <input
                    id={id}
                    name={spec.field}
                    type="text"
                    value={row[spec.field]}
                    placeholder={spec.placeholder}
                    inputMode={spec.inputMode}
                    spellcheck={false}
                    autoComplete="off"
                    aria-invalid={error ? 'true' : undefined}
                    aria-describedby={describedBy || undefined}
                    onInput={(e) => setRow(i, spec.field, (e.currentTarget as HTMLInputElement).value)}
                  />
                  {spec.hint && i === 0 ? (
                    <span class="hint" id={`${id}-hint`}>
                      {spec.hint}
                    </span>
                  ) : null}
                  {error ? (
                    <span class="field-error" id={`${id}-error`} data-error-for={`identities.${i}.${spec.field}`}>
                      {error}
                    </span>
                  ) : null}
                </div>
              );
            })}
            {rowError ? (
              <p class="field-error" id={`pin-identity-${i}-error`} data-error-for={`identities.${i}`}>
                {rowError}
              </p>
            ) : null}
            {values.identities.length > 1 ? (
              <button type="button" class="danger" onClick={() => removeRow(i)} aria-label={`Remove accepted identity ${i + 1}`}>
                Remove this identity
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {values.identities.length < MAX_PIN_IDENTITIES ? (
        <button type="button" onClick={addRow}>
          Add another accepted identity
        </button>
      ) : (
        <p class="hint">A pin accepts at most {MAX_PIN_IDENTITIES} identities.</p>
      )}
      {errors.form ? (
        <p class="field-error" role="alert" data-error-for="form">
          {errors.form}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" disabled={saving}>
          {editing ? 'Save changes' : 'Add pin'}
        </button>
        {editing ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * "Fill from a verified release": the identities this browser has verified
 * for the package, so nobody has to look numeric ids up by hand; and why
 * the ids matter.
 */
function VerifiedPicker({ found, onFind, onUse, full }: { found: Found; onFind: () => void; onUse: (release: VerifiedIdentity) => void; full: boolean }) {
  return (
    <fieldset class="verified-picker" aria-describedby="pin-ids-why">
      <legend>Fill from a verified release</legend>
      <p class="hint" id="pin-ids-why">
        Names can change hands: a renamed repository keeps its numeric id, but a repository or account that is deleted
        and registered again by someone else gets new ids. A pin with the ids keeps matching the real project after a
        rename and catches a look-alike take-over that a name alone would let through. Rather than looking the ids up,
        take them from a release Provenant has verified in this browser. Each one used adds an accepted identity.
      </p>
      <button type="button" onClick={onFind} disabled={found.kind === 'loading'}>
        Show verified releases of this package
      </button>
      {found.kind === 'loading' ? <p class="hint">{'Looking\u2026'}</p> : null}
      {found.kind === 'failed' ? <p class="field-error">Could not list verified releases: {found.message}</p> : null}
      {found.kind === 'ready' && found.releases.length === 0 ? (
        <p class="hint" data-verified-none>
          No verified release of {found.for} has been seen in this browser yet. Open one of its release pages on{' '}
          {listWords([...SITE_HOSTS], 'or')}, then come back.
        </p>
      ) : null}
      {found.kind === 'ready' && found.releases.length > 0 ? (
        <ul class="plain verified-releases" aria-label={`Verified releases of ${found.for}`}>
          {found.releases.map((r) => (
            <li key={r.version} data-verified-version={r.version}>
              <button type="button" onClick={() => onUse(r)} disabled={full} aria-label={`Fill from ${found.for} ${r.version}`}>
                Use {r.version}
              </button>{' '}
              <span class="verified-who">{identityLine(r.identity) ?? r.identity.subjectAlternativeName ?? 'unknown builder'}</span>
              {r.identity.repositoryId || r.identity.ownerId ? (
                <span class="verified-ids">
                  {' '}
                  (repository id {r.identity.repositoryId ?? '\u2014'}, owner id {r.identity.ownerId ?? '\u2014'})
                </span>
              ) : null}
              <span class="hint">
                {' '}
                checked <LocalTimeText iso={r.checkedAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Row 0 keeps the ids the form had before pins held a set. */
function fieldId(row: number, field: PinIdentityFormField): string {
  return row === 0 ? `pin-${field}` : `pin-${field}-${row + 1}`;
}

function firstRowError(errors: PinFormErrors, rows: number): string | undefined {
  for (let i = 0; i < rows; i++) {
    const field = PIN_IDENTITY_FORM_FIELDS.find((f) => errors[`identities.${i}.${f}`]);
    if (field) return fieldId(i, field);
    if (errors[`identities.${i}`]) return fieldId(i, 'repositoryUrl');
  }
  return undefined;
}

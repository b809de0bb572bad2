import { useEffect, useRef, useState } from 'preact/hooks';
import type { Pin } from '../../lib/policy/pins';
import { EMPTY_PIN_FORM, PIN_FORM_FIELDS, formFromPin, pinFromForm, type PinFormErrors, type PinFormField, type PinFormValues } from '../../lib/ui/pin-form';

interface FieldSpec {
  field: PinFormField;
  label: string;
  hint?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'url';
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'package', label: 'Package', placeholder: 'left-pad, @scope/name or a PyPI project' },
  { field: 'repositoryUrl', label: 'Repository URL', placeholder: 'https://github.com/owner/repo', inputMode: 'url' },
  { field: 'repositoryId', label: 'Repository id', hint: 'Numeric; survives renames and defeats look-alike repositories.', inputMode: 'numeric' },
  { field: 'ownerId', label: 'Owner id', hint: 'Numeric id of the user or organisation.', inputMode: 'numeric' },
  { field: 'workflowPath', label: 'Workflow path', placeholder: '.github/workflows/release.yml' },
  { field: 'refPattern', label: 'Ref pattern', hint: 'Optional. * matches anything, e.g. refs/tags/v*.', placeholder: 'refs/tags/v*' },
  { field: 'environment', label: 'Environment', hint: 'Optional deployment environment, e.g. release.' },
  { field: 'issuer', label: 'Issuer', placeholder: 'https://token.actions.githubusercontent.com', inputMode: 'url' },
  { field: 'email', label: 'Signer email', hint: 'Google publishers: the service account that signs, e.g. publisher@project.iam.gserviceaccount.com.' },
];

/**
 * Add or edit one pin. Errors appear next to their field (aria-describedby)
 * and nothing is sent until pinSchema accepts the whole pin.
 */
export function PinForm({
  editing,
  onSave,
  onCancel,
}: {
  editing: Pin | undefined;
  onSave: (pin: Pin, replace: { ecosystem: string; package: string } | undefined) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<PinFormValues>(() => (editing ? formFromPin(editing) : EMPTY_PIN_FORM));
  const [errors, setErrors] = useState<PinFormErrors>({});
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // "Edit" moves keyboard focus to the form it opened.
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [editing]);

  const set = (field: PinFormField | 'ecosystem', value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = pinFromForm(values, editing);
    if (!result.ok) {
      setErrors(result.errors);
      // Take the keyboard to the first field that needs fixing.
      const first = PIN_FORM_FIELDS.find((f) => result.errors[f]);
      if (first) form.current?.querySelector<HTMLElement>(`#pin-${first}`)?.focus();
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

  const idFor = (field: string) => `pin-${field}`;
  return (
    <form ref={form} class="pin-form" onSubmit={submit} noValidate aria-labelledby="pin-form-heading">
      <h2 id="pin-form-heading">{editing ? `Edit pin for ${editing.package}` : 'Add a pin'}</h2>
      <div class="form-row">
        <label for={idFor('ecosystem')}>Registry</label>
        <select id={idFor('ecosystem')} value={values.ecosystem} onChange={(e) => set('ecosystem', (e.currentTarget as HTMLSelectElement).value)}>
          <option value="npm">npm</option>
          <option value="pypi">PyPI</option>
        </select>
      </div>
      {FIELDS.map((spec) => {
        const error = errors[spec.field];
        const describedBy = [spec.hint ? `${idFor(spec.field)}-hint` : '', error ? `${idFor(spec.field)}-error` : ''].filter(Boolean).join(' ');
        return (
          <div class={`form-row${error ? ' has-error' : ''}`} key={spec.field}>
            <label for={idFor(spec.field)}>{spec.label}</label>
            <input
              id={idFor(spec.field)}
              name={spec.field}
              type="text"
              value={values[spec.field]}
              placeholder={spec.placeholder}
              inputMode={spec.inputMode}
              spellcheck={false}
              autoComplete="off"
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy || undefined}
              onInput={(e) => set(spec.field, (e.currentTarget as HTMLInputElement).value)}
            />
            {spec.hint ? (
              <span class="hint" id={`${idFor(spec.field)}-hint`}>
                {spec.hint}
              </span>
            ) : null}
            {error ? (
              <span class="field-error" id={`${idFor(spec.field)}-error`} data-error-for={spec.field}>
                {error}
              </span>
            ) : null}
          </div>
        );
      })}
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

import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerifiedIdentity } from '../../lib/messages/protocol';
import type { Pin } from '../../lib/policy/pins';
import { identityLine } from '../../lib/identity/describe';
import { EMPTY_PIN_FORM, PIN_FORM_FIELDS, formFromPin, formWithIdentity, pinFromForm, type PinFormErrors, type PinFormField, type PinFormValues } from '../../lib/ui/pin-form';
import { LocalTimeText } from '../LocalTimeText';
import { registriesByLabel } from '../../lib/registries/known';
import { SITE_HOSTS } from '../../lib/registries/sites';
import { listWords } from '../../lib/ui/list-words';

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
  { field: 'repositoryId', label: 'Repository id', hint: 'Numeric. Stays the same when the repository is renamed; a re-created repository gets a new one.', inputMode: 'numeric' },
  { field: 'ownerId', label: 'Owner id', hint: 'Numeric id of the user or organisation; a re-registered account name gets a new one.', inputMode: 'numeric' },
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
type Found = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; for: string; releases: VerifiedIdentity[] } | { kind: 'failed'; message: string };

export function PinForm({
  editing,
  onSave,
  onCancel,
  findIdentities,
}: {
  editing: Pin | undefined;
  onSave: (pin: Pin, replace: { ecosystem: string; package: string } | undefined) => Promise<string | undefined>;
  onCancel: () => void;
  findIdentities: (ecosystem: Pin['ecosystem'], pkg: string) => Promise<VerifiedIdentity[]>;
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
    setValues((v) => formWithIdentity(v, release.identity));
    setErrors({});
    form.current?.querySelector<HTMLElement>('#pin-repositoryUrl')?.focus();
  };

  const idFor = (field: string) => `pin-${field}`;
  return (
    <form ref={form} class="pin-form" onSubmit={submit} noValidate aria-labelledby="pin-form-heading">
      <h2 id="pin-form-heading">{editing ? `Edit pin for ${editing.package}` : 'Add a pin'}</h2>
      <div class="form-row">
        <label for={idFor('ecosystem')}>Registry</label>
        <select id={idFor('ecosystem')} value={values.ecosystem} onChange={(e) => set('ecosystem', (e.currentTarget as HTMLSelectElement).value)}>
          {registriesByLabel().map((r) => (
            <option key={r.ecosystem} value={r.ecosystem}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      {FIELDS.map((spec) => {
        const picker = spec.field === 'repositoryUrl' ? <VerifiedPicker found={found} onFind={find} onUse={fillFrom} /> : null;
        const error = errors[spec.field];
        const describedBy = [spec.hint ? `${idFor(spec.field)}-hint` : '', error ? `${idFor(spec.field)}-error` : ''].filter(Boolean).join(' ');
        return (
          <Fragment key={spec.field}>
          {picker}
          <div class={`form-row${error ? ' has-error' : ''}`}>
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
          </Fragment>
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

/**
 * "Fill from a verified release": the identities this browser has verified
 * for the package, so nobody has to look numeric ids up by hand; and why
 * the ids matter.
 */
function VerifiedPicker({ found, onFind, onUse }: { found: Found; onFind: () => void; onUse: (release: VerifiedIdentity) => void }) {
  return (
    <fieldset class="verified-picker" aria-describedby="pin-ids-why">
      <legend>Fill from a verified release</legend>
      <p class="hint" id="pin-ids-why">
        Names can change hands: a renamed repository keeps its numeric id, but a repository or account that is deleted
        and registered again by someone else gets new ids. A pin with the ids keeps matching the real project after a
        rename and catches a look-alike take-over that a name alone would let through. Rather than looking the ids up,
        take them from a release Provenant has verified in this browser.
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
              <button type="button" onClick={() => onUse(r)} aria-label={`Fill from ${found.for} ${r.version}`}>
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

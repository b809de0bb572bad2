import { PIN_IDENTITY_FIELDS, pinFieldsFromIdentity, pinSchema, type Pin } from '../policy/pins';
import type { Identity } from '../report/model';
import { registriesByLabel, registryPage } from '../registries/known';
import { isEcosystem } from '../registries/sites';

/**
 * The options page's pin form: strings in, a Pin (checked with the same
 * pinSchema the background stores with) or per-field errors out. A pin
 * accepts a list of identities; the form edits them as rows.
 */
export const PIN_IDENTITY_FORM_FIELDS = PIN_IDENTITY_FIELDS;
export type PinIdentityFormField = (typeof PIN_IDENTITY_FORM_FIELDS)[number];
export type PinIdentityRow = Record<PinIdentityFormField, string>;

export interface PinFormValues {
  ecosystem: Pin['ecosystem'];
  package: string;
  identities: PinIdentityRow[];
}

/** The form field an error belongs to: the package, a row's field (`identities.<row>.<field>`), a row, or the whole form. */
export type PinFormErrorKey = 'package' | 'form' | `identities.${number}.${PinIdentityFormField}` | `identities.${number}`;
export type PinFormErrors = Partial<Record<PinFormErrorKey, string>>;

export const EMPTY_IDENTITY_ROW: PinIdentityRow = Object.fromEntries(PIN_IDENTITY_FORM_FIELDS.map((f) => [f, ''])) as PinIdentityRow;

// The form starts on a registry every install has (an optional one may be off); the list still offers all.
export const EMPTY_PIN_FORM: PinFormValues = {
  ecosystem: (registriesByLabel().find((r) => r.hostAccess === 'required') ?? registriesByLabel()[0]!).ecosystem,
  package: '',
  identities: [EMPTY_IDENTITY_ROW],
};

export function formFromPin(pin: Pin): PinFormValues {
  return {
    ecosystem: pin.ecosystem,
    package: pin.package,
    identities: pin.identities.map((identity) => Object.fromEntries(PIN_IDENTITY_FORM_FIELDS.map((f) => [f, identity[f] ?? ''])) as PinIdentityRow),
  };
}

const isEmptyRow = (row: PinIdentityRow) => PIN_IDENTITY_FORM_FIELDS.every((f) => row[f].trim() === '');

/**
 * "Fill from a verified release": a row with every identity field the
 * verified certificate names (the same fields "Pin this identity" pins),
 * added to the accepted identities (taking the place of a row still empty);
 * the registry and package stay as the user typed them.
 */
export function formWithIdentity(values: PinFormValues, identity: Identity): PinFormValues {
  const fields = pinFieldsFromIdentity(identity);
  const row = Object.fromEntries(PIN_IDENTITY_FORM_FIELDS.map((f) => [f, fields[f] ?? ''])) as PinIdentityRow;
  const kept = values.identities.filter((r) => !isEmptyRow(r));
  return { ...values, identities: [...kept, row] };
}

/** What to say when a field fails pinSchema; zod's own words are the fallback. */
const HINTS: Partial<Record<PinIdentityFormField, string>> = {
  repositoryUrl: 'Enter the repository\u2019s https:// address, e.g. https://github.com/owner/repo.',
  repositoryId: 'The repository id is a number, e.g. 123456789 ("Fill from a verified release" takes it from a certificate).',
  ownerId: 'The owner id is a number.',
  issuer: 'Enter the issuer\u2019s URL, e.g. https://token.actions.githubusercontent.com.',
  email: 'Enter the signer\u2019s email address, e.g. publisher@project.iam.gserviceaccount.com.',
  builder: 'Enter the builder\u2019s workflow URL with its ref, e.g. https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v*.',
};

export type PinFormResult = { ok: true; pin: Pin } | { ok: false; errors: PinFormErrors };

export function pinFromForm(values: PinFormValues, existing: Pin | undefined, now = new Date()): PinFormResult {
  const errors: PinFormErrors = {};
  const rows = values.identities.map((row) => Object.fromEntries(PIN_IDENTITY_FORM_FIELDS.flatMap((f) => (row[f].trim() === '' ? [] : [[f, row[f].trim()]]))));
  const candidate: Record<string, unknown> = {
    ecosystem: values.ecosystem,
    package: values.package.trim(),
    identities: rows,
    source: 'manual',
    // Editing keeps when the pin was first made.
    createdAt: existing?.createdAt ?? now.toISOString(),
  };

  const name = values.package.trim();
  if (name === '') errors.package = 'Enter the package name.';
  else if (isEcosystem(values.ecosystem) && !registryPage(values.ecosystem).isValidName(name)) {
    // An unknown registry is pinSchema's to refuse, below.
    errors.package = registryPage(values.ecosystem).invalidNameHint;
  }

  const parsed = pinSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, row, field] = issue.path;
      if (top === 'identities' && typeof row === 'number' && typeof field === 'string' && (PIN_IDENTITY_FORM_FIELDS as readonly string[]).includes(field)) {
        errors[`identities.${row}.${field as PinIdentityFormField}`] ??= HINTS[field as PinIdentityFormField] ?? issue.message;
      } else if (top === 'identities' && typeof row === 'number') {
        // The schema's cross-field rule: each accepted identity must name something to check.
        errors[`identities.${row}`] ??= sentence(issue.message);
      } else if (top !== 'package') {
        errors.form ??= sentence(issue.message);
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, pin: parsed.data };
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + '.';
}

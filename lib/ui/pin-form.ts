import { pinFieldsFromIdentity, pinSchema, type Pin } from '../policy/pins';
import type { Identity } from '../report/model';
import { registriesByLabel, registryPage } from '../registries/known';
import { isEcosystem } from '../registries/sites';

/**
 * The options page's pin form: strings in, a Pin (checked with the same
 * pinSchema the background stores with) or per-field errors out.
 */
export const PIN_FORM_FIELDS = ['package', 'repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'refPattern', 'environment', 'issuer', 'email'] as const;
export type PinFormField = (typeof PIN_FORM_FIELDS)[number];

export interface PinFormValues extends Record<PinFormField, string> {
  ecosystem: Pin['ecosystem'];
}

export type PinFormErrors = Partial<Record<PinFormField | 'form', string>>;

export const EMPTY_PIN_FORM: PinFormValues = {
  // The first choice the form's select shows.
  ecosystem: registriesByLabel()[0]!.ecosystem,
  package: '',
  repositoryUrl: '',
  repositoryId: '',
  ownerId: '',
  workflowPath: '',
  refPattern: '',
  environment: '',
  issuer: '',
  email: '',
};

export function formFromPin(pin: Pin): PinFormValues {
  const values: PinFormValues = { ...EMPTY_PIN_FORM, ecosystem: pin.ecosystem };
  for (const field of PIN_FORM_FIELDS) values[field] = pin[field] ?? '';
  return values;
}

/**
 * "Fill from a verified release": every identity field of the form replaced
 * by what the verified certificate says (the same fields "Pin this identity"
 * pins); the registry and package stay as the user typed them.
 */
export function formWithIdentity(values: PinFormValues, identity: Identity): PinFormValues {
  const fields = pinFieldsFromIdentity(identity);
  const next: PinFormValues = { ...values };
  for (const field of PIN_FORM_FIELDS) if (field !== 'package') next[field] = fields[field] ?? '';
  return next;
}

/** What to say when a field fails pinSchema; zod's own words are the fallback. */
const HINTS: Partial<Record<PinFormField, string>> = {
  repositoryUrl: 'Enter the repository\u2019s https:// address, e.g. https://github.com/owner/repo.',
  repositoryId: 'The repository id is a number, e.g. 123456789 ("Fill from a verified release" takes it from a certificate).',
  ownerId: 'The owner id is a number.',
  issuer: 'Enter the issuer\u2019s URL, e.g. https://token.actions.githubusercontent.com.',
  email: 'Enter the signer\u2019s email address, e.g. publisher@project.iam.gserviceaccount.com.',
};

export type PinFormResult = { ok: true; pin: Pin } | { ok: false; errors: PinFormErrors };

export function pinFromForm(values: PinFormValues, existing: Pin | undefined, now = new Date()): PinFormResult {
  const errors: PinFormErrors = {};
  const trimmed = Object.fromEntries(PIN_FORM_FIELDS.map((f) => [f, values[f].trim()])) as Record<PinFormField, string>;
  const candidate: Record<string, unknown> = {
    ecosystem: values.ecosystem,
    source: 'manual',
    // Editing keeps when the pin was first made.
    createdAt: existing?.createdAt ?? now.toISOString(),
  };
  for (const field of PIN_FORM_FIELDS) if (trimmed[field] !== '') candidate[field] = trimmed[field];
  // The form has no builder input (a builder comes in a pin file): editing keeps it, so an edit never drops a constraint unseen.
  if (existing?.builder !== undefined) candidate.builder = existing.builder;

  const name = trimmed.package;
  if (name === '') errors.package = 'Enter the package name.';
  else if (isEcosystem(values.ecosystem) && !registryPage(values.ecosystem).isValidName(name)) {
    // An unknown registry is pinSchema's to refuse, below.
    errors.package = registryPage(values.ecosystem).invalidNameHint;
  }

  const parsed = pinSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (PIN_FORM_FIELDS as readonly string[]).includes(field)) {
        errors[field as PinFormField] ??= HINTS[field as PinFormField] ?? issue.message;
      } else {
        // The schema's cross-field rule: a pin must name something to check.
        errors.form ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, pin: parsed.data };
}

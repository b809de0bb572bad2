import { describe, expect, it } from 'vitest';
import { pinSchema, type Pin } from '../../lib/policy/pins';
import { EMPTY_IDENTITY_ROW, EMPTY_PIN_FORM, formFromPin, formWithIdentity, pinFromForm, type PinFormValues, type PinIdentityRow } from '../../lib/ui/pin-form';
import { onePinRaw } from '../support/pins';
import { SIGSTORE_1_0_0_IDENTITY } from '../support/identities';

const NOW = new Date('2026-03-01T12:00:00.000Z');
type OneRow = Partial<Pick<PinFormValues, 'ecosystem' | 'package'> & PinIdentityRow>;
/** A form with one identity row, written flat. */
const form = ({ ecosystem = 'npm', package: pkg = '', ...row }: OneRow): PinFormValues => ({ ecosystem, package: pkg, identities: [{ ...EMPTY_IDENTITY_ROW, ...row }] });

describe('pinFromForm', () => {
  it('builds a pin the schema accepts, leaving empty fields out', () => {
    const result = pinFromForm(
      form({ ecosystem: 'npm', package: ' @sigstore/verify ', repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '495574555', workflowPath: '.github/workflows/release.yml' }),
      undefined,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      pin: {
        ecosystem: 'npm',
        package: '@sigstore/verify',
        identities: [{ repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '495574555', workflowPath: '.github/workflows/release.yml' }],
        source: 'manual',
        createdAt: NOW.toISOString(),
      },
    });
    if (result.ok) expect(pinSchema.parse(result.pin)).toEqual(result.pin);
  });

  it('keeps the creation time of the pin being edited', () => {
    const existing = pinSchema.parse(onePinRaw({ ecosystem: 'pypi', package: 'sampleproject', workflowPath: 'release.yml', createdAt: '2025-01-01T00:00:00.000Z', source: 'popup' }));
    const result = pinFromForm(formFromPin(existing), existing, NOW);
    expect(result.ok && result.pin.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('a builder is one more field of an accepted identity: kept through an edit, refused when not https', () => {
    const builder = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v*';
    const existing = pinSchema.parse({ ecosystem: 'npm', package: 'x', identities: [{ repositoryUrl: 'https://github.com/a/b', builder }], createdAt: '2025-01-01T00:00:00.000Z' });
    const form = formFromPin(existing);
    const edited = pinFromForm({ ...form, identities: [{ ...form.identities[0]!, workflowPath: '.github/workflows/release.yml' }] }, existing, NOW);
    expect(edited.ok && edited.pin.identities[0]).toMatchObject({ builder, workflowPath: '.github/workflows/release.yml' });
    const bad = pinFromForm({ ...form, identities: [{ ...form.identities[0]!, builder: 'http://example.com/x.yml@v1' }] }, existing, NOW);
    expect(bad.ok).toBe(false);
  });

  it.each<[string, OneRow, Partial<Record<string, RegExp>>]>([
    ['no package', { repositoryUrl: 'https://github.com/a/b' }, { package: /Enter the package name/ }],
    ['an npm name with spaces', { package: 'left pad', repositoryUrl: 'https://github.com/a/b' }, { package: /npm package name/ }],
    ['a PyPI name with a slash', { ecosystem: 'pypi', package: 'a/b', repositoryUrl: 'https://github.com/a/b' }, { package: /PyPI project name/ }],
    ['an http repository', { package: 'x', repositoryUrl: 'http://github.com/a/b' }, { 'identities.0.repositoryUrl': /https:\/\// }],
    ['a repository that is no URL', { package: 'x', repositoryUrl: 'github.com/a/b' }, { 'identities.0.repositoryUrl': /https:\/\// }],
    ['a non-numeric repository id', { package: 'x', repositoryId: 'abc' }, { 'identities.0.repositoryId': /number/ }],
    ['a non-numeric owner id', { package: 'x', repositoryUrl: 'https://github.com/a/b', ownerId: '12a' }, { 'identities.0.ownerId': /number/ }],
    ['an issuer that is no URL', { package: 'x', issuer: 'github' }, { 'identities.0.issuer': /URL/ }],
    ['nothing to check', { package: 'x', environment: 'release' }, { 'identities.0': /at least a repository, a workflow, an issuer or a signer email/ }],
  ])('explains %s next to the field', (_name, values, expected) => {
    const result = pinFromForm(form(values), undefined, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const [field, pattern] of Object.entries(expected)) expect(result.errors[field as keyof typeof result.errors]).toMatch(pattern!);
  });
});

describe('formFromPin', () => {
  it('round-trips every field', () => {
    const pin: Pin = pinSchema.parse(onePinRaw({
      ecosystem: 'pypi',
      package: 'sampleproject',
      repositoryUrl: 'https://github.com/pypa/sampleproject',
      repositoryId: '1',
      ownerId: '2',
      workflowPath: '.github/workflows/release.yml',
      refPattern: 'refs/tags/v*',
      environment: 'pypi',
      issuer: 'https://token.actions.githubusercontent.com',
      source: 'manual',
      createdAt: NOW.toISOString(),
    }));
    const back = pinFromForm(formFromPin(pin), pin, NOW);
    expect(back).toEqual({ ok: true, pin });
  });

  it('"Fill from a verified release" adds an accepted identity with every field the certificate names, keeping the package and the rows typed', () => {
    const typed = form({ package: 'sigstore', environment: 'old', refPattern: 'refs/heads/x', workflowPath: '.github/workflows/release.yml' });
    const filled = formWithIdentity(typed, SIGSTORE_1_0_0_IDENTITY);
    expect(filled).toEqual({
      ecosystem: 'npm',
      package: 'sigstore',
      identities: [
        typed.identities[0],
        {
          repositoryUrl: 'https://github.com/sigstore/sigstore-js',
          repositoryId: '495574555',
          ownerId: '71096353',
          workflowPath: '.github/workflows/publish.yml',
          refPattern: 'refs/tags/*',
          // Not in the certificate: empty in the new row.
          environment: '',
          issuer: 'https://token.actions.githubusercontent.com',
          email: '',
          // Built by its own workflow, not by a known builder.
          builder: '',
        },
      ],
    });
    const saved = pinFromForm(filled, undefined, NOW);
    expect(saved.ok && saved.pin.identities.map((i) => i.workflowPath)).toEqual(['.github/workflows/release.yml', '.github/workflows/publish.yml']);
    // Into an empty form, the release's identity takes the place of the empty row.
    expect(formWithIdentity({ ...EMPTY_PIN_FORM, package: 'sigstore' }, { publisherKind: 'github', repositoryUrl: 'https://github.com/a/b' }).identities).toEqual([{ ...EMPTY_IDENTITY_ROW, repositoryUrl: 'https://github.com/a/b' }]);
  });

  it('errors name the row they belong to', () => {
    const values: PinFormValues = { ecosystem: 'npm', package: 'x', identities: [{ ...EMPTY_IDENTITY_ROW, workflowPath: 'a.yml' }, { ...EMPTY_IDENTITY_ROW, repositoryId: 'abc' }, { ...EMPTY_IDENTITY_ROW, environment: 'e' }] };
    const result = pinFromForm(values, undefined, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['identities.1.repositoryId', 'identities.2']);
  });
});

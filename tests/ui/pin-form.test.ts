import { describe, expect, it } from 'vitest';
import { pinSchema, type Pin } from '../../lib/policy/pins';
import { EMPTY_PIN_FORM, formFromPin, formWithIdentity, pinFromForm, type PinFormValues } from '../../lib/ui/pin-form';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const form = (values: Partial<PinFormValues>): PinFormValues => ({ ...EMPTY_PIN_FORM, ...values });

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
        repositoryUrl: 'https://github.com/sigstore/sigstore-js',
        repositoryId: '495574555',
        workflowPath: '.github/workflows/release.yml',
        source: 'manual',
        createdAt: NOW.toISOString(),
      },
    });
    if (result.ok) expect(pinSchema.parse(result.pin)).toEqual(result.pin);
  });

  it('keeps the creation time of the pin being edited', () => {
    const existing = pinSchema.parse({ ecosystem: 'pypi', package: 'sampleproject', workflowPath: 'release.yml', createdAt: '2025-01-01T00:00:00.000Z', source: 'popup' });
    const result = pinFromForm(formFromPin(existing), existing, NOW);
    expect(result.ok && result.pin.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('keeps the builder of the pin being edited (the form has no builder input), and adds none to a new pin', () => {
    const builder = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v*';
    const existing = pinSchema.parse({ ecosystem: 'npm', package: 'x', repositoryUrl: 'https://github.com/a/b', builder, createdAt: '2025-01-01T00:00:00.000Z' });
    const edited = pinFromForm({ ...formFromPin(existing), workflowPath: '.github/workflows/release.yml' }, existing, NOW);
    expect(edited.ok && edited.pin).toMatchObject({ builder, workflowPath: '.github/workflows/release.yml' });
    const fresh = pinFromForm(formFromPin(existing), undefined, NOW);
    expect(fresh.ok && fresh.pin.builder).toBeUndefined();
  });

  it.each<[string, Partial<PinFormValues>, Partial<Record<string, RegExp>>]>([
    ['no package', { repositoryUrl: 'https://github.com/a/b' }, { package: /Enter the package name/ }],
    ['an npm name with spaces', { package: 'left pad', repositoryUrl: 'https://github.com/a/b' }, { package: /npm package name/ }],
    ['a PyPI name with a slash', { ecosystem: 'pypi', package: 'a/b', repositoryUrl: 'https://github.com/a/b' }, { package: /PyPI project name/ }],
    ['an http repository', { package: 'x', repositoryUrl: 'http://github.com/a/b' }, { repositoryUrl: /https:\/\// }],
    ['a repository that is no URL', { package: 'x', repositoryUrl: 'github.com/a/b' }, { repositoryUrl: /https:\/\// }],
    ['a non-numeric repository id', { package: 'x', repositoryId: 'abc' }, { repositoryId: /number/ }],
    ['a non-numeric owner id', { package: 'x', repositoryUrl: 'https://github.com/a/b', ownerId: '12a' }, { ownerId: /number/ }],
    ['an issuer that is no URL', { package: 'x', issuer: 'github' }, { issuer: /URL/ }],
    ['nothing to check', { package: 'x', environment: 'release' }, { form: /at least a repository, a workflow, an issuer or a signer email/ }],
  ])('explains %s next to the field', (_name, values, expected) => {
    const result = pinFromForm(form(values), undefined, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const [field, pattern] of Object.entries(expected)) expect(result.errors[field as keyof typeof result.errors]).toMatch(pattern!);
  });
});

describe('formFromPin', () => {
  it('round-trips every field', () => {
    const pin: Pin = pinSchema.parse({
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
    });
    const back = pinFromForm(formFromPin(pin), pin, NOW);
    expect(back).toEqual({ ok: true, pin });
  });

  it('"Fill from a verified release" sets every identity field and keeps the package', () => {
    const typed = { ...EMPTY_PIN_FORM, ecosystem: 'npm' as const, package: 'sigstore', environment: 'old', refPattern: 'refs/heads/x' };
    const filled = formWithIdentity(typed, {
      publisherKind: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      repositoryUrl: 'https://github.com/sigstore/sigstore-js',
      repositoryId: '495574555',
      ownerId: '71096353',
      workflowPath: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
    });
    expect(filled).toEqual({
      ecosystem: 'npm',
      package: 'sigstore',
      repositoryUrl: 'https://github.com/sigstore/sigstore-js',
      repositoryId: '495574555',
      ownerId: '71096353',
      workflowPath: '.github/workflows/publish.yml',
      refPattern: 'refs/tags/*',
      // Not in the certificate: cleared, not left from before.
      environment: '',
      issuer: 'https://token.actions.githubusercontent.com',
      email: '',
    });
    const saved = pinFromForm(filled, undefined, NOW);
    expect(saved.ok && saved.pin.repositoryId).toBe('495574555');
  });
});

/**
 * PyPI pins as PEP 751 attestation identities and back, and npm pins as
 * pnpm's trustPolicy. The identities come from real verified PyPI releases
 * (tests/history/real-pypi-releases.ts: pypi-attestations 0.0.19, built on
 * GitHub; gitlab-oidc-project 0.0.3, built on GitLab), so the keys written
 * are the ones PyPI's publishers carry.
 */
import { describe, expect, it } from 'vitest';
import { exportPylock, parsePylock, PylockError } from '../../lib/policy/pep751';
import { pinFieldsFromIdentity, pinSchema, type Pin, type PinIdentity } from '../../lib/policy/pins';
import { exportPnpmTrust } from '../../lib/policy/pnpm-trust';
import { judge } from '../../lib/policy/verdict';
import { gitlab, legit } from '../history/real-pypi-releases';

const NOW = new Date('2026-12-06T00:00:00.000Z');
const pin = (pkg: string, identities: PinIdentity[], ecosystem: Pin['ecosystem'] = 'pypi'): Pin => pinSchema.parse({ ecosystem, package: pkg, identities, createdAt: 'x' });

describe('PEP 751 attestation identities', () => {
  it('exports the accepted identities of real verified releases with the PEP 740 keys, and reads them back into a pin those releases match', async () => {
    const github = await legit();
    const lab = await gitlab();
    const both = pin('pypi-attestations', [pinFieldsFromIdentity(github.identity!), pinFieldsFromIdentity(lab.identity!)]);
    const { text, notExported, dropped } = exportPylock([both, pin('left-pad', [{ repositoryUrl: 'https://github.com/a/b' }], 'npm')]);
    expect(notExported).toEqual([]);
    expect(text).toContain(['[[packages]]', 'name = "pypi-attestations"', '', '[[packages.attestation-identities]]', 'kind = "GitHub"', 'repository = "trailofbits/pypi-attestations"', 'workflow = "release.yml"'].join('\n'));
    expect(text).toMatch(/kind = "GitLab"\nrepository = "[^"]+"\nworkflow_filepath = "\.gitlab-ci\.yml"/);
    // npm pins are not PyPI's to lock.
    expect(text).not.toContain('left-pad');
    // The numeric ids and the ref pattern have no PEP 751 key: said in the file.
    expect(dropped.sort()).toEqual(['ownerId', 'refPattern', 'repositoryId']);
    expect(text).toContain('# Not carried by PEP 751 (still checked by Provenant): ');

    const [back] = parsePylock(text, NOW);
    expect(back).toMatchObject({ ecosystem: 'pypi', package: 'pypi-attestations', source: 'import', createdAt: NOW.toISOString() });
    expect(back!.identities).toHaveLength(2);
    expect(judge({ ...github, package: 'pypi-attestations' }, back)).toMatchObject({ status: 'verified', pinCompared: 0, pinMatched: true });
    expect(judge({ ...lab, package: 'pypi-attestations' }, back)).toMatchObject({ status: 'verified', pinCompared: 1, pinMatched: true });
  });

  it('a Google publisher is its service account; identities PEP 740 cannot express are listed as not exported', () => {
    const google = pin('foo', [{ issuer: 'https://accounts.google.com', email: 'publisher@p.iam.gserviceaccount.com' }, { workflowPath: '.github/workflows/release.yml' }, { repositoryUrl: 'https://codeberg.org/a/b', workflowPath: 'x.yml' }]);
    const { text, notExported } = exportPylock([google]);
    expect(text).toContain('kind = "Google"\nemail = "publisher@p.iam.gserviceaccount.com"');
    expect(notExported.map((n) => n.identity)).toEqual([2, 3]);
    expect(text).toContain('# Not exported: foo, accepted identity 2: PEP 740 identities name both a repository and a workflow.');
    expect(parsePylock(text, NOW)[0]!.identities).toEqual([{ email: 'publisher@p.iam.gserviceaccount.com', issuer: 'https://accounts.google.com' }]);
  });

  it('strings are escaped on the way out and unescaped on the way in', () => {
    const odd = pin('odd', [{ repositoryUrl: 'https://github.com/a/b', workflowPath: '.github/workflows/r.yml', environment: 'say "hi" \\ \u00e9' }]);
    const { text } = exportPylock([odd]);
    expect(text).toContain('environment = "say \\"hi\\" \\\\ \u00e9"');
    expect(parsePylock(text, NOW)[0]!.identities[0]!.environment).toBe('say "hi" \\ \u00e9');
  });

  const file = (...lines: string[]) => lines.join('\n');
  const ok = ['[[packages]]', 'name = "x"', '[[packages.attestation-identities]]', 'kind = "GitHub"', 'repository = "a/b"', 'workflow = "r.yml"'];
  it('reads its own subject back exactly', () => {
    expect(parsePylock(file(...ok), NOW)[0]!.identities).toEqual([{ repositoryUrl: 'https://github.com/a/b', workflowPath: '.github/workflows/r.yml', issuer: 'https://token.actions.githubusercontent.com' }]);
  });

  it.each([
    ['a literal string', [...ok.slice(0, 5), "workflow = 'r.yml'"], /line 6: only "double-quoted" strings/],
    ['an inline table', [...ok, 'x = { a = "b" }'], /line 7: only "double-quoted"/],
    ['another table', ['[metadata]', ...ok], /line 1: only \[\[packages\]\]/],
    ['a key PEP 740 GitHub has not', [...ok, 'workflow_filepath = "x"'], /line 3: a GitHub identity has no workflow_filepath/],
    ['an unknown kind', [...ok.slice(0, 3), 'kind = "CircleCI"'], /kind "CircleCI" is not GitHub, GitLab or Google/],
    ['a repeated key', [...ok, 'workflow = "s.yml"'], /line 7: workflow is set twice/],
    ['a package key besides name', ['[[packages]]', 'name = "x"', 'version = "1.0"', ...ok.slice(2)], /only name is read, not version/],
    ['an identity before any package', ok.slice(2), /line 1: an attestation identity before any \[\[packages\]\]/],
    ['a package with no identities', ok.slice(0, 2), /x has no attestation identities/],
    ['a workflow path where a file name belongs', [...ok.slice(0, 5), 'workflow = ".github/workflows/r.yml"'], /workflow must be a filename/],
    ['something after the string', [...ok.slice(0, 5), 'workflow = "r.yml" # release'], /nothing may follow the string/],
    ['an unclosed string', [...ok.slice(0, 5), 'workflow = "r.yml'], /not closed/],
    ['a bad escape', [...ok.slice(0, 5), 'workflow = "r\\q.yml"'], /unknown escape/],
    ['an invalid package name for a pin', ['[[packages]]', `name = "${'x'.repeat(215)}"`, ...ok.slice(2)], /line 1/],
  ])('refuses %s, naming the line', (_n, lines, message) => {
    expect(() => parsePylock(file(...lines), NOW)).toThrow(PylockError);
    expect(() => parsePylock(file(...lines), NOW)).toThrow(message);
  });

  it('refuses more accepted identities than a pin holds', () => {
    const many = ['[[packages]]', 'name = "x"', ...Array.from({ length: 17 }, () => ok.slice(2)).flat()];
    expect(() => parsePylock(file(...many), NOW)).toThrow(/more than 16 attestation identities/);
  });
});

describe('pnpm trustPolicy', () => {
  it('exports the one setting pnpm can enforce, with the pinned npm packages named as not to exclude', () => {
    const text = exportPnpmTrust([pin('sigstore', [{ repositoryUrl: 'https://github.com/sigstore/sigstore-js' }], 'npm'), pin('@scope/a', [{ workflowPath: 'w.yml' }], 'npm'), pin('requests', [{ workflowPath: 'w.yml' }]), pin('bad\nname', [{ workflowPath: 'w.yml' }], 'npm')]);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual(['trustPolicy: no-downgrade']);
    expect(lines.slice(-3)).toEqual(['# Pinned in Provenant (keep them out of trustPolicyExclude):', '#   @scope/a', '#   sigstore']);
    expect(text).not.toContain('requests');
    expect(text).not.toContain('bad');
  });
});

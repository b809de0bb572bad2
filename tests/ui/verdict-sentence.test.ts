import { describe, expect, it } from 'vitest';
import { badgeStatusSchema, type BadgeStatus } from '../../lib/policy/verdict';
import { releaseStatusSchema, type Identity } from '../../lib/report/model';
import { verdictSentence } from '../../lib/ui/verdict-sentence';

const sigstore: Identity = {
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  workflowPath: '.github/workflows/publish.yml',
  commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
};

// Every status either enum knows: a status added to the model without a sentence fails here.
const ALL = [...new Set<string>([...badgeStatusSchema.options, ...releaseStatusSchema.options])] as BadgeStatus[];

describe('verdictSentence', () => {
  it('covers every status of the report model and the verdict', () => {
    expect(ALL).toEqual(expect.arrayContaining(['verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch', 'error', 'pending']));
    const sentences = ALL.map((status) => verdictSentence(status, sigstore));
    for (const s of sentences) {
      expect(typeof s).toBe('string');
      expect(s).toMatch(/^[A-Z].*\.$/);
    }
    // Each status says something of its own.
    expect(new Set(sentences).size).toBe(ALL.length);
  });

  it('verified: who built it, with what, from which commit, logged — and not that the code is safe', () => {
    expect(verdictSentence('verified', sigstore)).toBe(
      'Built by sigstore/sigstore-js with publish.yml from commit 0652899, and recorded in a public transparency log \u2014 this does not mean the code is safe.',
    );
  });

  it('verified by a known builder: the builder, then the source it built for', () => {
    const G = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows';
    const generatorBuilt: Identity = {
      publisherKind: 'github',
      repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test',
      workflowPath: '.github/workflows/release-slsa3.yml',
      commit: '34490b44db557f009617bcb92b8780f972c189ab',
      buildSignerUri: `${G}/delegator_lowperms-generic_slsa3.yml@refs/tags/v1.6.0`,
      builder: `${G}/builder_nodejs_slsa3.yml@refs/tags/v1.6.0`,
    };
    expect(verdictSentence('verified', generatorBuilt)).toBe(
      'Built by the SLSA Node.js builder v1.6.0 for laurentsimon/provenance-npm-test with release-slsa3.yml from commit 34490b4, and recorded in a public transparency log \u2014 this does not mean the code is safe.',
    );
    // A reusable workflow that signed but was not accepted as a builder is not named as one.
    expect(verdictSentence('verified', { ...generatorBuilt, builder: undefined })).toMatch(/^Built by laurentsimon\/provenance-npm-test with release-slsa3\.yml/);
  });

  it('verified without a repository: the signer, still not "safe"', () => {
    const google: Identity = { publisherKind: 'google', issuer: 'https://accounts.google.com', email: 'release@proj.iam.gserviceaccount.com' };
    expect(verdictSentence('verified', google)).toBe('Built by release@proj.iam.gserviceaccount.com, and recorded in a public transparency log \u2014 this does not mean the code is safe.');
    expect(verdictSentence('verified', undefined)).toContain('this does not mean the code is safe');
  });

  it('partial and mismatch name the builder; mismatch says it is not the pin', () => {
    expect(verdictSentence('partial', sigstore)).toMatch(/^Some files were built by sigstore\/sigstore-js with publish\.yml from commit 0652899 .*others have no provenance/);
    expect(verdictSentence('partial', sigstore)).toContain('does not mean the code is safe');
    expect(verdictSentence('mismatch', sigstore)).toMatch(/^Built by sigstore\/sigstore-js .*not the identity you pinned/);
  });

  it.each([
    ['absent', /no provenance/],
    ['unsupported', /cannot check/],
    ['failed', /did not check out/],
    ['error', /could not finish checking.*says nothing/],
    ['pending', /still checking/],
  ] as const)('%s says what is not known', (status, words) => {
    const s = verdictSentence(status, sigstore);
    expect(s).toMatch(words);
    // None of these vouches for a builder.
    expect(s).not.toContain('sigstore/sigstore-js');
  });

  it('a commit that is no hex hash is left out rather than shown', () => {
    expect(verdictSentence('verified', { ...sigstore, commit: 'main' })).toBe(
      'Built by sigstore/sigstore-js with publish.yml, and recorded in a public transparency log \u2014 this does not mean the code is safe.',
    );
  });
});

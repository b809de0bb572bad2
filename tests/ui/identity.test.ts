import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../lib/policy/verdict';
import type { ArtifactReport, Identity, ReleaseReport } from '../../lib/report/model';
import {
  attestationKinds,
  builderOf,
  commitUrl,
  describedIdentity,
  firstTlogEntry,
  repositoryLink,
  runLink,
  tlogLink,
  verifiedRunLink,
  workflowFileUrl,
} from '../../lib/ui/identity';
import { identityLine, parseRepositoryUrl } from '../../lib/identity/describe';

const COMMIT = '3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e';

const github: Identity = {
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  repositoryId: '495574555',
  ownerId: '71096353',
  workflowPath: '.github/workflows/release.yml',
  ref: 'refs/heads/main',
  commit: COMMIT,
  trigger: 'push',
  runnerEnvironment: 'github-hosted',
  buildConfigUri: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
  buildSignerUri: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
};

const gitlab: Identity = {
  publisherKind: 'gitlab',
  issuer: 'https://gitlab.com',
  repositoryUrl: 'https://gitlab.com/group/sub/project',
  workflowPath: '.gitlab-ci.yml',
  commit: COMMIT,
};

const google: Identity = {
  publisherKind: 'google',
  issuer: 'https://accounts.google.com',
  email: 'publisher@my-project.iam.gserviceaccount.com',
};

describe('identityLine', () => {
  it.each<[string, Identity | undefined, string | undefined]>([
    ['GitHub: owner/repo · workflow file', github, 'sigstore/sigstore-js \u00B7 release.yml'],
    ['GitLab: nested group path · CI file', gitlab, 'group/sub/project \u00B7 .gitlab-ci.yml'],
    ['Google: the service account', google, 'publisher@my-project.iam.gserviceaccount.com'],
    ['repository only', { publisherKind: 'github', repositoryUrl: 'https://github.com/a/b/' }, 'a/b'],
    ['workflow only', { publisherKind: 'github', workflowPath: '.github/workflows/publish.yaml' }, 'publish.yaml'],
    ['npm registry signature', { publisherKind: 'npm-registry' }, 'npm registry signature'],
    ['other forge: shown as is, not shortened', { publisherKind: 'other', repositoryUrl: 'https://codeberg.org/a/b' }, 'https://codeberg.org/a/b'],
    ['SAN as the last resort', { publisherKind: 'other', subjectAlternativeName: 'someone@example.com' }, 'someone@example.com'],
    ['nothing to say', { publisherKind: 'other' }, undefined],
    ['no identity', undefined, undefined],
  ])('%s', (_name, identity, expected) => {
    expect(identityLine(identity)).toBe(expected);
  });

  it('keeps the line short', () => {
    const line = identityLine({ publisherKind: 'github', repositoryUrl: `https://github.com/o/${'r'.repeat(200)}` });
    expect(line!.length).toBe(80);
    expect(line!.endsWith('\u2026')).toBe(true);
  });
});

describe('parseRepositoryUrl', () => {
  it.each([
    ['https://github.com/sigstore/sigstore-js', { forge: 'github', path: 'sigstore/sigstore-js', url: 'https://github.com/sigstore/sigstore-js' }],
    ['https://github.com/sigstore/sigstore-js/', { forge: 'github', path: 'sigstore/sigstore-js', url: 'https://github.com/sigstore/sigstore-js' }],
    ['https://gitlab.com/a/b/c', { forge: 'gitlab', path: 'a/b/c', url: 'https://gitlab.com/a/b/c' }],
  ])('%s', (url, expected) => {
    expect(parseRepositoryUrl(url)).toEqual(expected);
  });

  it.each([
    'https://github.com/only-owner',
    'https://github.com/a/b/c',
    'https://github.com/a/..',
    'http://github.com/a/b',
    'https://github.com/a/b?tab=x',
    'https://evil.example/a/b',
    'https://github.com.evil.example/a/b',
    'javascript:alert(1)//github.com/a/b',
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseRepositoryUrl(url)).toBeUndefined();
  });
});

describe('links from an identity', () => {
  it('workflow file at the commit', () => {
    expect(workflowFileUrl(github)).toBe(`https://github.com/sigstore/sigstore-js/blob/${COMMIT}/.github/workflows/release.yml`);
    expect(workflowFileUrl(gitlab)).toBe(`https://gitlab.com/group/sub/project/-/blob/${COMMIT}/.gitlab-ci.yml`);
  });

  it('commit', () => {
    expect(commitUrl(github)).toBe(`https://github.com/sigstore/sigstore-js/commit/${COMMIT}`);
    expect(commitUrl(gitlab)).toBe(`https://gitlab.com/group/sub/project/-/commit/${COMMIT}`);
  });

  it('repository', () => {
    expect(repositoryLink(github)).toBe('https://github.com/sigstore/sigstore-js');
    expect(repositoryLink(google)).toBeUndefined();
  });

  it.each<[string, Identity]>([
    ['no commit', { ...github, commit: undefined }],
    ['a commit that is not a hash', { ...github, commit: 'main' }],
    ['a commit with path syntax', { ...github, commit: `../../${COMMIT}` }],
    ['a repository on another host', { ...github, repositoryUrl: 'https://evil.example/sigstore/sigstore-js' }],
    ['a repository with a scheme trick', { ...github, repositoryUrl: 'javascript:alert(1)' }],
  ])('no workflow or commit link with %s', (_name, identity) => {
    expect(workflowFileUrl(identity)).toBeUndefined();
    expect(commitUrl(identity)).toBeUndefined();
  });

  it('no workflow link when the path climbs out', () => {
    expect(workflowFileUrl({ ...github, workflowPath: '../../../evil' })).toBeUndefined();
  });

  it('encodes odd characters in the workflow path instead of trusting them', () => {
    expect(workflowFileUrl({ ...github, workflowPath: '.github/workflows/a b#c.yml' })).toBe(
      `https://github.com/sigstore/sigstore-js/blob/${COMMIT}/.github/workflows/a%20b%23c.yml`,
    );
  });
});

describe('builderOf', () => {
  it('is absent when the repository\u2019s own workflow signed', () => {
    expect(builderOf(github)).toBeUndefined();
    expect(builderOf({ ...github, buildSignerUri: undefined })).toBeUndefined();
  });

  it('names a reusable workflow and links it at its ref', () => {
    const generator = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.0.0';
    expect(builderOf({ ...github, buildSignerUri: generator })).toEqual({
      label: 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.0.0',
      url: 'https://github.com/slsa-framework/slsa-github-generator/blob/v2.0.0/.github/workflows/generator_generic_slsa3.yml',
      known: false,
    });
  });

  it('shows an unparseable signer as text without a link', () => {
    expect(builderOf({ ...github, buildSignerUri: 'https://evil.example/x@y' })).toEqual({ label: 'https://evil.example/x@y', url: undefined, known: false });
  });

  it('names an accepted builder by name and release, linked at its tag, before the delegator that signed for it', () => {
    const G = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows';
    expect(builderOf({ ...github, buildSignerUri: `${G}/delegator_lowperms-generic_slsa3.yml@refs/tags/v1.6.0`, builder: `${G}/builder_nodejs_slsa3.yml@refs/tags/v1.6.0` })).toEqual({
      label: 'SLSA Node.js builder v1.6.0',
      url: 'https://github.com/slsa-framework/slsa-github-generator/blob/v1.6.0/.github/workflows/builder_nodejs_slsa3.yml',
      known: true,
    });
  });
});

const tlog = (logIndex: string, searchUrl?: string) => ({
  logIndex,
  logId: 'wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=',
  rekorVersion: 1 as const,
  kind: 'dsse',
  integratedTime: '2024-06-11T15:52:25.000Z',
  ...(searchUrl ? { searchUrl } : {}),
});

const artifact = (name: string, status: ArtifactReport['status'], attestations: ArtifactReport['attestations'] = [], identity?: Identity): ArtifactReport => ({
  name,
  digest: { algorithm: 'sha256', hex: '00'.repeat(32) },
  status,
  attestations,
  ...(identity ? { identity } : {}),
});

const report = (artifacts: ArtifactReport[], identity?: Identity): ReleaseReport => ({
  ecosystem: 'pypi',
  package: 'sampleproject',
  version: '4.0.0',
  status: 'partial',
  artifacts,
  ...(identity ? { identity } : {}),
  checkedAt: '2026-01-01T00:00:00.000Z',
});

describe('transparency log and attestation kinds', () => {
  const publish = 'https://docs.pypi.org/attestations/publish/v1';
  const slsa = 'https://slsa.dev/provenance/v1';
  const r = report([
    artifact('a.tar.gz', 'absent'),
    artifact('b.whl', 'verified', [{ predicateType: publish, signer: 'certificate', tlog: [tlog('101', 'https://search.sigstore.dev/?logIndex=101')] }]),
    artifact('c.whl', 'verified', [
      { predicateType: publish, signer: 'certificate', tlog: [tlog('102')] },
      { predicateType: slsa, signer: 'certificate', tlog: [] },
    ]),
  ]);

  it('takes the first verified artifact\u2019s first entry', () => {
    expect(firstTlogEntry(r)?.logIndex).toBe('101');
    expect(firstTlogEntry(report([]))).toBeUndefined();
  });

  it('links only to search.sigstore.dev', () => {
    expect(tlogLink(tlog('1', 'https://search.sigstore.dev/?logIndex=1'))).toBe('https://search.sigstore.dev/?logIndex=1');
    expect(tlogLink(tlog('1', 'https://github.com/?logIndex=1'))).toBeUndefined();
    expect(tlogLink(tlog('1', 'javascript:alert(1)'))).toBeUndefined();
    expect(tlogLink(tlog('1'))).toBeUndefined();
  });

  it('lists each attestation kind once', () => {
    expect(attestationKinds(r)).toEqual([publish, slsa]);
  });
});

describe('describedIdentity', () => {
  const verdictOf = (rep: ReleaseReport, actualIdentity?: Identity): Verdict => ({ status: 'verified', report: rep, pinDifferences: [], ...(actualIdentity ? { actualIdentity } : {}) });

  it('prefers the identity compared with the pin, then the release\u2019s, then a verified file\u2019s, then any file\u2019s', () => {
    expect(describedIdentity(verdictOf(report([], gitlab), github))).toBe(github);
    expect(describedIdentity(verdictOf(report([], gitlab)))).toBe(gitlab);
    expect(describedIdentity(verdictOf(report([artifact('x', 'failed', [], google), artifact('y', 'verified', [], github)])))).toBe(github);
    expect(describedIdentity(verdictOf(report([artifact('x', 'failed', [], google)])))).toBe(google);
    expect(describedIdentity(verdictOf(report([])))).toBeUndefined();
  });
});

describe('runLink and verifiedRunLink', () => {
  const withRun = (uri: string): Identity => ({ ...github, runInvocationUri: uri });

  it.each([
    'https://github.com/sigstore/sigstore-js/actions/runs/4147413040/attempts/1',
    'https://github.com/sigstore/sigstore-js/actions/runs/4147413040',
    'https://gitlab.com/group/sub/project/-/jobs/6543210',
    'https://gitlab.com/group/project/-/pipelines/12345',
  ])('links a run page: %s', (uri) => {
    expect(runLink(withRun(uri))).toBe(uri);
  });

  it.each([
    ['a look-alike host', 'https://github.com.evil.example/o/r/actions/runs/1'],
    ['plain http', 'http://github.com/o/r/actions/runs/1'],
    ['javascript:', 'javascript:alert(1)'],
    ['another page of the forge', 'https://github.com/o/r/settings'],
    ['a run id that is no number', 'https://github.com/o/r/actions/runs/x'],
    ['a query string', 'https://github.com/o/r/actions/runs/1?next=https://evil.example'],
    ['a host that is no forge', 'https://search.sigstore.dev/actions/runs/1'],
    ['a path that climbs', 'https://github.com/o/r/actions/runs/1/../../../../evil'],
  ])('no link for %s', (_n, uri) => {
    expect(runLink(withRun(uri))).not.toBe(uri);
    expect(runLink(withRun(uri)) === undefined || new URL(runLink(withRun(uri))!).hostname === 'github.com').toBe(true);
  });

  it('only the verified certificate\u2019s run gets a link', () => {
    const run = 'https://github.com/sigstore/sigstore-js/actions/runs/4147413040/attempts/1';
    const of = (rep: ReleaseReport): Verdict => ({ status: rep.status, report: rep, pinDifferences: [] });
    expect(verifiedRunLink(of({ ...report([artifact('x', 'verified', [], withRun(run))]), status: 'verified', identity: withRun(run) }))).toBe(run);
    // No shared identity: a verified artifact's own.
    expect(verifiedRunLink(of({ ...report([artifact('x', 'absent'), artifact('y', 'verified', [], withRun(run))]), status: 'partial' }))).toBe(run);
    // A failed release's certificate said it, but nothing vouches for it.
    expect(verifiedRunLink(of({ ...report([artifact('x', 'failed', [], withRun(run))]), status: 'failed', identity: withRun(run) }))).toBeUndefined();
    expect(verifiedRunLink(undefined)).toBeUndefined();
  });
});

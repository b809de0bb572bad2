import { describe, expect, it } from 'vitest';
import { computeAlerts, isAcknowledged, type HistoryEntry } from '../../lib/history/alerts';
import { describeIdentity } from '../../lib/identity/describe';
import { compareSemver, earlierByUploadTime, earlierNpmVersions } from '../../lib/history/version-order';
import { pinSchema } from '../../lib/policy/pins';
import type { Identity } from '../../lib/report/model';

const a: Identity = { publisherKind: 'github', repositoryUrl: 'https://github.com/o/r', repositoryId: '10', ownerId: '1', workflowPath: '.github/workflows/release.yml', issuer: 'https://token.actions.githubusercontent.com', runnerEnvironment: 'github-hosted' };
const verified = (version: string, identity = a): HistoryEntry => ({ version, status: 'verified', identity });

describe('computeAlerts', () => {
  it('provenance-lost: absent after a verified version, naming both', () => {
    const [alert, ...rest] = computeAlerts({ current: { version: '2.0.0', status: 'absent' }, earlier: [{ version: '1.9.0', status: 'absent' }, verified('1.8.0')] });
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'provenance-lost', version: '2.0.0', previousVersion: '1.8.0' });
    expect(alert!.message).toContain('o/r (release.yml)');
  });
  it.each(['failed', 'partial', 'unsupported'] as const)('provenance-lost also for %s', (status) => {
    expect(computeAlerts({ current: { version: '2', status }, earlier: [verified('1')] }).map((x) => x.kind)).toEqual(['provenance-lost']);
  });
  it('no alert without an earlier verified version (no history yet)', () => {
    expect(computeAlerts({ current: { version: '2', status: 'absent' }, earlier: [{ version: '1', status: 'absent' }] })).toEqual([]);
    expect(computeAlerts({ current: { version: '1', status: 'absent' }, earlier: [] })).toEqual([]);
  });
  it.each<[string, Partial<Identity>]>([
    ['repository', { repositoryUrl: 'https://github.com/evil/r', repositoryId: '99' }],
    ['owner id', { ownerId: '2' }],
    ['workflow', { workflowPath: '.github/workflows/other.yml' }],
    ['issuer', { issuer: 'https://gitlab.com' }],
  ])('publisher-changed when the %s changes', (_n, change) => {
    const alerts = computeAlerts({ current: { version: '2', status: 'verified', identity: { ...a, ...change } }, earlier: [verified('1')] });
    expect(alerts.map((x) => x.kind)).toEqual(['publisher-changed']);
  });
  it('no change for case or for ids missing on an older certificate', () => {
    const older = { ...a, repositoryId: undefined, ownerId: undefined };
    expect(computeAlerts({ current: { version: '2', status: 'verified', identity: { ...a, repositoryUrl: 'https://github.com/O/R' } }, earlier: [verified('1', older)] })).toEqual([]);
  });
  it('a pin outranks the publisher-changed heuristic, not provenance-lost', () => {
    const pin = pinSchema.parse({ ecosystem: 'npm', package: 'p', identities: [{ workflowPath: '.github/workflows/other.yml' }], createdAt: 'x' });
    expect(computeAlerts({ current: { version: '2', status: 'verified', identity: { ...a, workflowPath: '.github/workflows/other.yml' } }, earlier: [verified('1')], pin })).toEqual([]);
    expect(computeAlerts({ current: { version: '2', status: 'absent' }, earlier: [verified('1')], pin }).map((x) => x.kind)).toEqual(['provenance-lost']);
  });
  it('a first-use pin, taken from whatever version came first, does not silence a publisher change', () => {
    const changed = { ...a, workflowPath: '.github/workflows/other.yml' };
    const firstUse = pinSchema.parse({ ecosystem: 'npm', package: 'p', identities: [{ workflowPath: changed.workflowPath }], source: 'first-use', createdAt: 'x' });
    expect(computeAlerts({ current: { version: '2', status: 'verified', identity: changed }, earlier: [verified('1')], pin: firstUse }).map((x) => x.kind)).toEqual(['publisher-changed']);
  });
  it('compares the publisher with the newest verified version whose files agree on an identity', () => {
    const [alert] = computeAlerts({ current: { version: '3', status: 'verified', identity: { ...a, repositoryUrl: 'https://github.com/evil/r', repositoryId: '99' } }, earlier: [{ version: '2', status: 'verified' }, verified('1')] });
    expect(alert).toMatchObject({ kind: 'publisher-changed', previousVersion: '1' });
  });
  it('self-hosted-runner when any verified file was built on one, not only the first', () => {
    const alerts = computeAlerts({ current: { version: '1', status: 'verified', identity: a, artifacts: [{ name: 'x.tar.gz', identity: a }, { name: 'x.whl', identity: { ...a, runnerEnvironment: 'self-hosted' } }] }, earlier: [] });
    expect(alerts.map((x) => x.kind)).toEqual(['self-hosted-runner']);
  });
  it('self-hosted-runner', () => {
    expect(computeAlerts({ current: { version: '1', status: 'verified', identity: { ...a, runnerEnvironment: 'self-hosted' } }, earlier: [] }).map((x) => x.kind)).toEqual(['self-hosted-runner']);
  });
  it('acknowledgement by package or by package and version', () => {
    const [alert] = computeAlerts({ current: { version: '2', status: 'absent' }, earlier: [verified('1')] });
    expect(isAcknowledged(alert!, 'npm', 'p', [{ ecosystem: 'npm', package: 'p', kind: 'provenance-lost', at: 'x' }])).toBe(true);
    expect(isAcknowledged(alert!, 'npm', 'p', [{ ecosystem: 'npm', package: 'p', version: '2', kind: 'provenance-lost', at: 'x' }])).toBe(true);
    expect(isAcknowledged(alert!, 'npm', 'p', [{ ecosystem: 'npm', package: 'p', version: '3', kind: 'provenance-lost', at: 'x' }])).toBe(false);
    expect(isAcknowledged(alert!, 'npm', 'p', [{ ecosystem: 'npm', package: 'p', kind: 'publisher-changed', at: 'x' }])).toBe(false);
  });
  it('describes Google identities by email', () => {
    expect(describeIdentity({ publisherKind: 'google', email: 'svc@p.iam.gserviceaccount.com' })).toBe('svc@p.iam.gserviceaccount.com');
  });
});

describe('version order', () => {
  it('semver with pre-releases', () => {
    const sorted = ['1.0.0', '1.0.0-rc.1', '1.0.0-beta', '0.9.9', '1.0.0-rc.10', '1.0.0-rc.2', '10.0.0', '2.0.0'].sort(compareSemver);
    expect(sorted).toEqual(['0.9.9', '1.0.0-beta', '1.0.0-rc.1', '1.0.0-rc.2', '1.0.0-rc.10', '1.0.0', '2.0.0', '10.0.0']);
  });
  it('earlier npm versions, newest first, stable only for a stable release, bounded', () => {
    expect(earlierNpmVersions(['1.0.0', '2.0.0', '2.3.1', '3.0.0-beta.1', '3.0.0', '5.0.1'], '5.0.1', 3)).toEqual(['3.0.0', '2.3.1', '2.0.0']);
  });
  it('PyPI by first upload time', () => {
    expect(earlierByUploadTime({ '1.0': '2024-01-01', '1.1': '2024-02-01', '0.9': '2025-01-01', '2.0': '2024-03-01' }, '2.0', 10)).toEqual(['1.1', '1.0']);
  });
});

describe('publisher-changed on a one-file release', () => {
  it('names no files: the one tarball is the release', () => {
    const [alert] = computeAlerts({ current: { version: '2', status: 'verified', identity: { ...a, workflowPath: 'x.yml' }, artifacts: [{ name: 'pkg:npm/p@2', identity: { ...a, workflowPath: 'x.yml' } }] }, earlier: [verified('1')] });
    expect(alert).toMatchObject({ kind: 'publisher-changed', level: 'medium' });
    expect(alert!.files).toBeUndefined();
  });
});

describe('alert severity and its reason (issue 13, part 2)', () => {
  const line = (label: string, newer: string[] = []) => ({ label, contains: (v: string) => v.split('.')[0] === label, newer: (v: string) => newer.includes(v.split('.')[0]!) });
  const change = (to: Partial<Identity>, from: Partial<Identity> = {}) =>
    computeAlerts({ current: { version: '1.5.0', status: 'verified', identity: { ...a, ...to } }, earlier: [verified('1.4.0', { ...a, ...from })], line: line('1') });

  it.each<[string, Partial<Identity>, Partial<Identity>, 'high' | 'medium', string[], string]>([
    ['workflow file', { workflowPath: '.github/workflows/publish.yml' }, {}, 'medium', ['workflowPath'], '1.4.0 was built by release.yml, 1.5.0 by publish.yml in the same repository (o/r)'],
    ['trigger', { trigger: 'workflow_dispatch' }, { trigger: 'release' }, 'medium', ['trigger'], '1.4.0 was built on release, 1.5.0 on workflow_dispatch in the same repository (o/r)'],
    ['ref pattern', { ref: 'refs/heads/main' }, { ref: 'refs/tags/v1.4.0' }, 'medium', ['refKind'], '1.4.0 was built from a tag, 1.5.0 from a branch in the same repository (o/r)'],
    [
      'builder (a reusable workflow in another repository)',
      { buildSignerUri: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0' },
      { buildSignerUri: 'https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1.4.0' },
      'medium',
      ['builder'],
      '1.4.0 was built with the builder https://github.com/o/r/.github/workflows/release.yml, 1.5.0 with the builder https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml in the same repository (o/r)',
    ],
    ['repository', { repositoryUrl: 'https://github.com/evil/r', repositoryId: '99' }, {}, 'high', ['repositoryId', 'repositoryUrl'], '1.4.0 was built by o/r (release.yml), 1.5.0 by evil/r (release.yml): another repository'],
    ['owner', { ownerId: '2' }, {}, 'high', ['ownerId'], "1.4.0 was built by o/r (release.yml), 1.5.0 by o/r (release.yml): the repository's owner changed (owner id 1 \u2192 2)"],
    ['issuer', { issuer: 'https://gitlab.com' }, {}, 'high', ['issuer'], '1.4.0 was built by o/r (release.yml), 1.5.0 by o/r (release.yml): another identity provider (https://token.actions.githubusercontent.com \u2192 https://gitlab.com)'],
  ])('%s changed: %s, one sentence naming both versions and the comparison', (_what, to, from, level, changed, sentence) => {
    const alerts = change(to, from);
    expect(alerts).toMatchObject([{ kind: 'publisher-changed', level, changed, previousVersion: '1.4.0', comparedWith: 'version-line' }]);
    expect(alerts[0]!.message).toBe(`${sentence}; 1.4.0 is the newest verified 1.x release.`);
  });

  it('a workflow change and a new trigger together stay medium; with a new repository the alert is high', () => {
    expect(change({ workflowPath: '.github/workflows/publish.yml', trigger: 'push' }, { trigger: 'release' })[0]).toMatchObject({ level: 'medium', changed: ['workflowPath', 'trigger'] });
    expect(change({ workflowPath: '.github/workflows/publish.yml', repositoryUrl: 'https://github.com/evil/r' })[0]).toMatchObject({ level: 'high' });
  });

  it('a trigger, ref or builder recorded on one side only (older certificates) is no change', () => {
    expect(change({ trigger: 'push', ref: 'refs/heads/main', buildSignerUri: 'https://github.com/x/y/.github/workflows/b.yml@v1' })).toEqual([]);
  });

  it('a release of its own repository\u2019s workflow names the workflow change once, not also as a builder change', () => {
    const own = (wf: string) => ({ workflowPath: `.github/workflows/${wf}`, buildSignerUri: `https://github.com/o/r/.github/workflows/${wf}@refs/tags/v1` });
    expect(change(own('publish.yml'), own('release.yml'))[0]!.changed).toEqual(['workflowPath']);
  });

  it('a backport compared only with a newer line raises nothing; with its own line it does', () => {
    const backport = { version: '1.0.1', status: 'absent' as const };
    const earlier = [verified('2.0.0'), { version: '1.0.0', status: 'absent' as const }];
    expect(computeAlerts({ current: backport, earlier, line: line('1', ['2']) })).toEqual([]);
    const withOwnLine = [verified('2.0.0'), verified('1.0.0')];
    expect(computeAlerts({ current: backport, earlier: withOwnLine, line: line('1', ['2']) })).toMatchObject([{ kind: 'provenance-lost', previousVersion: '1.0.0', comparedWith: 'version-line' }]);
    // A new line after an older one is still compared overall, and says so.
    const [alert] = computeAlerts({ current: { version: '3.0.0', status: 'absent' }, earlier: [verified('2.0.0')], line: line('3') });
    expect(alert!.message).toBe('3.0.0 has no provenance, but 2.0.0, the newest verified release overall (no earlier 3.x release was verified), was verified as built by o/r (release.yml).');
  });

  it('a pinned backport still loses provenance against the pin', () => {
    const pin = pinSchema.parse({ ecosystem: 'npm', package: 'p', identities: [{ repositoryUrl: 'https://github.com/o/r' }], createdAt: 'x' });
    expect(computeAlerts({ current: { version: '1.0.1', status: 'absent' }, earlier: [verified('2.0.0')], pin, line: line('1', ['2']) })).toMatchObject([{ kind: 'provenance-lost', level: 'high' }]);
  });

  it('registry-disagrees: high, with what was claimed and found; nothing for a release that could not be checked', () => {
    const disagreements = [{ file: 'pkg:npm/p@1.5.0', claimed: "the packument's dist.attestations announces attestations", found: 'the attestations endpoint serves no such attestation' }];
    expect(computeAlerts({ current: { version: '1.5.0', status: 'failed', disagreements }, earlier: [] })).toMatchObject([{ kind: 'registry-disagrees', level: 'high', claimed: disagreements[0]!.claimed, found: disagreements[0]!.found }]);
    expect(computeAlerts({ current: { version: '1.5.0', status: 'error', disagreements }, earlier: [] })).toEqual([]);
  });
});

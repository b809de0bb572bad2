/**
 * Finding 2 of issue 11: a pin silences publisher-changed only for the
 * fields it names and that matched. Real releases: trailofbits'
 * pypi-attestation-models 0.0.4a2 and pypi-attestations 0.0.19 were built
 * under two repository URLs (the repository was renamed: both certificates
 * carry repository id 772247423) by workflows both named `release.yml`;
 * gitlab-oidc-project is another repository and issuer. All verified by the
 * real adapter over recorded data.
 */
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../lib/history/history-service';
import { pinFieldsFromIdentity, pinSchema, type Pin, type PinIdentity } from '../../lib/policy/pins';
import { judge } from '../../lib/policy/verdict';
import type { ReleaseReport } from '../../lib/report/model';
import { gitlab, legit, other } from './real-pypi-releases';

const pin = (fields: PinIdentity): Pin => accepting(fields);
/** A pin accepting several identities ("any of these", issue 13 part 5). */
const accepting = (...identities: PinIdentity[]): Pin => pinSchema.parse({ ecosystem: 'pypi', package: 'pypi-attestations', createdAt: '2026-11-29T00:00:00Z', identities });

/** `current` published as the next version of the package whose last verified release is `previous`. */
async function alertsFor(current: ReleaseReport, previous: ReleaseReport, p: Pin) {
  const next = { ...current, package: previous.package, version: '0.0.21' };
  const verdict = judge(next, p);
  const { alerts } = await buildHistory(next, p, {
    earlierVersions: async () => [{ version: previous.version }],
    report: async () => previous,
  });
  return { verdict, alerts };
}

describe('partial pins (real attestations)', () => {
  it('a pin naming only the workflow does not hide another repository URL with a same-named workflow', async () => {
    const { verdict, alerts } = await alertsFor(await other(), await legit(), pin({ workflowPath: '.github/workflows/release.yml' }));
    expect(verdict.status).toBe('verified'); // the pin holds: it names only the workflow
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'publisher-changed', level: 'high', previousVersion: '0.0.19' });
    expect(alerts[0]!.changed).toContain('repositoryUrl');
    expect(alerts[0]!.changed).not.toContain('workflowPath');
  });

  it('a pin naming only the issuer does not hide another repository URL of the same CI', async () => {
    const { verdict, alerts } = await alertsFor(await other(), await legit(), pin({ issuer: 'https://token.actions.githubusercontent.com' }));
    expect(verdict.status).toBe('verified');
    expect(alerts.map((a) => [a.kind, a.level])).toEqual([['publisher-changed', 'high']]);
    expect(alerts[0]!.changed).not.toContain('issuer');
  });

  it('a pin naming the repository that matched silences exactly that change', async () => {
    const current = await other();
    const { verdict, alerts } = await alertsFor(current, await legit(), pin({ repositoryUrl: 'https://github.com/trailofbits/pypi-attestation-models', repositoryId: current.identity!.repositoryId, ownerId: current.identity!.ownerId, workflowPath: '.github/workflows/release.yml' }));
    expect(verdict.status).toBe('verified');
    expect(alerts).toEqual([]);
  });

  it('a pin naming the repository URL alone still reports a changed repository id (a deleted and re-created repository)', async () => {
    const current = await other();
    const previous = await legit();
    // As if the earlier release had come from a repository of that URL with another id.
    const recreated = { ...previous.identity!, repositoryUrl: current.identity!.repositoryUrl, repositoryId: '1' };
    const before = { ...previous, identity: recreated, artifacts: previous.artifacts.map((a) => ({ ...a, identity: recreated })) };
    const { verdict, alerts } = await alertsFor(current, before, pin({ repositoryUrl: 'https://github.com/trailofbits/pypi-attestation-models' }));
    expect(verdict.status).toBe('verified');
    expect(alerts.map((a) => [a.kind, a.level, a.changed])).toEqual([['publisher-changed', 'high', ['repositoryId']]]);
  });

  it('another issuer against an issuer-only pin is a mismatch, and the change is still reported', async () => {
    const { verdict, alerts } = await alertsFor(await gitlab(), await legit(), pin({ issuer: 'https://token.actions.githubusercontent.com' }));
    expect(verdict.status).toBe('mismatch');
    expect(alerts.map((a) => [a.kind, a.level])).toEqual([['publisher-changed', 'high']]);
  });

  it('a change between two identities the pin accepts raises no publisher-changed (issue 13, part 5)', async () => {
    const current = await gitlab();
    const previous = await legit();
    // The user accepts both publishers: the GitHub repository and the GitLab project, each as verified.
    const { verdict, alerts } = await alertsFor(current, previous, accepting(pinFieldsFromIdentity(previous.identity!), pinFieldsFromIdentity(current.identity!)));
    expect(verdict).toMatchObject({ status: 'verified', pinMatched: true, pinCompared: 1 });
    expect(alerts).toEqual([]);
  });

  it('an accepted identity silences only the fields it names: a workflow-only identity does not accept another repository', async () => {
    const previous = await legit();
    const { verdict, alerts } = await alertsFor(await other(), previous, accepting(pinFieldsFromIdentity(previous.identity!), { workflowPath: '.github/workflows/release.yml' }));
    expect(verdict).toMatchObject({ status: 'verified', pinMatched: true });
    expect(alerts.map((a) => [a.kind, a.level])).toEqual([['publisher-changed', 'high']]);
    expect(alerts[0]!.changed).toContain('repositoryUrl');
  });

  it('when no accepted identity matches, a mixture of two is not accepted field by field', async () => {
    const current = await gitlab();
    const previous = await legit();
    // One identity names GitLab's issuer with the old repository, the other the new repository with GitHub's issuer.
    const mixed = accepting({ issuer: current.identity!.issuer, repositoryUrl: previous.identity!.repositoryUrl }, { issuer: previous.identity!.issuer, repositoryUrl: current.identity!.repositoryUrl });
    const { verdict, alerts } = await alertsFor(current, previous, mixed);
    expect(verdict.status).toBe('mismatch');
    expect(alerts[0]!.changed).toEqual(expect.arrayContaining(['repositoryUrl', 'issuer']));
  });
});

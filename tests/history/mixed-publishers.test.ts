/**
 * Finding 1 of issue 11: a PyPI release whose verified files were built by
 * different publishers. The files and attestations are real recordings
 * (tests/fixtures): pypi_attestations 0.0.19 (trailofbits/pypi-attestations),
 * pypi_attestation_models 0.0.4a2 (trailofbits/pypi-attestation-models) and
 * gitlab_oidc_project 0.0.3 (GitLab); the first two are one repository under
 * its old and new name (both certificates carry id 772247423), the URL still
 * differs. Each is verified by the real adapter;
 * the mixed release is then assembled from their verified artifacts — what a
 * stolen upload token adding one file built elsewhere produces.
 */
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../lib/history/history-service';
import { judge } from '../../lib/policy/verdict';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { releaseStatus, sharedIdentity } from '../../lib/policy/status';
import { gitlab, legit, other } from './real-pypi-releases';

/** One release whose files are the verified files of the given reports, as the adapter assembles a release. */
function mixed(version: string, ...reports: ReleaseReport[]): ReleaseReport {
  const artifacts = reports.flatMap((r) => r.artifacts);
  const identity = sharedIdentity(artifacts);
  return releaseReportSchema.parse({ ...reports[0]!, version, artifacts, status: releaseStatus(artifacts), ...(identity ? { identity } : { identity: undefined }) });
}

const history = (current: ReleaseReport, earlier: ReleaseReport[] = []) =>
  buildHistory(current, undefined, {
    earlierVersions: async () => earlier.map((r) => ({ version: r.version })),
    report: async (p) => earlier.find((r) => r.version === p.version)!,
  });

describe('mixed publishers in one release (real attestations)', () => {
  it('files under two repository URLs, no earlier release: publisher-changed (high), naming the file that differs', async () => {
    const a = await legit();
    const b = await other();
    const c = await legit();
    // Two legitimate files (the same sdist twice stands for sdist + wheel) and one from another repository.
    const release = mixed('0.0.21', a, { ...c, artifacts: c.artifacts.map((x) => ({ ...x, name: 'pypi_attestations-0.0.21-py3-none-any.whl' })) }, b);
    expect(release.status).toBe('verified');
    const { alerts } = await history(release);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'publisher-changed',
      level: 'high',
      files: ['pypi_attestation_models-0.0.4a2.tar.gz'],
      identity: { repositoryUrl: 'https://github.com/trailofbits/pypi-attestation-models' },
      previousIdentity: { repositoryUrl: 'https://github.com/trailofbits/pypi-attestations' },
    });
    expect(alerts[0]!.previousVersion).toBeUndefined();
    expect(alerts[0]!.changed).toContain('repositoryUrl');
    expect(alerts[0]!.message).toContain('pypi_attestation_models-0.0.4a2.tar.gz by trailofbits/pypi-attestation-models (release.yml)');
    // The verdict still says the cryptography held; the alert is what keeps it from reading as plain green.
    expect(judge(release, undefined).status).toBe('verified');
  });

  it('after a verified release of the legitimate repository: only the foreign file is flagged, against that release', async () => {
    const previous = { ...(await legit()), version: '0.0.19' };
    const release = mixed('0.0.21', await legit(), await gitlab());
    const { alerts } = await history(release, [previous]);
    expect(alerts).toMatchObject([{ kind: 'publisher-changed', level: 'high', previousVersion: '0.0.19', files: ['gitlab_oidc_project-0.0.3.tar.gz'] }]);
    expect(alerts[0]!.changed).toEqual(expect.arrayContaining(['issuer', 'repositoryUrl']));
  });

  it('every file from one repository: no alert', async () => {
    const a = await legit();
    const release = mixed('0.0.21', a, { ...a, artifacts: a.artifacts.map((x) => ({ ...x, name: 'pypi_attestations-0.0.21-py3-none-any.whl' })) });
    expect((await history(release)).alerts).toEqual([]);
  });

  it('a partial release whose verified files disagree is flagged too', async () => {
    const a = await legit();
    const b = await other();
    const release = mixed('0.0.21', a, b, { ...a, artifacts: [{ ...a.artifacts[0]!, name: 'pypi_attestations-0.0.21-cp312-none-any.whl', status: 'absent', identity: undefined, attestations: [] }] });
    expect(release.status).toBe('partial');
    expect((await history(release)).alerts.map((x) => [x.kind, x.level])).toEqual([['publisher-changed', 'high']]);
  });
});

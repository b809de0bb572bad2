import { describe, expect, it } from 'vitest';
import { integrityUrl, jsonApiUrl, verifyPypiRelease, type PypiReleaseRequest } from '../../lib/registries/pypi';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import type { TrustContext } from '../../lib/verify/trust-root';
import { simpleIndexUrl } from '../../lib/registries/pypi/simple-index';
import { Buffer } from '../../lib/vendor/sigstore.generated.js';
import {
  PUBLISHERS,
  dist,
  fakePypi,
  jsonApiRelease,
  provenanceOf,
  readJSON,
  sha256,
  stagingTrust,
} from './pypi-fixtures';

/**
 * The whole adapter — JSON API, Integrity API, conversion, verification,
 * binding — over recorded bytes served by an injected fetch. The Integrity
 * API objects and attestations are real (tests/fixtures/pypi-*); the
 * JSON API responses are built here from the real distribution files,
 * because no JSON API response could be recorded (pypi.org is unreachable).
 */

const NOW = new Date('2026-11-22T12:00:00Z');
const SDIST = 'pypi_attestations-0.0.19.tar.gz';
const PROVENANCE_0019 = () => readJSON(`pypi-provenance/${SDIST}.provenance`);

interface Scenario {
  name?: string;
  version?: string;
  request?: PypiReleaseRequest;
  files: { filename: string; sha256: string }[];
  /** filename → Integrity API reply (absent: 404). */
  provenance?: Record<string, unknown>;
  json?: unknown;
  trust?: TrustContext;
}

async function run(s: Scenario) {
  const name = s.name ?? 'pypi-attestations';
  const version = s.version ?? '0.0.19';
  const routes: Record<string, any> = {
    [jsonApiUrl(name, version)]: { status: 200, body: s.json ?? jsonApiRelease(name, version, s.files) },
  };
  for (const [filename, reply] of Object.entries(s.provenance ?? {})) {
    routes[integrityUrl(name, version, filename)] = reply && typeof reply === 'object' && 'status' in reply ? reply : { status: 200, body: reply };
  }
  const fake = fakePypi(routes);
  const report = await verifyPypiRelease(s.request ?? { name, version }, { client: fake.client, trust: s.trust ?? publicGoodTrust(), now: NOW });
  // Whatever happens, the result is a valid report.
  expect(releaseReportSchema.parse(report)).toEqual(report);
  return { report, ...fake };
}

const only = (report: ReleaseReport) => {
  expect(report.artifacts).toHaveLength(1);
  return report.artifacts[0]!;
};

describe('verifyPypiRelease: verified', () => {
  it('GitHub publisher, publish/v1 (pypi_attestations 0.0.19 sdist, recorded Integrity API response)', async () => {
    const file = dist(SDIST);
    const { report, calls } = await run({ request: { name: 'PyPI_Attestations', version: '0.0.19' }, files: [file], provenance: { [SDIST]: PROVENANCE_0019() } });
    const identity = {
      publisherKind: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      subjectAlternativeName: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      repositoryUrl: 'https://github.com/trailofbits/pypi-attestations',
      repositoryId: '772247423',
      owner: 'trailofbits',
      ownerId: '2314423',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v0.0.19',
      commit: '08802efe1f8e5fec4ad842d6b8ce97656092ee72',
      trigger: 'release',
      runnerEnvironment: 'github-hosted',
      visibility: 'public',
      buildConfigUri: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      runInvocationUri: 'https://github.com/trailofbits/pypi-attestations/actions/runs/12169989787/attempts/1',
    };
    expect(report).toEqual({
      ecosystem: 'pypi',
      package: 'pypi-attestations',
      version: '0.0.19',
      status: 'verified',
      identity,
      checkedAt: NOW.toISOString(),
      artifacts: [
        {
          name: SDIST,
          digest: { algorithm: 'sha256', hex: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' },
          status: 'verified',
          identity,
          attestations: [
            {
              predicateType: 'https://docs.pypi.org/attestations/publish/v1',
              signer: 'certificate',
              signedAt: '2024-12-04T23:14:01.000Z',
              tlog: [
                {
                  logIndex: '153454663',
                  logId: expect.stringMatching(/^[0-9a-f]{64}$/),
                  rekorVersion: 1,
                  kind: 'dsse/0.0.1',
                  integratedTime: '2024-12-04T23:14:01.000Z',
                  searchUrl: 'https://search.sigstore.dev/?logIndex=153454663',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(file.sha256).toBe('9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3');
    expect(calls).toEqual([
      { url: 'https://pypi.org/simple/pypi-attestations/', accept: 'application/vnd.pypi.simple.v1+json' },
      { url: 'https://pypi.org/pypi/pypi-attestations/0.0.19/json', accept: 'application/json' },
      { url: 'https://pypi.org/integrity/pypi-attestations/0.0.19/pypi_attestations-0.0.19.tar.gz/provenance', accept: 'application/vnd.pypi.integrity.v1+json' },
    ]);
  });

  it('latest release: /pypi/<name>/json, version taken from info.version', async () => {
    const fake = fakePypi({
      'https://pypi.org/pypi/pypi-attestations/json': { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist(SDIST)]) },
      [integrityUrl('pypi-attestations', '0.0.19', SDIST)]: { status: 200, body: PROVENANCE_0019() },
    });
    const report = await verifyPypiRelease({ name: 'pypi-attestations' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
    expect(report).toMatchObject({ version: '0.0.19', status: 'verified' });
  });

  it('SLSA provenance v1 predicate, alone and next to the publish attestation', async () => {
    const slsa = provenanceOf(`${SDIST}.slsa.attestation`, PUBLISHERS.pypiAttestations);
    const a = await run({ files: [dist(SDIST)], provenance: { [SDIST]: slsa } });
    expect(only(a.report)).toMatchObject({ status: 'verified', attestations: [{ predicateType: 'https://slsa.dev/provenance/v1' }] });

    const both = provenanceOf([`${SDIST}.publish.attestation`, `${SDIST}.slsa.attestation`], PUBLISHERS.pypiAttestations);
    const b = await run({ files: [dist(SDIST)], provenance: { [SDIST]: both } });
    expect(only(b.report).status).toBe('verified');
    expect(only(b.report).attestations.map((x) => x.predicateType)).toEqual(['https://docs.pypi.org/attestations/publish/v1', 'https://slsa.dev/provenance/v1']);
  });

  it('GitLab publisher (gitlab_oidc_project 0.0.3)', async () => {
    const file = dist('gitlab_oidc_project-0.0.3.tar.gz');
    const { report } = await run({
      name: 'gitlab-oidc-project',
      version: '0.0.3',
      files: [file],
      provenance: { [file.filename]: provenanceOf('gitlab_oidc_project-0.0.3.tar.gz.publish.attestation', PUBLISHERS.gitlabOidc) },
    });
    expect(report.status).toBe('verified');
    expect(report.identity).toEqual({
      publisherKind: 'gitlab',
      issuer: 'https://gitlab.com',
      subjectAlternativeName: 'https://gitlab.com/facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main',
      repositoryUrl: 'https://gitlab.com/facutuesca/gitlab-oidc-project',
      repositoryId: '55235664',
      owner: 'facutuesca',
      ownerId: '12885801',
      workflowPath: '.gitlab-ci.yml',
      ref: 'refs/heads/main',
      commit: '72f7c63b75eb55ea80864962f0e645c93414da34',
      trigger: 'push',
      runnerEnvironment: 'gitlab-hosted',
      visibility: 'private',
      buildConfigUri: 'https://gitlab.com/facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main',
      runInvocationUri: 'https://gitlab.com/facutuesca/gitlab-oidc-project/-/jobs/8415754949',
    });
  });

  it('GitHub publisher of another project (pypi_attestation_models 0.0.4a2), version spelled differently in the URL', async () => {
    const file = dist('pypi_attestation_models-0.0.4a2.tar.gz');
    // warehouse resolves /pypi/<name>/<version>/json by PEP 440 equality and
    // answers with the version as stored; the Integrity API wants that one.
    const fake = fakePypi({
      'https://pypi.org/pypi/pypi-attestation-models/0.0.4-alpha2/json': {
        status: 200,
        body: jsonApiRelease('pypi-attestation-models', '0.0.4a2', [file]),
      },
      [integrityUrl('pypi-attestation-models', '0.0.4a2', file.filename)]: {
        status: 200,
        body: provenanceOf('pypi_attestation_models-0.0.4a2.tar.gz.attestation', PUBLISHERS.attestationModels),
      },
    });
    const report = await verifyPypiRelease({ name: 'pypi_attestation_models', version: '0.0.4-alpha2' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
    expect(report).toMatchObject({ package: 'pypi-attestation-models', version: '0.0.4a2', status: 'verified' });
    expect(report.identity).toMatchObject({ repositoryUrl: 'https://github.com/trailofbits/pypi-attestation-models', ref: 'refs/tags/v0.0.4a2' });
  });

  // warehouse's own recorded Integrity API responses; their dists were not
  // recorded, so the JSON API digest is the one the statement names.
  it.each([
    ['docs-example.sampleproject-4.0.0.tar.gz.provenance.json', 'sampleproject', '4.0.0', 'github', 'https://github.com/pypa/sampleproject'],
    ['pep740-sampleproject-1.0.0.tar.gz.provenance', 'pep740-sampleproject', '1.0.0', 'gitlab', 'https://gitlab.com/pep740-example/sampleproject'],
  ])('warehouse fixture %s', async (path, name, version, kind, repositoryUrl) => {
    const provenance = readJSON(`pypi-provenance/${path}`);
    const statement = JSON.parse(Buffer.from(provenance.attestation_bundles[0].attestations[0].envelope.statement, 'base64').toString('utf8'));
    const subject = statement.subject[0];
    const { report } = await run({ name, version, files: [{ filename: subject.name, sha256: subject.digest.sha256 }], provenance: { [subject.name]: provenance } });
    expect(report).toMatchObject({ status: 'verified', identity: { publisherKind: kind, repositoryUrl } });
  });
});

describe('verifyPypiRelease: failures', () => {
  it('GitLab attestation against a publisher with another workflow_filepath → IDENTITY_MISMATCH', async () => {
    const file = dist('gitlab_oidc_project-0.0.3.tar.gz');
    const { report } = await run({
      name: 'gitlab-oidc-project',
      version: '0.0.3',
      files: [file],
      provenance: { [file.filename]: provenanceOf('gitlab_oidc_project-0.0.3.tar.gz.publish.attestation', { ...PUBLISHERS.gitlabOidc, workflow_filepath: 'wrong.yml' }) },
    });
    expect(report).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH', attestations: [] });
    expect(only(report).detail).toContain('wrong.yml');
    expect(only(report).identity).toBeUndefined();
  });

  it('provenance whose publisher names another repository → IDENTITY_MISMATCH', async () => {
    const provenance = PROVENANCE_0019();
    provenance.attestation_bundles[0].publisher.repository = 'pypa/sampleproject';
    const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenance } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
    expect(report.status).toBe('failed');
  });

  it('provenance whose publisher names another workflow of the same repository → IDENTITY_MISMATCH', async () => {
    const provenance = PROVENANCE_0019();
    provenance.attestation_bundles[0].publisher.workflow = 'publish.yml';
    const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenance } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
  });

  it('RFC 3161-timestamped attestation signed by a person (GitHub OAuth e-mail): no Trusted Publisher matches → IDENTITY_MISMATCH', async () => {
    // Signature, TSA timestamp, log entry and subject all verify (see
    // pypi-attestation.test.ts); PyPI would only ever serve it under the
    // project's Trusted Publisher, and an e-mail identity is none of them.
    for (const publisher of [PUBLISHERS.pypiAttestations, { kind: 'Google', email: 'jku@goto.fi' }]) {
      const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenanceOf(`${SDIST}.publish.attestation.with_timestamp`, publisher) } });
      expect(only(report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
      expect(only(report).detail).toMatch(/issuer is "https:\/\/github.com\/login\/oauth"/);
    }
  });

  it('altered file sha256 in the JSON API → SUBJECT_MISMATCH', async () => {
    const file = dist(SDIST);
    const altered = { ...file, sha256: (file.sha256[0] === '0' ? '1' : '0') + file.sha256.slice(1) };
    const { report } = await run({ files: [altered], provenance: { [SDIST]: PROVENANCE_0019() } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH', digest: { hex: altered.sha256 } });
    expect(only(report).detail).toContain('sha256');
  });

  it('a subject for another filename → SUBJECT_MISMATCH, even with the right digest', async () => {
    const other = { filename: 'pypi_attestations-0.0.18.tar.gz', sha256: dist(SDIST).sha256 };
    const { report } = await run({ version: '0.0.18', files: [other], provenance: { [other.filename]: PROVENANCE_0019() } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });

  it('staging-signed wheel attestation against the production root → CERT_CHAIN_UNTRUSTED', async () => {
    const wheel = dist('rfc8785-0.1.2-py3-none-any.whl');
    const publisher = { kind: 'GitHub', repository: 'trailofbits/rfc8785.py', workflow: 'release.yml' };
    const { report } = await run({ name: 'rfc8785', version: '0.1.2', files: [wheel], provenance: { [wheel.filename]: provenanceOf('rfc8785-0.1.2-py3-none-any.whl.publish.attestation', publisher) } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'CERT_CHAIN_UNTRUSTED' });
  });

  it('staging-signed wheel under the staging root: crypto and subject pass, identity (an e-mail) does not', async () => {
    // Steps run crypto → subject → publisher, so IDENTITY_MISMATCH here
    // means the wheel's filename and sha256 bound; SUBJECT_MISMATCH means not.
    const wheel = dist('rfc8785-0.1.2-py3-none-any.whl');
    const publisher = { kind: 'GitHub', repository: 'trailofbits/rfc8785.py', workflow: 'release.yml' };
    const attestation = 'rfc8785-0.1.2-py3-none-any.whl.attestation';
    const listedAs = async (filename: string) =>
      only(
        (await run({ name: 'rfc8785', version: '0.1.2', trust: stagingTrust('sigstore-python'), files: [{ ...wheel, filename }], provenance: { [filename]: provenanceOf(attestation, publisher) } }))
          .report,
      ).code;
    expect(await listedAs('rfc8785-0.1.2-py3-none-any.whl')).toBe('IDENTITY_MISMATCH');
    // Same wheel under PyPI's normalization: name case and separators, version spelling, compressed tags.
    expect(await listedAs('RFC8785-0.1.2.0-py3-none-any.whl')).toBe('IDENTITY_MISMATCH');
    expect(await listedAs('rfc8785-0.1.2-py3-none-any.any.whl')).toBe('IDENTITY_MISMATCH');
    expect(await listedAs('rfc8785-0.1.2-PY3-NONE-ANY.whl')).toBe('IDENTITY_MISMATCH');
    // Another file.
    expect(await listedAs('rfc8785-0.1.2-py2.py3-none-any.whl')).toBe('SUBJECT_MISMATCH');
    expect(await listedAs('rfc8785-0.1.2-1-py3-none-any.whl')).toBe('SUBJECT_MISMATCH');
    expect(await listedAs('rfc8785-0.1.2.tar.gz')).toBe('SUBJECT_MISMATCH');
  });

  it('Rekor v2 + staging TSA attestation: TIMESTAMP_INVALID under production, identity check reached under staging', async () => {
    const provenance = provenanceOf(`${SDIST}.publish.attestation.with_rekor2_timestamp`, PUBLISHERS.pypiAttestations);
    const prod = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenance } });
    expect(only(prod.report)).toMatchObject({ status: 'failed', code: 'TIMESTAMP_INVALID' });
    for (const root of ['sigstore-python', 'sigstore-rust'] as const) {
      const staging = await run({ files: [dist(SDIST)], trust: stagingTrust(root), provenance: { [SDIST]: provenance } });
      expect(only(staging.report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
    }
  });

  it('one failing attestation fails the file even if another verifies', async () => {
    const provenance = provenanceOf([`${SDIST}.publish.attestation`, `${SDIST}.publish.attestation.with_timestamp`], PUBLISHERS.pypiAttestations);
    const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenance } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH', attestations: [] });
  });

  it('a tampered signature → failed', async () => {
    const provenance = PROVENANCE_0019();
    const att = provenance.attestation_bundles[0].attestations[0];
    const sig = Buffer.from(att.envelope.signature, 'base64');
    sig[10] = sig[10]! ^ 0x01;
    att.envelope.signature = sig.toString('base64');
    const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenance } });
    expect(only(report).status).toBe('failed');
    expect(only(report).code).toMatch(/SIGNATURE_INVALID|TLOG_BODY_MISMATCH/);
  });
});

describe('verifyPypiRelease: absent, partial, unsupported', () => {
  it('404 from the Integrity API → absent', async () => {
    const { report } = await run({ files: [dist(SDIST)] });
    expect(report).toMatchObject({ status: 'absent', artifacts: [{ name: SDIST, status: 'absent', attestations: [] }] });
    expect(report.code).toBeUndefined();
  });

  it('one file with provenance and one without → partial', async () => {
    // The second file is one PyPI has no provenance for: its digest is never compared.
    const wheel = { filename: 'pypi_attestations-0.0.19-py3-none-any.whl', sha256: sha256(Buffer.from('not compared')) };
    const { report } = await run({ files: [dist(SDIST), wheel], provenance: { [SDIST]: PROVENANCE_0019() } });
    expect(report.status).toBe('partial');
    expect(report.artifacts.map((a) => [a.name, a.status])).toEqual([
      [SDIST, 'verified'],
      [wheel.filename, 'absent'],
    ]);
    expect(report.identity?.repositoryUrl).toBe('https://github.com/trailofbits/pypi-attestations');
  });

  it('one verified file and one failed file → failed, with the failure\u2019s code', async () => {
    const other = dist('gitlab_oidc_project-0.0.3.tar.gz');
    const { report } = await run({
      files: [dist(SDIST), { filename: 'pypi_attestations-0.0.19-py3-none-any.whl', sha256: other.sha256 }],
      provenance: { [SDIST]: PROVENANCE_0019(), 'pypi_attestations-0.0.19-py3-none-any.whl': PROVENANCE_0019() },
    });
    expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });

  it('a release without files → absent', async () => {
    const { report } = await run({ files: [] });
    expect(report).toMatchObject({ status: 'absent', artifacts: [] });
  });

  it.each([
    { kind: 'CircleCI', circleci_org_id: '7b4a1f5e-0000-4000-8000-000000000000', circleci_project_id: '7b4a1f5e-0000-4000-8000-000000000001' },
    { kind: 'ActiveState', organization: 'org', activestate_project_name: 'proj', actor: 'me', actor_id: 'x' },
    { kind: 'Buildkite', organization: 'org' },
  ])('$kind publisher → unsupported, even though the attestation verifies', async (publisher) => {
    const { report } = await run({ files: [dist(SDIST)], provenance: { [SDIST]: provenanceOf(`${SDIST}.publish.attestation`, publisher) } });
    expect(report).toMatchObject({ status: 'unsupported', code: 'UNSUPPORTED_PUBLISHER' });
    expect(only(report)).toMatchObject({ status: 'unsupported', code: 'UNSUPPORTED_PUBLISHER', attestations: [] });
    expect(only(report).identity).toBeUndefined();
    expect(only(report).message).toMatch(/GitHub, GitLab and Google/);
  });

  it('unsupported publisher with an attestation that does not verify → failed', async () => {
    const provenance = provenanceOf(`${SDIST}.publish.attestation`, { kind: 'CircleCI' });
    const { report } = await run({ files: [{ ...dist(SDIST), sha256: '0'.repeat(64) }], provenance: { [SDIST]: provenance } });
    expect(only(report)).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });
});

describe('verifyPypiRelease: registry errors', () => {
  const provenanceUrl = integrityUrl('pypi-attestations', '0.0.19', SDIST);

  async function withIntegrityReplies(replies: any[]) {
    const fake = fakePypi({
      [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [dist(SDIST)]) },
      [provenanceUrl]: replies,
    });
    const report = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
    expect(releaseReportSchema.parse(report)).toEqual(report);
    return { report, artifact: only(report), attempts: fake.calls.filter((c) => c.url === provenanceUrl).length, sleeps: fake.sleeps };
  }

  it('403 (PEP 740 disabled by PyPI) → error FORBIDDEN, to be retried later, not absent', async () => {
    const r = await withIntegrityReplies([{ status: 403, body: { message: 'Attestations temporarily disabled' } }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'FORBIDDEN', retryable: true });
    expect(r.artifact.message).toMatch(/temporarily/);
    expect(r.report).toMatchObject({ status: 'error', code: 'FORBIDDEN', retryable: true });
    expect(r.attempts).toBe(1);
  });

  it('410 → error UNEXPECTED_STATUS, never "absent" (only a 404 means no provenance)', async () => {
    const r = await withIntegrityReplies([{ status: 410 }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'UNEXPECTED_STATUS' });
    expect(r.report.status).toBe('error');
  });

  it('406 → error NOT_ACCEPTABLE, not retried', async () => {
    const r = await withIntegrityReplies([{ status: 406, body: { message: 'Request not acceptable' } }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'NOT_ACCEPTABLE', retryable: false });
    expect(r.attempts).toBe(1);
    expect(r.sleeps).toEqual([]);
  });

  it('429 → retried with Retry-After, then error RATE_LIMITED (retryable)', async () => {
    const r = await withIntegrityReplies([{ status: 429, headers: { 'retry-after': '2' } }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'RATE_LIMITED', retryable: true });
    expect(r.attempts).toBe(3);
    expect(r.sleeps).toEqual([2000, 2000]);
  });

  it('500 → retried; success on the second attempt verifies', async () => {
    const r = await withIntegrityReplies([{ status: 500 }, { status: 200, body: PROVENANCE_0019() }]);
    expect(r.artifact.status).toBe('verified');
    expect(r.attempts).toBe(2);
    expect(r.sleeps).toEqual([500]);
  });

  it.each([500, 502, 503])('%i on every attempt → error SERVER_ERROR (retryable)', async (status) => {
    const r = await withIntegrityReplies([{ status }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'SERVER_ERROR', retryable: true });
    expect(r.attempts).toBe(3);
    expect(r.sleeps).toEqual([500, 1000]);
  });

  it('no answer → error TIMEOUT (retryable) after the retries', async () => {
    const r = await withIntegrityReplies(['hang']);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'TIMEOUT', retryable: true });
    expect(r.attempts).toBe(3);
  });

  it.each([
    ['not JSON', '<html>maintenance</html>'],
    ['wrong version', { version: 2, attestation_bundles: [] }],
    ['no bundles', { version: 1, attestation_bundles: [] }],
    ['bundle without attestations', { version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub', repository: 'a/b', workflow: 'c.yml' }, attestations: [] }] }],
    ['publisher without kind', { version: 1, attestation_bundles: [{ publisher: {}, attestations: [{}] }] }],
  ])('malformed provenance (%s) → error MALFORMED_RESPONSE', async (_, body) => {
    const r = await withIntegrityReplies([{ status: 200, body }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE', retryable: false });
  });

  it('GitHub publisher without a workflow → error MALFORMED_RESPONSE', async () => {
    const provenance = PROVENANCE_0019();
    delete provenance.attestation_bundles[0].publisher.workflow;
    const r = await withIntegrityReplies([{ status: 200, body: provenance }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
  });

  it('an attestation that is not a PEP 740 attestation object → failed MALFORMED_BUNDLE', async () => {
    const provenance = PROVENANCE_0019();
    provenance.attestation_bundles[0].attestations.push({ version: 1, envelope: {} });
    const r = await withIntegrityReplies([{ status: 200, body: provenance }]);
    expect(r.artifact).toMatchObject({ status: 'failed', code: 'MALFORMED_BUNDLE' });
  });

  it('more attestations than any real file carries → error TOO_LARGE, nothing verified', async () => {
    const provenance = PROVENANCE_0019();
    const att = provenance.attestation_bundles[0].attestations[0];
    provenance.attestation_bundles[0].attestations = Array.from({ length: 9 }, () => att);
    const r = await withIntegrityReplies([{ status: 200, body: provenance }]);
    expect(r.artifact).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
  });

  describe('JSON API', () => {
    async function withJson(reply: any, request: PypiReleaseRequest = { name: 'pypi-attestations', version: '0.0.19' }) {
      const fake = fakePypi({ [jsonApiUrl(request.name, request.version)]: reply });
      const report = await verifyPypiRelease(request, { client: fake.client, trust: publicGoodTrust(), now: NOW });
      expect(releaseReportSchema.parse(report)).toEqual(report);
      return { report, calls: fake.calls };
    }
    const good = () => jsonApiRelease('pypi-attestations', '0.0.19', [dist(SDIST)]);

    it('404 → error NOT_FOUND, no provenance requested', async () => {
      const { report, calls } = await withJson({ status: 404, body: { message: 'Not Found' } });
      expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND', retryable: false, version: '0.0.19', artifacts: [] });
      // Besides the JSON API only the simple index, asked alongside it (and 404 here: today's path).
      expect(calls.filter((c) => c.url !== simpleIndexUrl('pypi-attestations'))).toHaveLength(1);
    });

    it('503 → error SERVER_ERROR, retryable', async () => {
      const { report } = await withJson({ status: 503 });
      expect(report).toMatchObject({ status: 'error', code: 'SERVER_ERROR', retryable: true });
    });

    it.each([
      ['another project', () => ({ ...good(), info: { name: 'sampleproject', version: '0.0.19' } })],
      ['another version', () => ({ ...good(), info: { name: 'pypi-attestations', version: '0.0.18' } })],
      ['a file listed twice', () => ({ ...good(), urls: [...good().urls, ...good().urls] })],
      ['a sha256 that is not hex', () => ({ ...good(), urls: [{ ...good().urls[0], digests: { sha256: 'z'.repeat(64) } }] })],
      ['a filename with a slash', () => ({ ...good(), urls: [{ ...good().urls[0], filename: '../x.tar.gz' }] })],
      ['no urls', () => ({ info: good().info })],
    ])('a response for %s → error MALFORMED_RESPONSE', async (_, body) => {
      const { report, calls } = await withJson({ status: 200, body: body() });
      expect(report).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE', artifacts: [] });
      // Besides the JSON API only the simple index, asked alongside it (and 404 here: today's path).
      expect(calls.filter((c) => c.url !== simpleIndexUrl('pypi-attestations'))).toHaveLength(1);
    });

    it('a version PEP 440-equal to the one asked for is the same release', async () => {
      const { report } = await withJson({ status: 200, body: good() }, { name: 'pypi-attestations', version: '0.0.19.0' });
      expect(report).toMatchObject({ version: '0.0.19', status: 'absent' });
    });

    it.each([
      { name: '../etc', version: '1' },
      { name: 'pypi-attestations', version: '..' },
      { name: 'pypi-attestations', version: '1 0' },
    ])('an invalid request ($name $version) is refused without a request', async (request) => {
      const fake = fakePypi({});
      const report = await verifyPypiRelease(request, { client: fake.client, trust: publicGoodTrust(), now: NOW });
      expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND', artifacts: [] });
      expect(fake.calls).toHaveLength(0);
    });

    it('a version the Integrity API could not be asked for → error MALFORMED_RESPONSE', async () => {
      const { report, calls } = await withJson({ status: 200, body: { ...good(), info: { name: 'pypi-attestations', version: '..' } } }, { name: 'pypi-attestations' });
      expect(report).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
      // Besides the JSON API only the simple index, asked alongside it (and 404 here: today's path).
      expect(calls.filter((c) => c.url !== simpleIndexUrl('pypi-attestations'))).toHaveLength(1);
    });
  });
});

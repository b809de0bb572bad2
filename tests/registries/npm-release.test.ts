import { describe, expect, it } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { NO_PROVENANCE, PUBLISH_ONLY } from '../../lib/registries/npm/attestations';
import { attestationsUrl, packumentUrl, versionManifestUrl } from '../../lib/registries/npm/names';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import {
  FakeRegistry,
  PUBLISH_V01,
  SLSA_V02,
  SLSA_V1,
  SLSA_VERIFIER_DIR,
  advertise,
  attestationsResponse,
  hexFromSri,
  json,
  packument,
  rawFixture,
  sriFromHex,
  status,
  type Json,
} from './npm-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

async function run(registry: FakeRegistry, name: string, version?: string, policy = {}): Promise<ReleaseReport> {
  const report = await verifyNpmRelease({ name, ...(version ? { version } : {}) }, { client: registry.client(policy), trust: publicGoodTrust(), now: NOW });
  // Every report, whatever its status, is a valid report-model value.
  expect(releaseReportSchema.parse(report)).toEqual(report);
  expect(report.checkedAt).toBe(NOW.toISOString());
  return report;
}

const sigstore1 = () => attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');
const tufjs1 = () => attestationsResponse('npm-attestations/npm-cli/valid-tuf-js-attestations.json');
const provenanceOf = (r: { attestations: { predicateType: string; bundle: Json }[] }) => r.attestations.find((a) => a.predicateType.startsWith('https://slsa.dev'))!;
const publishOf = (r: { attestations: { predicateType: string; bundle: Json }[] }) => r.attestations.find((a) => a.predicateType === PUBLISH_V01)!;

const LAURENT = '@laurentsimon/provenance-npm-test';
const LAURENT_SHA512 = '29d19f26233f4441328412b34fd73ed104ecfef62f14097890cccf7455b521b65c5acff851849faa85c85395aa22d401436f01f3afb61b19c780e906c88c7f20';

/**
 * The mirror has no entry for @laurentsimon/provenance-npm-test@1.0.0 (only
 * 1.0.7), so this packument entry is BUILT IN THE TEST from the attestation's
 * own subject digest: it proves the pipeline accepts a consistent release,
 * not that the registry's real dist.integrity matches. The test after it
 * alters this digest to show the comparison is live.
 */
function laurentPackument(sha512Hex = LAURENT_SHA512): Json {
  const p = packument(LAURENT);
  p.versions['1.0.0'] = {
    name: LAURENT,
    version: '1.0.0',
    dist: { integrity: sriFromHex(sha512Hex), tarball: 'https://registry.npmjs.org/@laurentsimon/provenance-npm-test/-/provenance-npm-test-1.0.0.tgz' },
  };
  return advertise(p, '1.0.0', SLSA_V02);
}

describe('verifyNpmRelease on recorded npm registry data', () => {
  describe('real releases with provenance', () => {
    it('sigstore@1.0.0 (SLSA v0.2, 2023 certificate with legacy extensions only, publish attestation)', async () => {
      const registry = new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0')).attestations('sigstore', '1.0.0', sigstore1());
      const report = await run(registry, 'sigstore', '1.0.0');

      expect(report).toMatchObject({ ecosystem: 'npm', package: 'sigstore', version: '1.0.0', status: 'verified' });
      expect(report.code).toBeUndefined();
      const [artifact] = report.artifacts;
      expect(artifact).toMatchObject({
        name: 'pkg:npm/sigstore@1.0.0',
        status: 'verified',
        digest: { algorithm: 'sha512', hex: '7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36' },
      });
      expect(artifact!.identity).toEqual({
        publisherKind: 'github',
        issuer: 'https://token.actions.githubusercontent.com',
        subjectAlternativeName: 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0',
        repositoryUrl: 'https://github.com/sigstore/sigstore-js',
        owner: 'sigstore',
        workflowPath: '.github/workflows/publish.yml',
        ref: 'refs/tags/v1.0.0',
        commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
        trigger: 'release',
        buildConfigUri: 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0',
      });
      // The predicate states GITHUB_REPOSITORY_ID, but the certificate does not: it stays out of the identity.
      expect(artifact!.identity!.repositoryId).toBeUndefined();
      expect(report.identity).toEqual(artifact!.identity);
      expect(artifact!.attestations).toEqual([
        {
          predicateType: SLSA_V02,
          signer: 'certificate',
          tlog: [{ logIndex: '12988397', logId: expect.stringMatching(/^[0-9a-f]{64}$/), rekorVersion: 1, kind: 'intoto/0.0.2', integratedTime: '2023-02-09T17:56:00.000Z', searchUrl: 'https://search.sigstore.dev/?logIndex=12988397' }],
          signedAt: '2023-02-09T17:56:00.000Z',
        },
        {
          predicateType: PUBLISH_V01,
          signer: 'npm-registry-key',
          tlog: [expect.objectContaining({ logIndex: '12988399', kind: 'intoto/0.0.2' })],
          signedAt: '2023-02-09T17:56:02.000Z',
        },
      ]);
      expect(registry.urls).toEqual([packumentUrl('sigstore'), 'https://registry.npmjs.org/-/npm/v1/attestations/sigstore@1.0.0']);
      expect(registry.requests[0]!.accept).toContain('application/vnd.npm.install-v1+json');
    });

    it('sigstore@1.0.0 from the mirror, which strips dist.attestations: the endpoint is asked anyway', async () => {
      const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', sigstore1());
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report.status).toBe('verified');
      expect(report.identity?.repositoryUrl).toBe('https://github.com/sigstore/sigstore-js');
    });

    it('tuf-js@1.0.0', async () => {
      const registry = new FakeRegistry().packument(advertise(packument('tuf-js'), '1.0.0')).attestations('tuf-js', '1.0.0', tufjs1());
      const report = await run(registry, 'tuf-js', '1.0.0');
      expect(report.status).toBe('verified');
      expect(report.identity).toMatchObject({
        repositoryUrl: 'https://github.com/theupdateframework/tuf-js',
        owner: 'theupdateframework',
        workflowPath: '.github/workflows/publish.yml',
        commit: '99624cc7ce39872e6bd08a0df59229a48562dbca',
      });
      expect(report.artifacts[0]!.attestations.map((a) => a.signer)).toEqual(['certificate', 'npm-registry-key']);
    });

    it('sigstore@2.0.0 (SLSA v1, certificate with every Fulcio extension); provenance bundle from sigstore-rust wrapped as an attestations response', async () => {
      const bundle = JSON.parse(rawFixture('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json'));
      const registry = new FakeRegistry()
        .packument(advertise(packument('sigstore'), '2.0.0', SLSA_V1))
        .attestations('sigstore', '2.0.0', { attestations: [{ predicateType: SLSA_V1, bundle }] });
      const report = await run(registry, 'sigstore', '2.0.0');
      expect(report.status).toBe('verified');
      expect(report.identity).toEqual({
        publisherKind: 'github',
        issuer: 'https://token.actions.githubusercontent.com',
        subjectAlternativeName: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
        repositoryUrl: 'https://github.com/sigstore/sigstore-js',
        repositoryId: '495574555',
        owner: 'sigstore',
        ownerId: '71096353',
        workflowPath: '.github/workflows/release.yml',
        ref: 'refs/heads/main',
        commit: 'f0b49a04e5a62250e0f60fb128004a73110fe311',
        trigger: 'push',
        runnerEnvironment: 'github-hosted',
        visibility: 'public',
        buildConfigUri: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
        runInvocationUri: 'https://github.com/sigstore/sigstore-js/actions/runs/5904696764/attempts/1',
      });
      expect(report.artifacts[0]!.attestations).toHaveLength(1);
    });

    it('@laurentsimon/provenance-npm-test@1.0.0 (slsa-verifier): scoped name escaped as npm does in every URL and the purl', async () => {
      const registry = new FakeRegistry()
        .packument(laurentPackument())
        .attestations(LAURENT, '1.0.0', attestationsResponse(SLSA_VERIFIER_DIR, 'npm-attestations.intoto.sigstore'));
      const report = await run(registry, LAURENT, '1.0.0');
      expect(report.status).toBe('verified');
      expect(report.package).toBe(LAURENT);
      expect(report.artifacts[0]!.name).toBe('pkg:npm/%40laurentsimon/provenance-npm-test@1.0.0');
      expect(registry.urls).toEqual([
        'https://registry.npmjs.org/@laurentsimon%2fprovenance-npm-test',
        'https://registry.npmjs.org/-/npm/v1/attestations/@laurentsimon%2fprovenance-npm-test@1.0.0',
      ]);
      expect(report.identity).toMatchObject({ repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test', workflowPath: '.github/workflows/release.yml', trigger: 'workflow_dispatch' });
    });

    it('the same release with the test-built digest altered by one bit fails SUBJECT_MISMATCH', async () => {
      const altered = (BigInt(`0x${LAURENT_SHA512}`) ^ 1n).toString(16).padStart(128, '0');
      const registry = new FakeRegistry()
        .packument(laurentPackument(altered))
        .attestations(LAURENT, '1.0.0', attestationsResponse(SLSA_VERIFIER_DIR, 'npm-attestations.intoto.sigstore'));
      const report = await run(registry, LAURENT, '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
      expect(report.artifacts[0]!.detail).toMatch(/^provenance: SUBJECT_MISMATCH: .*dist\.integrity.*; publish: SUBJECT_MISMATCH/);
    });
  });

  describe('slsa-verifier tampered attestation responses for @laurentsimon/provenance-npm-test@1.0.0', () => {
    // The code is the first check that notices. Re-encoded statements change
    // the DSSE payload, so the Rekor entry's recorded payload hash no longer
    // matches (TLOG_BODY_MISMATCH) before the signature is even tried; a changed
    // payloadType changes only the signed PAE bytes (SIGNATURE_INVALID); a wrong
    // registry label over an intact bundle is ours to see (PREDICATE_TYPE_MISMATCH).
    // Upstream, npm-att-mismatch-pub-payloadtype is byte-identical to the
    // prov-payloadtype file: both alter the provenance's payloadType.
    it.each([
      ['npm-att-mismatch-prov-payloadtype', 'provenance', 'SIGNATURE_INVALID'],
      ['npm-att-mismatch-pub-payloadtype', 'provenance', 'SIGNATURE_INVALID'],
      ['npm-att-mismatch-prov-predicatetype', 'provenance', 'PREDICATE_TYPE_MISMATCH'],
      ['npm-att-mismatch-pub-predicatetype', 'publish', 'PREDICATE_TYPE_MISMATCH'],
      ['npm-att-prov-invalid-signature', 'provenance', 'TLOG_BODY_MISMATCH'],
      ['npm-att-publish-invalid-signature', 'publish', 'TLOG_BODY_MISMATCH'],
      ['npm-att-publish-nodigest', 'publish', 'TLOG_BODY_MISMATCH'],
      ['npm-att-publish-nosubjects', 'publish', 'TLOG_BODY_MISMATCH'],
      ['npm-stmt-mismatch-prov-predicatetype', 'provenance', 'TLOG_BODY_MISMATCH'],
      ['npm-stmt-mismatch-prov-type', 'provenance', 'TLOG_BODY_MISMATCH'],
      ['npm-stmt-mismatch-pub-predicatetype', 'publish', 'TLOG_BODY_MISMATCH'],
      ['npm-stmt-mismatch-pub-type', 'publish', 'TLOG_BODY_MISMATCH'],
    ])('%s: %s attestation fails %s', async (file, kind, code) => {
      const registry = new FakeRegistry().packument(laurentPackument()).attestations(LAURENT, '1.0.0', attestationsResponse(SLSA_VERIFIER_DIR, `${file}.intoto.sigstore`));
      const report = await run(registry, LAURENT, '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code });
      const artifact = report.artifacts[0]!;
      expect(artifact).toMatchObject({ status: 'failed', code });
      expect(artifact.message).toEqual(expect.any(String));
      // Only that attestation failed; the other one is still listed as verified.
      expect(artifact.detail).toMatch(new RegExp(`^${kind}: ${code}: [^;]+$`));
      expect(artifact.attestations.map((a) => a.signer)).toEqual([kind === 'provenance' ? 'npm-registry-key' : 'certificate']);
      expect(artifact.identity).toBeUndefined();
      expect(report.identity).toBeUndefined();
    });
  });

  describe("npm-cli's deliberately broken provenance bundles (libnpmpublish)", () => {
    // @npmcli/libnpmpublish-test is 404 on the mirror. These bundles were made
    // for libnpmpublish's pre-publish subject checks and were never logged, so
    // the verification core stops at TLOG_MISSING before our subject check;
    // npm-subject.test.ts runs that check on their statements directly and
    // npm-wiring.test.ts shows the pipeline maps it. The digest used for the
    // entry is the one the multi-subject bundle names for 1.0.0.
    const NAME = '@npmcli/libnpmpublish-test';
    const SHA512 = 'f0936ce82be947cd58f11f8d80701650fbf92445aee1bd7e99f4de46587f14ad239a1b23ca4c09cd71cf0930f060e9572e98c3372d2c9f8cf4f76a9234fe2df7';
    const pack = { name: NAME, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: NAME, version: '1.0.0', dist: { integrity: sriFromHex(SHA512) } } } };

    it.each([
      ['digest-mismatch-provenance-bundle.json', 'TLOG_MISSING'],
      ['multi-subject-provenance-bundle.json', 'TLOG_MISSING'],
      ['no-provenance-subject-bundle.json', 'TLOG_MISSING'],
      // Checked before the core: a message-signature bundle has no statement to bind.
      ['no-provenance-envelope-bundle.json', 'STATEMENT_INVALID'],
    ])('%s fails %s', async (file, code) => {
      const bundle = JSON.parse(rawFixture('npm-attestations/npm-cli', file));
      const registry = new FakeRegistry().packument(pack).attestations(NAME, '1.0.0', { attestations: [{ predicateType: SLSA_V02, bundle }] });
      const report = await run(registry, NAME, '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code });
    });
  });

  describe('derived negatives on real bundles (only registry data altered)', () => {
    it('dist.integrity altered → SUBJECT_MISMATCH for both attestations', async () => {
      const p = advertise(packument('sigstore'), '1.0.0');
      const hex = hexFromSri(p.versions['1.0.0'].dist.integrity);
      p.versions['1.0.0'].dist.integrity = sriFromHex(`${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`);
      const report = await run(new FakeRegistry().packument(p).attestations('sigstore', '1.0.0', sigstore1()), 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
      expect(report.artifacts[0]!.detail).toContain('publish: SUBJECT_MISMATCH');
    });

    it('attestations of another version (same tarball digest, so only the purl differs) → SUBJECT_MISMATCH', async () => {
      const p = packument('sigstore');
      p.versions['1.0.1'] = { name: 'sigstore', version: '1.0.1', dist: { ...p.versions['1.0.0'].dist } };
      const report = await run(new FakeRegistry().packument(p).attestations('sigstore', '1.0.1', sigstore1()), 'sigstore', '1.0.1');
      expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH', version: '1.0.1' });
      expect(report.artifacts[0]!.detail).toContain('"pkg:npm/sigstore@1.0.0", not pkg:npm/sigstore@1.0.1');
    });

    it("a package's attestations served for another package → SUBJECT_MISMATCH", async () => {
      const p = packument('tuf-js');
      p.versions['1.0.0'].dist.integrity = packument('sigstore').versions['1.0.0'].dist.integrity;
      const report = await run(new FakeRegistry().packument(p).attestations('tuf-js', '1.0.0', sigstore1()), 'tuf-js', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    });

    it('a publish attestation signed by a certificate, or a provenance signed by the registry key → IDENTITY_MISMATCH', async () => {
      const r = sigstore1();
      const swapped = { attestations: [{ predicateType: SLSA_V02, bundle: publishOf(r).bundle }, { predicateType: PUBLISH_V01, bundle: provenanceOf(r).bundle }] };
      const report = await run(new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', swapped), 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'IDENTITY_MISMATCH' });
      expect(report.artifacts[0]!.detail).toMatch(/^provenance: IDENTITY_MISMATCH: .*by key SHA256:jl3b.*; publish: IDENTITY_MISMATCH: .*by certificate/);
    });

    it('only the publish attestation → absent (no build identity), with the publish attestation listed', async () => {
      const r = sigstore1();
      const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', { attestations: [publishOf(r)] });
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'absent', message: PUBLISH_ONLY });
      expect(report.artifacts[0]!.attestations.map((a) => a.signer)).toEqual(['npm-registry-key']);
      expect(report.identity).toBeUndefined();
    });

    it('packument announces provenance, endpoint serves only the publish attestation → ATTESTATIONS_MISSING', async () => {
      const registry = new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0')).attestations('sigstore', '1.0.0', { attestations: [publishOf(sigstore1())] });
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'ATTESTATIONS_MISSING', retryable: true });
    });

    it('packument announces provenance v1, endpoint serves v0.2 → PREDICATE_TYPE_MISMATCH', async () => {
      const registry = new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0', SLSA_V1)).attestations('sigstore', '1.0.0', sigstore1());
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'PREDICATE_TYPE_MISMATCH' });
    });

    it('two provenance attestations → DUPLICATE_ATTESTATION', async () => {
      const r = sigstore1();
      const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', { attestations: [...r.attestations, provenanceOf(r)] });
      expect(await run(registry, 'sigstore', '1.0.0')).toMatchObject({ status: 'failed', code: 'DUPLICATE_ATTESTATION' });
    });

    it('an unverifiable attestation of an unknown type is ignored (and noted), not counted', async () => {
      const r = sigstore1();
      const unknown = { predicateType: 'https://example.com/sbom/v9', bundle: { mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.3' } };
      const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', { attestations: [...r.attestations, unknown] });
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report.status).toBe('verified');
      expect(report.artifacts[0]!.attestations).toHaveLength(2);
      expect(report.artifacts[0]!.detail).toContain('ignored https://example.com/sbom/v9: STATEMENT_INVALID');
    });

    it('dist.integrity missing while attestations are announced → INTEGRITY_UNSUPPORTED, nothing fetched', async () => {
      const p = advertise(packument('sigstore'), '1.0.0');
      delete p.versions['1.0.0'].dist.integrity;
      const registry = new FakeRegistry().packument(p).attestations('sigstore', '1.0.0', sigstore1());
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'INTEGRITY_UNSUPPORTED' });
      expect(report.artifacts[0]!.digest).toEqual({ algorithm: 'sha512', hex: '' });
      expect(registry.urls).toEqual([packumentUrl('sigstore')]);
    });

    it('dist.integrity sha1 only, attestations served → INTEGRITY_UNSUPPORTED; sha1 only and none served → absent', async () => {
      const p = packument('sigstore');
      p.versions['1.0.0'].dist.integrity = `sha1-${Buffer.from(p.versions['1.0.0'].dist.shasum, 'hex').toString('base64')}`;
      const served = await run(new FakeRegistry().packument(p).attestations('sigstore', '1.0.0', sigstore1()), 'sigstore', '1.0.0');
      expect(served).toMatchObject({ status: 'failed', code: 'INTEGRITY_UNSUPPORTED' });
      expect(served.artifacts[0]!.detail).toContain('no sha512');
      const none = await run(new FakeRegistry().packument(p), 'sigstore', '1.0.0');
      expect(none).toMatchObject({ status: 'absent', message: NO_PROVENANCE });
    });
  });

  describe('registry behaviour', () => {
    it('no version: resolves the latest dist-tag (sigstore → 5.0.1; the mirror has no attestations endpoint → absent)', async () => {
      const registry = new FakeRegistry().packument(packument('sigstore'));
      const report = await run(registry, 'sigstore');
      expect(report).toMatchObject({ version: '5.0.1', status: 'absent', message: NO_PROVENANCE });
      expect(report.artifacts[0]!.name).toBe('pkg:npm/sigstore@5.0.1');
      expect(registry.urls).toEqual([packumentUrl('sigstore'), attestationsUrl('sigstore', '5.0.1')]);
    });

    it('no version, latest pointing at a release with provenance → verified', async () => {
      const p = packument('tuf-js');
      p['dist-tags'].latest = '1.0.0';
      const report = await run(new FakeRegistry().packument(p).attestations('tuf-js', '1.0.0', tufjs1()), 'tuf-js');
      expect(report).toMatchObject({ version: '1.0.0', status: 'verified' });
    });

    it('attestations endpoint 404 and none announced → absent (lodash@4.17.21)', async () => {
      const report = await run(new FakeRegistry().packument(packument('lodash')), 'lodash', '4.17.21');
      expect(report).toMatchObject({ status: 'absent', message: NO_PROVENANCE });
      expect(report.artifacts[0]).toMatchObject({ name: 'pkg:npm/lodash@4.17.21', status: 'absent', attestations: [] });
      expect(report.artifacts[0]!.digest.hex).toMatch(/^[0-9a-f]{128}$/);
    });

    it('attestations endpoint 404 although the packument announces them → failed ATTESTATIONS_MISSING, retryable', async () => {
      const report = await run(new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0')), 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'failed', code: 'ATTESTATIONS_MISSING', retryable: true });
    });

    it('unknown version → error NOT_FOUND, not absent', async () => {
      const report = await run(new FakeRegistry().packument(packument('sigstore')), 'sigstore', '9.9.9');
      expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND', retryable: false, version: '9.9.9', artifacts: [] });
    });

    it('version recorded as missing in the mirror (@laurentsimon/provenance-npm-test@1.0.0 without the test-built entry) → NOT_FOUND', async () => {
      const report = await run(new FakeRegistry().packument(packument(LAURENT)), LAURENT, '1.0.0');
      expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
    });

    it('unknown package → error NOT_FOUND', async () => {
      expect(await run(new FakeRegistry(), 'no-such-package-xyz', '1.0.0')).toMatchObject({ status: 'error', code: 'NOT_FOUND', retryable: false });
    });

    it('invalid name or version → error INVALID_PACKAGE without any request', async () => {
      for (const [name, version] of [['../etc/passwd', '1.0.0'], ['sigstore', '1.0.0/../../x'], ['@scope', undefined]] as const) {
        const registry = new FakeRegistry();
        expect(await run(registry, name, version)).toMatchObject({ status: 'error', code: 'INVALID_PACKAGE' });
        expect(registry.urls).toEqual([]);
      }
    });

    it('500, then success → verified after one retry (sleep stubbed)', async () => {
      let calls = 0;
      const ok = json(sigstore1());
      const registry = new FakeRegistry().packument(packument('sigstore')).route(attestationsUrl('sigstore', '1.0.0'), (init) => (++calls === 1 ? status(500)(init) : ok(init)));
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report.status).toBe('verified');
      expect(calls).toBe(2);
      expect(registry.sleeps).toHaveLength(1);
    });

    it('500 forever → error SERVER_ERROR, retryable', async () => {
      const registry = new FakeRegistry().packument(packument('sigstore')).route(attestationsUrl('sigstore', '1.0.0'), status(500));
      const report = await run(registry, 'sigstore', '1.0.0');
      expect(report).toMatchObject({ status: 'error', code: 'SERVER_ERROR', retryable: true });
      expect(report.message).toMatch(/retry/);
      expect(report.artifacts[0]).toMatchObject({ status: 'error', code: 'SERVER_ERROR', retryable: true });
      expect(registry.urls.filter((u) => u.includes('/attestations/'))).toHaveLength(3);
    });

    it('no answer → error TIMEOUT, retryable', async () => {
      const hang = (init: RequestInit | undefined) =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      const registry = new FakeRegistry().packument(packument('sigstore')).route(attestationsUrl('sigstore', '1.0.0'), hang);
      const report = await run(registry, 'sigstore', '1.0.0', { timeoutMs: 20 });
      expect(report).toMatchObject({ status: 'error', code: 'TIMEOUT', retryable: true });
    });

    it('malformed JSON from the attestations endpoint → error MALFORMED_RESPONSE', async () => {
      const registry = new FakeRegistry().packument(packument('sigstore')).route(attestationsUrl('sigstore', '1.0.0'), json('{"attestations": [', 200));
      expect(await run(registry, 'sigstore', '1.0.0')).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE', retryable: false });
    });

    it('attestations response of the wrong shape → error MALFORMED_RESPONSE', async () => {
      const registry = new FakeRegistry().packument(packument('sigstore')).attestations('sigstore', '1.0.0', { attestations: { predicateType: SLSA_V02 } });
      expect(await run(registry, 'sigstore', '1.0.0')).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
    });

    it('packument for another package, or a version entry without dist → error MALFORMED_RESPONSE', async () => {
      const other = { ...packument('sigstore'), name: 'tuf-js' };
      const r1 = await run(new FakeRegistry().route(packumentUrl('sigstore'), json(other)), 'sigstore', '1.0.0');
      expect(r1).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
      const p = packument('sigstore');
      delete p.versions['1.0.0'].dist;
      const r2 = await run(new FakeRegistry().packument(p), 'sigstore', '1.0.0');
      expect(r2).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
    });

    it('oversized attestations response → error TOO_LARGE', async () => {
      const padded = JSON.stringify({ ...sigstore1(), padding: 'x'.repeat(40_000) });
      const registry = new FakeRegistry().packument(packument('sigstore')).route(attestationsUrl('sigstore', '1.0.0'), json(padded));
      const report = await run(registry, 'sigstore', '1.0.0', { maxBytes: 32_000 });
      expect(report).toMatchObject({ status: 'error', code: 'TOO_LARGE', retryable: false });
    });

    it('oversized packument → the single-version document is used instead', async () => {
      const p = packument('sigstore');
      const big = JSON.stringify({ ...p, padding: 'x'.repeat(40_000) });
      const registry = new FakeRegistry()
        .route(packumentUrl('sigstore'), json(big))
        .route(versionManifestUrl('sigstore', '1.0.0'), json(p.versions['1.0.0']))
        .attestations('sigstore', '1.0.0', sigstore1());
      const report = await run(registry, 'sigstore', '1.0.0', { maxBytes: 32_000 });
      expect(report.status).toBe('verified');
      expect(registry.urls).toEqual([packumentUrl('sigstore'), 'https://registry.npmjs.org/sigstore/1.0.0', attestationsUrl('sigstore', '1.0.0')]);
    });

    it('oversized packument and version document → error TOO_LARGE', async () => {
      const big = json(JSON.stringify({ padding: 'x'.repeat(40_000) }));
      const registry = new FakeRegistry().route(packumentUrl('sigstore'), big).route(versionManifestUrl('sigstore', 'latest'), big);
      const report = await run(registry, 'sigstore', undefined, { maxBytes: 32_000 });
      expect(report).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
    });
  });
});

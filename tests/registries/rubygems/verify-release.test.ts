import { describe, expect, it } from 'vitest';
import { ProvenantError } from '../../../lib/errors/provenant-error';
import { latestRecord, verifyRubygemsRelease } from '../../../lib/registries/rubygems/verify-release';
import { parseVersionList } from '../../../lib/registries/rubygems/schema';
import { GEM_MESSAGE_SIGNATURE } from '../../../lib/registries/rubygems/verify-attestation';
import { rubygemsReleaseReportSchema } from '../../../lib/report/model';
import { readFixtureJSON } from '../../support/fixtures';
import {
  ioConsoleJavaBundle,
  ioConsoleJavaSha,
  notFound,
  publicGood,
  replay,
  sha256Hex,
  sigstore023Attestations,
  sigstoreVersions,
  testGem,
  testGemBundle,
  versionRecord,
  type Answer,
} from './replay';

const VERSIONS = 'https://rubygems.org/api/v1/versions/sigstore.json';
const ATTESTATIONS_023 = 'https://rubygems.org/api/v1/attestations/sigstore-0.2.3.json';
const NOW = new Date('2026-12-06T10:00:00Z');

async function verify(ref: { name: string; version?: string; platform?: string }, table: Record<string, Answer>) {
  const r = replay(table);
  const report = await verifyRubygemsRelease(ref, { fetchJson: r.fetchJson, trust: publicGood(), now: NOW });
  // Whatever happened, the report has the model's shape.
  expect(rubygemsReleaseReportSchema.safeParse(report).success).toBe(true);
  return { report, requested: r.requested };
}

/** The recorded versions list with one record's fields replaced (the test says which and why). */
function sigstoreVersionsWith(number: string, fields: Record<string, unknown>) {
  return sigstoreVersions().map((v) => (v.number === number ? { ...v, ...fields } : v));
}

describe('verifyRubygemsRelease on recorded rubygems.org responses', () => {
  it('verifies sigstore 0.2.3: sha from the versions API, the bundle signed over it, GitHub Actions at the certificate ref', async () => {
    const { report, requested } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(requested).toEqual([VERSIONS, ATTESTATIONS_023]);
    expect(report.status).toBe('verified');
    expect(report.ecosystem).toBe('rubygems');
    expect(report.version).toBe('0.2.3');
    const [gem] = report.artifacts;
    expect(gem).toMatchObject({
      name: 'sigstore-0.2.3.gem',
      digest: { algorithm: 'sha256', hex: 'fe60a7b15254eaec765388fc7ad54ee6298f48a36bcea06173e91ecd7ce52c7f' },
      status: 'verified',
    });
    expect(gem!.attestations).toHaveLength(1);
    expect(gem!.attestations[0]).toMatchObject({ predicateType: GEM_MESSAGE_SIGNATURE, signer: 'certificate', tlog: [{ logIndex: '1076802761', kind: 'hashedrekord/0.0.1' }] });
    expect(report.identity).toMatchObject({
      publisherKind: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      subjectAlternativeName: 'https://github.com/sigstore/sigstore-ruby/.github/workflows/release.yml@refs/tags/v0.2.3',
      repositoryUrl: 'https://github.com/sigstore/sigstore-ruby',
      owner: 'sigstore',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v0.2.3',
    });
    // deps.dev verified the same attestation independently and names the same commit.
    const depsdev = readFixtureJSON<{ attestations: { commit: string; sourceRepository: string }[] }>('rubygems/api-recorded/depsdev_version_sigstore-0.2.3.json');
    expect(report.identity?.commit).toBe(depsdev.attestations[0]!.commit);
    expect(report.identity?.repositoryUrl).toBe(depsdev.attestations[0]!.sourceRepository);
  });

  it('resolves a version-less page to the latest release the versions list names', async () => {
    const { report } = await verify({ name: 'sigstore' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report.version).toBe('0.2.3');
    expect(report.status).toBe('verified');
  });

  it('fails when the versions API gives another sha256 than the bundle signs (one hex digit changed)', async () => {
    const real = 'fe60a7b15254eaec765388fc7ad54ee6298f48a36bcea06173e91ecd7ce52c7f';
    const { report } = await verify(
      { name: 'sigstore', version: '0.2.3' },
      { [VERSIONS]: sigstoreVersionsWith('0.2.3', { sha: `${real.slice(0, -1)}e` }), [ATTESTATIONS_023]: sigstore023Attestations() },
    );
    expect(report.status).toBe('failed');
    expect(report.code).toBe('SUBJECT_MISMATCH');
    expect(report.artifacts[0]!.identity).toBeUndefined();
  });

  it('fails when the bundle was altered (the signature no longer matches)', async () => {
    const [bundle] = sigstore023Attestations() as Record<string, any>[];
    const sig = Buffer.from(bundle!.messageSignature.signature, 'base64');
    sig[sig.length - 1] = sig[sig.length - 1]! ^ 1;
    bundle!.messageSignature.signature = sig.toString('base64');
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [bundle] });
    expect(report.status).toBe('failed');
    // The hashedrekord entry records the signature, so the log body no longer matches it.
    expect(report.code).toBe('TLOG_BODY_MISMATCH');
  });

  it('fails the whole gem when one of two attestations fails', async () => {
    const [good] = sigstore023Attestations() as Record<string, any>[];
    const { report } = await verify(
      { name: 'sigstore', version: '0.2.3' },
      { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [good, ioConsoleJavaBundle()] },
    );
    expect(report.status).toBe('failed');
    expect(report.code).toBe('SUBJECT_MISMATCH');
  });

  it('reports an unattested version as absent (recorded `[]` for rack 3.2.7)', async () => {
    // The rack versions list was not recorded: one record in the API's shape, sha of no real file needed.
    const { report } = await verify(
      { name: 'rack', version: '3.2.7' },
      {
        'https://rubygems.org/api/v1/versions/rack.json': [versionRecord({ number: '3.2.7', sha: 'a'.repeat(64) })],
        'https://rubygems.org/api/v1/attestations/rack-3.2.7.json': readFixtureJSON('rubygems/api-recorded/v1_attestations_rack-3.2.7.json'),
      },
    );
    expect(report.status).toBe('absent');
    expect(report.artifacts[0]!.status).toBe('absent');
  });
});

describe('the source repository the gem declares', () => {
  it('agrees: sigstore 0.2.3 names github.com/sigstore/sigstore-ruby as its homepage (recorded metadata)', async () => {
    const meta = (sigstoreVersions().find((v) => v.number === '0.2.3')!.metadata as Record<string, string>).homepage_uri;
    expect(meta).toBe('https://github.com/sigstore/sigstore-ruby');
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report.status).toBe('verified');
  });

  it('disagrees: a gem naming another repository fails, and says who did build it', async () => {
    const metadata = { source_code_uri: 'https://github.com/someone-else/sigstore-ruby', homepage_uri: 'https://sigstore.dev' };
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersionsWith('0.2.3', { metadata }), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report.status).toBe('failed');
    expect(report.code).toBe('SOURCE_REPOSITORY_MISMATCH');
    expect(report.detail).toContain('github.com/someone-else/sigstore-ruby');
    expect(report.detail).toContain('https://github.com/sigstore/sigstore-ruby');
    expect(report.identity).toBeUndefined();
    expect(report.artifacts[0]!.identity?.repositoryUrl).toBe('https://github.com/sigstore/sigstore-ruby');
  });

  it('a source_code_uri that differs only in case, `.git` or a /tree path still agrees', async () => {
    const metadata = { source_code_uri: 'https://github.com/Sigstore/Sigstore-Ruby.git/tree/main/lib' };
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersionsWith('0.2.3', { metadata }), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report.status).toBe('verified');
  });
});

describe('rubygems.org’s own test gem (real production bundle, 2024-08-19)', () => {
  const table = (sha: string) => ({
    // Not published on rubygems.org: its versions record is shaped, with the sha of the real .gem bytes.
    'https://rubygems.org/api/v1/versions/sigstore.json': [versionRecord({ number: '1.0.0', sha })],
    'https://rubygems.org/api/v1/attestations/sigstore-1.0.0.json': [testGemBundle()],
  });

  it('verifies end to end against the .gem’s sha256 and the public-good root in tests/fixtures', async () => {
    const { report } = await verify({ name: 'sigstore', version: '1.0.0' }, table(sha256Hex(testGem())));
    expect(report.status).toBe('verified');
    expect(report.identity).toMatchObject({
      subjectAlternativeName: 'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
      ref: 'refs/heads/main',
    });
  });

  it('fails for any other bytes', async () => {
    const other = Buffer.from(testGem());
    other[100] = other[100]! ^ 1;
    const { report } = await verify({ name: 'sigstore', version: '1.0.0' }, table(sha256Hex(other)));
    expect(report.status).toBe('failed');
    expect(report.code).toBe('SUBJECT_MISMATCH');
  });
});

describe('platform gems', () => {
  const URL_JAVA = 'https://rubygems.org/api/v1/attestations/io-console-0.8.0-java.json';
  // The io-console versions list was not recorded: java and ruby records in the API's shape; the java
  // record's sha is the digest the real bundle signs (the .gem's sha256, NOTES.md), the ruby one another.
  const versions = () => [
    versionRecord({ number: '0.8.0', platform: 'java', sha: ioConsoleJavaSha(), created_at: '2024-12-03T05:06:00.000Z', metadata: { source_code_uri: 'https://github.com/ruby/io-console' } }),
    versionRecord({ number: '0.8.0', sha: 'b'.repeat(64), created_at: '2024-12-03T05:05:00.000Z', metadata: { source_code_uri: 'https://github.com/ruby/io-console' } }),
  ];

  it('asks for the platform’s attestations and verifies them against the platform record’s sha', async () => {
    const { report, requested } = await verify(
      { name: 'io-console', version: '0.8.0', platform: 'java' },
      { 'https://rubygems.org/api/v1/versions/io-console.json': versions(), [URL_JAVA]: [ioConsoleJavaBundle()] },
    );
    expect(requested).toContain(URL_JAVA);
    expect(report.version).toBe('0.8.0-java');
    expect(report.artifacts[0]!.name).toBe('io-console-0.8.0-java.gem');
    expect(report.status).toBe('verified');
    expect(report.identity).toMatchObject({
      repositoryUrl: 'https://github.com/ruby/io-console',
      subjectAlternativeName: 'https://github.com/ruby/io-console/.github/workflows/push_gem.yml@refs/tags/v0.8.0',
    });
  });

  it('the pure-Ruby gem of the same version is another release, with its own sha', async () => {
    const { report } = await verify(
      { name: 'io-console', version: '0.8.0' },
      { 'https://rubygems.org/api/v1/versions/io-console.json': versions(), 'https://rubygems.org/api/v1/attestations/io-console-0.8.0.json': [ioConsoleJavaBundle()] },
    );
    expect(report.version).toBe('0.8.0');
    expect(report.status).toBe('failed');
    expect(report.code).toBe('SUBJECT_MISMATCH');
  });

  it('a platform the versions list does not have is not found', async () => {
    const { report } = await verify({ name: 'io-console', version: '0.8.0', platform: 'x86_64-linux' }, { 'https://rubygems.org/api/v1/versions/io-console.json': versions() });
    expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND', version: '0.8.0-x86_64-linux' });
  });
});

describe('malformed records and bundles', () => {
  it('skips versions records without a number or platform and still verifies the one asked for', async () => {
    const list = [{ platform: 'ruby', sha: 'c'.repeat(64) }, { number: 'not a version', platform: 'ruby' }, 17, ...sigstoreVersions()];
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: list, [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report.status).toBe('verified');
  });

  it('a record without sha whose version has attestations fails (nothing to bind them to)', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersionsWith('0.2.3', { sha: null }), [ATTESTATIONS_023]: sigstore023Attestations() });
    expect(report).toMatchObject({ status: 'failed', code: 'INTEGRITY_UNSUPPORTED' });
  });

  it('a record without sha and without attestations is absent', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersionsWith('0.2.3', { sha: 'not hex' }), [ATTESTATIONS_023]: [] });
    expect(report.status).toBe('absent');
  });

  it('repairs a tlog entry without kindVersion, as rubygems.org does, verifies, and says so', async () => {
    const [bundle] = sigstore023Attestations() as Record<string, any>[];
    delete bundle!.verificationMaterial.tlogEntries[0].kindVersion;
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [bundle] });
    expect(report.status).toBe('verified');
    expect(report.artifacts[0]!.detail).toMatch(/kindVersion/);
  });

  it('repairs a certificate stored as base64 of PEM, verifies, and says so', async () => {
    const [bundle] = sigstore023Attestations() as Record<string, any>[];
    const der: string = bundle!.verificationMaterial.certificate.rawBytes;
    const pem = `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    bundle!.verificationMaterial.certificate.rawBytes = Buffer.from(pem).toString('base64');
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [bundle] });
    expect(report.status).toBe('verified');
    expect(report.artifacts[0]!.detail).toMatch(/PEM/);
  });

  it('a repair cannot make a wrong certificate pass: another gem’s certificate as PEM fails', async () => {
    const [bundle] = sigstore023Attestations() as Record<string, any>[];
    const der: string = ioConsoleJavaBundle().verificationMaterial.certificate.rawBytes;
    bundle!.verificationMaterial.certificate.rawBytes = Buffer.from(`-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----`).toString('base64');
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [bundle] });
    expect(report.status).toBe('failed');
  });

  it('an attestations response that is not a list is a registry fault', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: { error: 'nope' } });
    expect(report).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
  });

  it('a bundle that is not a Sigstore bundle fails', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: [{ mediaType: 'text/plain' }] });
    expect(report).toMatchObject({ status: 'failed', code: 'MALFORMED_BUNDLE' });
  });

  it('too many attestations for one gem are refused before any is verified', async () => {
    const [bundle] = sigstore023Attestations();
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: Array(9).fill(bundle) });
    expect(report).toMatchObject({ status: 'error', code: 'TOO_LARGE' });
  });
});

describe('never throws: every failure is a coded report', () => {
  it('an invalid name or version is INVALID_GEM, with no request', async () => {
    for (const ref of [{ name: '../x' }, { name: 'sigstore', version: '1.0-beta' }, { name: 'sigstore', version: '1.0', platform: 'a b' }]) {
      const { report, requested } = await verify(ref, {});
      expect(report).toMatchObject({ status: 'error', code: 'INVALID_GEM' });
      expect(requested).toEqual([]);
    }
  });

  it('an unknown gem is NOT_FOUND, not absent', async () => {
    const { report } = await verify({ name: 'no-such-gem-here' }, { 'https://rubygems.org/api/v1/versions/no-such-gem-here.json': notFound('x') });
    expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND' });
  });

  it('a rate limit is a retryable error', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: new ProvenantError('registry', 'RATE_LIMITED', VERSIONS, { httpStatus: 429 }) });
    expect(report).toMatchObject({ status: 'error', code: 'RATE_LIMITED', retryable: true, version: '0.2.3' });
  });

  it('a 404 from the attestations API for a listed version is a retryable error, not "no provenance"', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: sigstoreVersions(), [ATTESTATIONS_023]: notFound(ATTESTATIONS_023) });
    expect(report).toMatchObject({ status: 'error', code: 'NOT_FOUND', retryable: true });
  });

  it('a versions response that is not a list is MALFORMED_RESPONSE', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: { versions: [] } });
    expect(report).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
  });

  it('an unexpected exception becomes INTERNAL_ERROR', async () => {
    const { report } = await verify({ name: 'sigstore', version: '0.2.3' }, { [VERSIONS]: new TypeError('boom') });
    expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR' });
    expect(report.detail).toContain('boom');
  });
});

describe('latestRecord (the release a version-less page shows)', () => {
  const rec = (number: string, platform = 'ruby') => ({ number, platform, sha256: undefined, createdAt: undefined, metadata: {}, problems: [] });

  it('picks the highest release, not a newer prerelease, and the pure-Ruby gem over platform builds', () => {
    expect(latestRecord([rec('1.9.0'), rec('2.0.0.rc1'), rec('1.10.0', 'java'), rec('1.10.0'), rec('1.10.0', 'x86_64-linux')])).toEqual(rec('1.10.0'));
  });

  it('takes a prerelease only when there is nothing else, and a platform build when only those exist', () => {
    expect(latestRecord([rec('1.0.0.beta1'), rec('1.0.0.rc1')])).toEqual(rec('1.0.0.rc1'));
    expect(latestRecord([rec('0.1.0', 'java'), rec('0.2.0', 'java')])).toEqual(rec('0.2.0', 'java'));
    expect(latestRecord([])).toBeUndefined();
  });

  it('on the recorded sigstore list is 0.2.3', () => {
    expect(latestRecord(parseVersionList(sigstoreVersions()).records)?.number).toBe('0.2.3');
  });
});

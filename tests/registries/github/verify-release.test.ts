import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWER_MS, memoryAttestationCache } from '../../../lib/registries/github/attestation-cache';
import { ERRORS } from '../../../lib/errors/vocabulary';
import { DIGEST_MISSING } from '../../../lib/registries/github/errors';
import { RELEASE_ATTESTER_SAN } from '../../../lib/registries/github/identity';
import { githubReleaseReportSchema, type GithubReleaseReport } from '../../../lib/registries/github/report';
import { NO_ATTESTATION, NO_PUBLIC_LOG } from '../../../lib/registries/github/verify-asset';
import { verifyGithubRelease, type GithubVerifyDeps } from '../../../lib/registries/github/verify-release';
import type { GithubReleaseRef } from '../../../lib/registries/github/page';
import {
  API,
  ATTEST_DEMO,
  BUNDLE_HOST_URL,
  COMMUNIQUE,
  DELME,
  FakeGithub,
  PRIVATE_DEMO,
  attestations,
  attestationsUrl,
  bundleText,
  CLI,
  release,
  releaseUrl,
  snappyOf,
  trust,
} from './github-fixtures';

// Real bundles and artifacts, shaped API answers around them: see github-fixtures.ts.
const NOW = new Date('2026-12-01T12:00:00Z');

async function run(ref: GithubReleaseRef, gh: FakeGithub, extra: Partial<GithubVerifyDeps> & { token?: string } = {}): Promise<GithubReleaseReport> {
  const { token, ...rest } = extra;
  const report = await verifyGithubRelease(ref, { client: gh.client(token), trust: trust(), now: NOW, ...rest });
  // Every report, whatever its status, is a valid report value.
  expect(githubReleaseReportSchema.parse(report)).toEqual(report);
  expect(report.checkedAt).toBe(NOW.toISOString());
  return report;
}

function delme(gh = new FakeGithub(), digest = DELME.digest()) {
  return gh
    .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
    .json(attestationsUrl(DELME.owner, DELME.repo, digest), attestations({ bundle: DELME.bundle() }));
}

describe('verifyGithubRelease: immutable-release attestations (GitHub\u2019s instance, no public log)', () => {
  it('verifies bdehamer/delme v6 against GitHub\u2019s trusted root and says in words that there is no public log entry', async () => {
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, delme());
    expect(report).toMatchObject({ ecosystem: 'github', package: 'bdehamer/delme', version: 'v6', status: 'verified' });
    const [asset] = report.artifacts;
    expect(asset).toMatchObject({ name: 'artifact.zip', status: 'verified', digest: { algorithm: 'sha256', hex: DELME.digest() }, noPublicLog: NO_PUBLIC_LOG });
    expect(asset!.noPublicLog).toMatch(/no public transparency-log entry/i);
    expect(asset!.noPublicLog).toMatch(/RFC 3161/);
    expect(asset!.attestations).toEqual([{ predicateType: 'https://in-toto.io/attestation/release/v0.1', signer: 'certificate', tlog: [], signedAt: '2025-05-30T20:13:39.000Z' }]);
    expect(asset!.identity).toEqual({
      publisherKind: 'github',
      subjectAlternativeName: RELEASE_ATTESTER_SAN,
      repositoryUrl: 'https://github.com/bdehamer/delme',
      repositoryId: '905988044',
      owner: 'bdehamer',
      ownerId: '398027',
      ref: 'refs/tags/v6',
      commit: DELME.commit,
    });
    expect(report.identity).toEqual(asset!.identity);
  });

  it('resolves /releases/latest to its tag (the version the verdict is about)', async () => {
    const gh = delme();
    gh.json(releaseUrl(DELME.owner, DELME.repo), release(DELME.tag, [{ name: DELME.asset, hex: DELME.digest() }]));
    const report = await run({ owner: DELME.owner, repo: DELME.repo }, gh);
    expect(report).toMatchObject({ version: 'v6', status: 'verified' });
  });

  it('verifies each asset of jdx/communique v0.1.9 (release v0.2 predicate) and one row per asset; an unattested extra asset makes it partial', async () => {
    const gh = new FakeGithub();
    const assets = COMMUNIQUE.assets();
    expect(assets).toHaveLength(5);
    const unattested = { name: 'communique.sha256sums', hex: 'ab'.repeat(32) };
    gh.json(releaseUrl(COMMUNIQUE.owner, COMMUNIQUE.repo, COMMUNIQUE.tag), release(COMMUNIQUE.tag, [...assets, unattested]));
    for (const a of assets) gh.json(attestationsUrl(COMMUNIQUE.owner, COMMUNIQUE.repo, a.hex), attestations({ bundle: COMMUNIQUE.bundle() }));
    gh.status(attestationsUrl(COMMUNIQUE.owner, COMMUNIQUE.repo, unattested.hex), 404);
    const report = await run({ owner: COMMUNIQUE.owner, repo: COMMUNIQUE.repo, tag: COMMUNIQUE.tag }, gh);
    expect(report.status).toBe('partial');
    expect(report.artifacts.map((a) => [a.name, a.status])).toEqual([...assets.map((a) => [a.name, 'verified']), [unattested.name, 'absent']]);
    expect(report.artifacts.at(-1)).toMatchObject({ message: NO_ATTESTATION });
    // One identity for the whole immutable release.
    expect(report.identity).toMatchObject({ repositoryUrl: 'https://github.com/jdx/communique', ref: 'refs/tags/v0.1.9' });
  });

  it('sets aside a release attestation about another tag of the same repository (the same bytes in another release)', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, 'v7'), release('v7', [{ name: DELME.asset, hex: DELME.digest() }]))
      .json(attestationsUrl(DELME.owner, DELME.repo, DELME.digest()), attestations({ bundle: DELME.bundle() }));
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: 'v7' }, gh);
    expect(report.status).toBe('absent');
    expect(report.artifacts[0]).toMatchObject({ status: 'absent', detail: expect.stringContaining('tag v6') });
  });
});

describe('verifyGithubRelease: actions/attest build provenance', () => {
  it('verifies a public-good attestation (reusable workflow) for malancas/attest-demo, with its log entry and no "no public log" words', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, 'v0.0.0'), release('v0.0.0', [{ name: ATTEST_DEMO.asset, hex: ATTEST_DEMO.digest() }]))
      .json(attestationsUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, ATTEST_DEMO.digest()), attestations({ bundle: ATTEST_DEMO.bundle() }));
    const report = await run({ owner: ATTEST_DEMO.owner, repo: ATTEST_DEMO.repo, tag: 'v0.0.0' }, gh);
    expect(report.status).toBe('verified');
    const [asset] = report.artifacts;
    expect(asset!.noPublicLog).toBeUndefined();
    expect(asset!.attestations[0]).toMatchObject({ predicateType: 'https://slsa.dev/provenance/v1', signer: 'certificate' });
    expect(asset!.attestations[0]!.tlog).toHaveLength(1);
    expect(asset!.identity).toMatchObject({
      publisherKind: 'github',
      issuer: 'https://token.actions.githubusercontent.com',
      repositoryUrl: 'https://github.com/malancas/attest-demo',
      workflowPath: '.github/workflows/shared.yml',
      buildSignerUri: 'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d',
      commit: '95baf27389e83e6a5c48f42e190d48d7abcea19e',
    });
  });

  it('verifies a private repository\u2019s attestation on GitHub\u2019s instance and says there is no public log entry', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl(PRIVATE_DEMO.owner, PRIVATE_DEMO.repo, 'v0.0.12'), release('v0.0.12', [{ name: PRIVATE_DEMO.asset, hex: PRIVATE_DEMO.digest() }]))
      .json(attestationsUrl(PRIVATE_DEMO.owner, PRIVATE_DEMO.repo, PRIVATE_DEMO.digest()), attestations({ bundle: PRIVATE_DEMO.bundle() }));
    const report = await run({ owner: PRIVATE_DEMO.owner, repo: PRIVATE_DEMO.repo, tag: 'v0.0.12' }, gh);
    expect(report.status).toBe('verified');
    expect(report.artifacts[0]).toMatchObject({ noPublicLog: NO_PUBLIC_LOG, identity: { repositoryUrl: 'https://github.com/actions/attest-demo', visibility: 'private' } });
  });
});

describe('verifyGithubRelease: failures', () => {
  it('fails an asset whose listed digest is not the attested one (SUBJECT_MISMATCH)', async () => {
    // The releases API lists the digest of the real _invalid.zip; GitHub serves the real artifact.zip attestation for it.
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, delme(new FakeGithub(), DELME.otherDigest()));
    expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    expect(report.artifacts[0]).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH', attestations: [] });
  });

  it('fails a valid release attestation for another repository (REPOSITORY_MISMATCH, not a pin mismatch)', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl('bdehamer', 'other', 'v6'), release('v6', [{ name: DELME.asset, hex: DELME.digest() }]))
      .json(attestationsUrl('bdehamer', 'other', DELME.digest()), attestations({ bundle: DELME.bundle() }));
    const report = await run({ owner: 'bdehamer', repo: 'other', tag: 'v6' }, gh);
    expect(report).toMatchObject({ status: 'failed', code: 'REPOSITORY_MISMATCH', message: ERRORS.release.REPOSITORY_MISMATCH.sentence });
    expect(report.artifacts[0]!.detail).toContain('bdehamer/delme');
  });

  it('fails valid build provenance from another repository', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl('someone', 'else', 'v1'), release('v1', [{ name: ATTEST_DEMO.asset, hex: ATTEST_DEMO.digest() }]))
      .json(attestationsUrl('someone', 'else', ATTEST_DEMO.digest()), attestations({ bundle: ATTEST_DEMO.bundle() }));
    const report = await run({ owner: 'someone', repo: 'else', tag: 'v1' }, gh);
    expect(report).toMatchObject({ status: 'failed', code: 'REPOSITORY_MISMATCH' });
    expect(report.artifacts[0]!.detail).toContain('malancas/attest-demo');
  });

  it('compares owner and repository case-insensitively, as GitHub does', async () => {
    const gh = new FakeGithub()
      .json(releaseUrl('BDehamer', 'DelMe', DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: DELME.digest() }]))
      .json(attestationsUrl('BDehamer', 'DelMe', DELME.digest()), attestations({ bundle: DELME.bundle() }));
    expect((await run({ owner: 'BDehamer', repo: 'DelMe', tag: DELME.tag }, gh)).status).toBe('verified');
  });

  it('fails one valid and one tampered attestation for the same asset (strict: a failed check fails the asset)', async () => {
    const tampered = bundleText(CLI, 'sigstoreBundle-invalid-signature.json');
    const gh = new FakeGithub()
      .json(releaseUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, 'v0.0.0'), release('v0.0.0', [{ name: ATTEST_DEMO.asset, hex: ATTEST_DEMO.digest() }]))
      .json(attestationsUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, ATTEST_DEMO.digest()), attestations({ bundle: ATTEST_DEMO.bundle() }, { bundle: JSON.parse(tampered) }));
    const report = await run({ owner: ATTEST_DEMO.owner, repo: ATTEST_DEMO.repo, tag: 'v0.0.0' }, gh);
    expect(report.status).toBe('failed');
    expect(report.artifacts[0]!.attestations).toHaveLength(1);
  });

  it('does not verify GitHub-instance bundles without GitHub\u2019s root (public-good in its place)', async () => {
    const t = trust();
    const report = await verifyGithubRelease(
      { owner: DELME.owner, repo: DELME.repo, tag: DELME.tag },
      { client: delme().client(), trust: { publicGood: t.publicGood, github: t.publicGood }, now: NOW },
    );
    expect(report.status).toBe('failed');
    expect(report.artifacts[0]!.code).toMatch(/^(TLOG_MISSING|CERT_CHAIN_UNTRUSTED|TIMESTAMP_INVALID)$/);
  });

  it('reports an asset without a digest as absent, and the release as partial beside a verified one', async () => {
    const gh = delme();
    gh.json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: DELME.digest() }, { name: 'old-upload.tar.gz', hex: null }]));
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh);
    expect(report.status).toBe('partial');
    expect(report.artifacts[1]).toMatchObject({ name: 'old-upload.tar.gz', status: 'absent', message: DIGEST_MISSING, digest: { hex: '' } });
  });

  it('answers a missing release, an invalid reference and a malformed answer with codes', async () => {
    const gh = new FakeGithub().status(releaseUrl('a', 'b', 'v1'), 404).json(releaseUrl('a', 'c', 'v1'), { tag_name: 'v1', assets: 'none' });
    expect(await run({ owner: 'a', repo: 'b', tag: 'v1' }, gh)).toMatchObject({ status: 'error', code: 'RELEASE_NOT_FOUND', artifacts: [] });
    expect(await run({ owner: 'a', repo: 'c', tag: 'v1' }, gh)).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
    expect(await run({ owner: '-bad', repo: 'c', tag: 'v1' }, gh)).toMatchObject({ status: 'error', code: 'INVALID_RELEASE' });
    // A release answer for another tag than the page's is refused.
    gh.json(releaseUrl('a', 'd', 'v1'), release('v2', []));
    expect(await run({ owner: 'a', repo: 'd', tag: 'v1' }, gh)).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
  });
});

describe('verifyGithubRelease: bundle_url (snappy) and the token', () => {
  it('fetches bundle_url without credentials or token, decompresses it and verifies; the token goes only to api.github.com', async () => {
    const digest = DELME.digest();
    const gh = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
      .json(attestationsUrl(DELME.owner, DELME.repo, digest), attestations({ bundle: null, bundle_url: BUNDLE_HOST_URL }))
      .bytes(BUNDLE_HOST_URL, snappyOf(bundleText(CLI, 'github_release_bundle.json')));
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh, { token: 'ghp_test' });
    expect(report.status).toBe('verified');
    const [bundleCall] = gh.callsTo('https://tmaproduction.blob.core.windows.net/');
    expect(bundleCall).toBeDefined();
    expect(Object.keys(bundleCall!.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(bundleCall!.credentials).toBe('omit');
    const apiCalls = gh.callsTo(`${API}/`);
    expect(apiCalls).toHaveLength(2);
    for (const c of apiCalls) expect(c.headers.authorization).toBe('Bearer ghp_test');
    expect(gh.calls).toHaveLength(3);
  });

  it('sends no authorization header at all without a token', async () => {
    const gh = delme();
    await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh);
    for (const c of gh.calls) expect(c.headers.authorization).toBeUndefined();
  });

  it('refuses a bundle_url on an unknown host without contacting it, and an undecodable body', async () => {
    const digest = DELME.digest();
    const gh = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
      .json(attestationsUrl(DELME.owner, DELME.repo, digest), attestations({ bundle: null, bundle_url: 'https://attacker.example/b' }));
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh, { token: 'ghp_test' });
    expect(report.artifacts[0]).toMatchObject({ status: 'failed', code: 'BUNDLE_UNREADABLE' });
    expect(gh.callsTo('https://attacker.example')).toEqual([]);

    const garbled = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
      .json(attestationsUrl(DELME.owner, DELME.repo, digest), attestations({ bundle: null, bundle_url: BUNDLE_HOST_URL }))
      .bytes(BUNDLE_HOST_URL, new TextEncoder().encode(bundleText(CLI, 'github_release_bundle.json')));
    expect((await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, garbled)).artifacts[0]).toMatchObject({ status: 'failed', code: 'BUNDLE_UNREADABLE' });
  });
});

describe('verifyGithubRelease: rate limit and cache', () => {
  // GitHub's documented primary-rate-limit answer: 403 with x-ratelimit-remaining 0 and the reset time (shaped).
  const LIMITED = { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-12-01T12:40:00Z') / 1000) };
  const BODY = JSON.stringify({ message: 'API rate limit exceeded for 192.0.2.1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' });

  it('answers an exhausted limit with a coded, retryable error that says so', async () => {
    const gh = new FakeGithub().status(releaseUrl(DELME.owner, DELME.repo, DELME.tag), 403, LIMITED, BODY);
    const report = await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh);
    expect(report).toMatchObject({ status: 'error', code: 'GITHUB_RATE_LIMITED', retryable: true });
    expect(report.message).toMatch(/60 requests an hour/);
    expect(report.detail).toContain('2026-12-01T12:40:00.000Z');
  });

  it('gives the same error when the limit runs out on an asset\u2019s attestations (429 too); a plain 403 is not a limit', async () => {
    const digest = DELME.digest();
    const gh = new FakeGithub()
      .json(releaseUrl(DELME.owner, DELME.repo, DELME.tag), release(DELME.tag, [{ name: DELME.asset, hex: digest }]))
      .status(attestationsUrl(DELME.owner, DELME.repo, digest), 429, { 'retry-after': '60' }, BODY);
    expect(await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh)).toMatchObject({ status: 'error', code: 'GITHUB_RATE_LIMITED', retryable: true });
    gh.status(attestationsUrl(DELME.owner, DELME.repo, digest), 403);
    expect(await run({ owner: DELME.owner, repo: DELME.repo, tag: DELME.tag }, gh)).toMatchObject({ status: 'error', code: 'API_ERROR' });
  });

  it('asks for a digest\u2019s attestations once; an empty answer is asked again after EMPTY_ANSWER_MS', async () => {
    const cache = memoryAttestationCache();
    const gh = delme();
    const ref = { owner: DELME.owner, repo: DELME.repo, tag: DELME.tag };
    expect((await run(ref, gh, { cache })).status).toBe('verified');
    expect((await run(ref, gh, { cache })).status).toBe('verified');
    expect(gh.callsTo(`${API}/repos/bdehamer/delme/attestations/`)).toHaveLength(1);

    const empty = new FakeGithub()
      .json(releaseUrl('a', 'b', 'v1'), release('v1', [{ name: 'x', hex: 'cd'.repeat(32) }]))
      .status(attestationsUrl('a', 'b', 'cd'.repeat(32)), 404);
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const deps = (now: Date) => ({ client: empty.client(), trust: trust(), cache, now });
    await verifyGithubRelease({ owner: 'a', repo: 'b', tag: 'v1' }, deps(at(0)));
    await verifyGithubRelease({ owner: 'a', repo: 'b', tag: 'v1' }, deps(at(EMPTY_ANSWER_MS - 1)));
    expect(empty.callsTo(`${API}/repos/a/b/attestations/`)).toHaveLength(1);
    await verifyGithubRelease({ owner: 'a', repo: 'b', tag: 'v1' }, deps(at(EMPTY_ANSWER_MS)));
    expect(empty.callsTo(`${API}/repos/a/b/attestations/`)).toHaveLength(2);
  });
});

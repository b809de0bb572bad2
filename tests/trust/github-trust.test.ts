import { describe, expect, it } from 'vitest';
import { GITHUB_TRUST_PROFILE, GITHUB_TUF_ORIGIN, githubTrustService, loadGithubTrustedRoot } from '../../lib/trust/github-trust';
import { parseGithubSeed } from '../../lib/trust/github-seed';
import { GITHUB_TRUST_SEED, loadGithubSeed } from '../support/github-seed';
import type { TrustRecord } from '../../lib/trust/stored-trust';
import { TrustService, type TrustStore } from '../../lib/trust/trust-service';
import type { TrustProfile } from '../../lib/trust/trust-profile';
import { loadTrustedRoot } from '../../lib/verify/trust-root';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { isProvenantError } from '../../lib/errors/provenant-error';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { readFixture, readFixtureJSON } from '../support/fixtures';
import { CLOCK, REPO, repoFile, serve, sha256 } from './tuf-repo';

const CLI = 'github/cli';
const releaseBundle = () => readFixtureJSON<Record<string, unknown>>(CLI, 'github_release_bundle.json');
const artifact = (name: string) => ({ kind: 'bytes' as const, bytes: new Uint8Array(readFixture(CLI, name)) });

function memoryStore(): TrustStore & { value: unknown } {
  const store = {
    value: {} as unknown,
    async read() {
      return structuredClone(store.value);
    },
    async write(record: TrustRecord) {
      store.value = structuredClone(record);
    },
  };
  return store;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (isProvenantError(e, 'verify')) return e.code;
    throw e;
  }
  return undefined;
}

describe('GitHub\u2019s trust seed (built by scripts/github-trust-seed.mjs)', () => {
  it('is the recorded tuf-repo.github.com root and trusted root, unchanged in content', () => {
    expect(JSON.parse(GITHUB_TRUST_SEED.root)).toEqual(readFixtureJSON('trusted-roots/github/tuf-root.tuf-repo.github.com.json'));
    expect(JSON.parse(GITHUB_TRUST_SEED.targets.trustedRoot)).toEqual(readFixtureJSON('trusted-roots/github/trusted_root_github.json'));
  });

  it('loads as material with no public log: no transparency logs, no CT logs', () => {
    const trust = loadGithubTrustedRoot(GITHUB_TRUST_SEED.targets.trustedRoot);
    expect(trust).toMatchObject({ name: 'github', publicLog: false });
    expect(trust.material.tlogs).toEqual([]);
    expect(trust.material.ctlogs).toEqual([]);
    expect(trust.material.timestampAuthorities.length).toBeGreaterThan(0);
  });
});

describe('reading GitHub\u2019s packaged seed', () => {
  const seedFile = () => ({ tufRoot: readFixtureJSON<Record<string, unknown>>('trusted-roots/github/tuf-root.tuf-repo.github.com.json'), trustedRoot: readFixtureJSON<Record<string, unknown>>('trusted-roots/github/trusted_root_github.json') });
  const seedCode = (json: unknown) => codeOf(() => parseGithubSeed(json));

  it('refuses a file that is not a TUF root and a trusted root as TRUST_ROOT_INVALID', () => {
    expect(seedCode(seedFile())).toBeUndefined();
    expect(seedCode(undefined)).toBe('TRUST_ROOT_INVALID');
    expect(seedCode({ ...seedFile(), tufRoot: { signed: { ...(seedFile().tufRoot.signed as object), _type: 'timestamp' } } })).toBe('TRUST_ROOT_INVALID');
    expect(seedCode({ ...seedFile(), trustedRoot: { ...seedFile().trustedRoot, mediaType: 'application/json' } })).toBe('TRUST_ROOT_INVALID');
    expect(seedCode({ trustedRoot: seedFile().trustedRoot })).toBe('TRUST_ROOT_INVALID');
  });

  it('is read only when GitHub trust is first needed, and once', async () => {
    let reads = 0;
    const service = githubTrustService({ store: memoryStore(), fetch: async () => undefined, loadSeed: async () => (reads++, GITHUB_TRUST_SEED), now: () => new Date('2026-12-01T00:00:00Z') });
    expect(reads).toBe(0);
    await service.current();
    await service.status();
    expect(reads).toBe(1);
  });

  it('gives nothing to verify with when the seed cannot be read, and tries again on the next use', async () => {
    let fail = true;
    const loadSeed = async () => (fail ? parseGithubSeed({}) : GITHUB_TRUST_SEED);
    const service = githubTrustService({ store: memoryStore(), fetch: async () => undefined, loadSeed, now: () => new Date('2026-12-01T00:00:00Z') });
    const error = await service.current().then(() => undefined, (e: unknown) => e);
    expect(isProvenantError(error, 'verify') && error.code).toBe('TRUST_ROOT_INVALID');
    expect(await service.refreshIfDue('start')).toBeUndefined();
    expect(await service.refresh('user')).toMatchObject({ ok: false });
    fail = false;
    expect(await service.current()).toMatchObject({ name: 'github', publicLog: false });
  });

  it('outside the extension (no packaged file to fetch) is TRUST_ROOT_INVALID, never a seed', async () => {
    const service = githubTrustService({ store: memoryStore(), fetch: async () => undefined });
    const error = await service.current().then(() => undefined, (e: unknown) => e);
    expect(isProvenantError(error, 'verify') && error.code).toBe('TRUST_ROOT_INVALID');
  });
});

describe('the pipeline on an instance without a public log', () => {
  const github = () => loadGithubTrustedRoot(GITHUB_TRUST_SEED.targets.trustedRoot);

  it('verifies the real immutable-release attestation by its RFC 3161 timestamp, with no log entry', () => {
    const result = verifyBundle(releaseBundle(), { trust: github(), artifact: artifact('github_release_artifact.zip') });
    expect(result.tlogEntries).toEqual([]);
    expect(result.timestamps).toEqual([{ source: 'timestamp-authority', time: '2025-05-30T20:13:39.000Z' }]);
    expect(result.statement?.predicateType).toBe('https://in-toto.io/attestation/release/v0.1');
  });

  it('binds it to the artifact: the other zip fails', () => {
    expect(codeOf(() => verifyBundle(releaseBundle(), { trust: github(), artifact: artifact('github_release_artifact_invalid.zip') }))).toBe('SUBJECT_MISMATCH');
  });

  it('requires the RFC 3161 timestamp there, and says why', () => {
    const bundle = releaseBundle() as { verificationMaterial: { timestampVerificationData?: unknown } };
    delete bundle.verificationMaterial.timestampVerificationData;
    expect(() => verifyBundle(bundle, { trust: github(), artifact: artifact('github_release_artifact.zip') })).toThrow(
      expect.objectContaining({ code: 'TIMESTAMP_INVALID', detail: expect.stringMatching(/no RFC 3161 timestamp.*without a public transparency log/) }),
    );
  });

  it('keeps public-good rules where the root has a log: the same bundle fails there, and the same root without the flag fails too', () => {
    expect(codeOf(() => verifyBundle(releaseBundle(), { trust: publicGoodTrust(), artifact: artifact('github_release_artifact.zip') }))).toBe('TLOG_MISSING');
    const unflagged = loadTrustedRoot(GITHUB_TRUST_SEED.targets.trustedRoot, { name: 'github without the flag' });
    expect(codeOf(() => verifyBundle(releaseBundle(), { trust: unflagged, artifact: artifact('github_release_artifact.zip') }))).toBe('TLOG_MISSING');
  });

  it('does not accept a public-good bundle against GitHub\u2019s root', () => {
    const bundle = readFixtureJSON(CLI, 'sigstore-js-2.1.0-bundle.json');
    expect(codeOf(() => verifyBundle(bundle, { trust: github(), artifact: artifact('sigstore-js-2.1.0.tgz') }))).toMatch(/^(CERT_CHAIN_UNTRUSTED|TIMESTAMP_INVALID|TLOG_PROOF_INVALID)$/);
  });
});

describe('GitHub\u2019s TrustService', () => {
  it('starts from the embedded seed (root v9) and hands out material with no public log', async () => {
    const service = githubTrustService({ store: memoryStore(), fetch: async () => undefined, loadSeed: loadGithubSeed, now: () => new Date('2026-12-01T00:00:00Z') });
    expect(await service.status()).toMatchObject({ source: 'embedded', rootVersion: 9, expires: '2027-01-28T20:18:53.000Z' });
    expect(await service.current()).toMatchObject({ name: 'github', publicLog: false });
  });

  it('asks tuf-repo.github.com, and a failed refresh leaves the seed in use', async () => {
    const requested: string[] = [];
    const store = memoryStore();
    const service = githubTrustService({
      store,
      loadSeed: loadGithubSeed,
      fetchImpl: async (url) => {
        requested.push(url);
        return new Response('', { status: 404 });
      },
      now: () => new Date('2026-12-01T00:00:00Z'),
    });
    const outcome = await service.refresh('user');
    expect(outcome).toMatchObject({ ok: false, code: 'TARGET_MISSING' });
    expect(requested).toEqual([`${GITHUB_TUF_ORIGIN}/10.root.json`, `${GITHUB_TUF_ORIGIN}/timestamp.json`]);
    expect(await service.status()).toMatchObject({ source: 'embedded', rootVersion: 9, lastAttempt: { ok: false, code: 'TARGET_MISSING' } });
  });
});

describe('a TrustService profile with one target (as GitHub\u2019s), on the recorded Sigstore repository', () => {
  // GitHub's repository could not be recorded beyond its root; the recorded Sigstore
  // repository stands in to show a one-target profile refreshes through the same flow.
  const oneTarget: TrustProfile = { name: 'one-target', targetPaths: { trustedRoot: 'trusted_root.json' }, load: (t) => loadTrustedRoot(t.trustedRoot, { name: 'one-target' }) };

  it('downloads only that target (no npm delegation) and uses it', async () => {
    const repo = serve(REPO.current);
    const seedRoot = repoFile(REPO.older, '13.root.json');
    const oldTrustedRoot = repoFile(REPO.older, 'targets/6a0c056d20e3e5a7c04f55c2d1f296e7e422edbbf73bf93d36fb8fd2bfe3fcce.trusted_root.json');
    const store = memoryStore();
    const service = new TrustService({ seed: { root: seedRoot, targets: { trustedRoot: oldTrustedRoot } }, store, fetch: repo.fetch, now: () => CLOCK.current, profile: oneTarget });
    const outcome = await service.refresh('user');
    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect(repo.requests.some((p) => p.includes('registry.npmjs.org'))).toBe(false);
    const stored = (store.value as TrustRecord).refreshed!;
    expect(Object.keys(stored.targets)).toEqual(['trustedRoot']);
    expect(sha256(stored.targets.trustedRoot!)).toBe('6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66');
    expect(await service.status()).toMatchObject({ source: 'refreshed', rootVersion: 15 });
    expect((await service.current()).name).toBe('one-target');
  });

  it('ignores a stored record that lacks a target its profile needs', async () => {
    const store = memoryStore();
    store.value = {
      refreshed: { state: { root: GITHUB_TRUST_SEED.root }, targets: { npmKeys: '{}' }, versions: { root: 99, timestamp: 1, snapshot: 1, targets: 1 }, refreshedAt: '2026-12-01T00:00:00Z', expires: '2027-01-01T00:00:00Z' },
    };
    const service = githubTrustService({ store, fetch: async () => undefined, loadSeed: loadGithubSeed });
    expect(await service.status()).toMatchObject({ source: 'embedded', rootVersion: 9 });
    expect(GITHUB_TRUST_PROFILE.targetPaths).toEqual({ trustedRoot: 'trusted_root.json' });
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TrustService, type TrustSeed, type TrustStore } from '../../lib/trust/trust-service';
import type { TrustRecord } from '../../lib/trust/stored-trust';
import { TRUST_REFRESH_FAILED, verifyWithLiveTrust } from '../../lib/trust/verify-with-trust';
import { tufFetcher, type TufFetch } from '../../lib/trust/tuf-fetch';
import type { ReleaseReport } from '../../lib/report/model';
import type { TrustContext } from '../../lib/verify/trust-root';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { readFixtureJSON } from '../support/fixtures';
import { CLOCK, REPO, repoFile, serve } from './tuf-repo';
import { ProvenantError, isProvenantError } from '../../lib/errors/provenant-error';

const OLD_TRUSTED_ROOT = '6a0c056d20e3e5a7c04f55c2d1f296e7e422edbbf73bf93d36fb8fd2bfe3fcce';
const NPM_KEYS = '160677eb6e1c7083c89b166b20f8fe4e837fb71181506aff1991b80b89184f7d';

/** A seed like the one an extension built in October 2025 would embed. */
const olderSeed = (): TrustSeed => ({
  root: repoFile(REPO.older, '13.root.json'),
  targets: {
    trustedRoot: repoFile(REPO.older, `targets/${OLD_TRUSTED_ROOT}.trusted_root.json`),
    npmKeys: readFileSync(`${REPO.current}/targets/registry.npmjs.org/${NPM_KEYS}.keys.json`, 'utf8'),
  },
});

function memoryStore(): TrustStore & { value: unknown; writes: number } {
  const store = {
    value: {} as unknown,
    writes: 0,
    async read() {
      return structuredClone(store.value);
    },
    async write(record: TrustRecord) {
      store.value = structuredClone(record);
      store.writes++;
    },
  };
  return store;
}

class Clock {
  constructor(public t: number) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

const down: TufFetch = tufFetcher({ fetchImpl: async () => Promise.reject(new TypeError('Failed to fetch')) });

function counting(fetch: TufFetch): TufFetch & { calls: number } {
  const f = Object.assign(async (path: string, max: number) => {
    f.calls++;
    return fetch(path, max);
  }, { calls: 0 });
  return f;
}

const rekorV2 = () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json');

/** A release whose one artifact is the Rekor v2 DSSE bundle, verified like an adapter does it. */
async function verifyRelease(trust: TrustContext): Promise<ReleaseReport> {
  const base = { ecosystem: 'npm' as const, package: 'demo', version: '1.0.0', checkedAt: new Date(0).toISOString() };
  const artifact = { name: 'pkg:npm/demo@1.0.0', digest: { algorithm: 'sha512' as const, hex: '00' }, attestations: [] };
  try {
    verifyBundle(rekorV2(), { trust });
    return { ...base, status: 'verified', artifacts: [{ ...artifact, status: 'verified' }] };
  } catch (e) {
    if (!(isProvenantError(e, 'verify'))) throw e;
    return { ...base, status: 'failed', code: e.code, artifacts: [{ ...artifact, status: 'failed', code: e.code }] };
  }
}

describe('TrustService', () => {
  it('starts from the seed, refreshes at start, and keeps the refresh across a worker restart', async () => {
    const store = memoryStore();
    const clock = new Clock(CLOCK.current.getTime());
    const first = new TrustService({ seed: olderSeed(), store, fetch: serve(REPO.current).fetch, now: clock.now });
    expect(await first.status()).toMatchObject({ source: 'embedded', rootVersion: 13 });
    expect((await verifyRelease(await first.current())).status).toBe('failed');

    expect(await first.refreshIfDue('start')).toMatchObject({ ok: true, attempted: true, changed: true });
    expect(await first.status()).toMatchObject({ source: 'refreshed', rootVersion: 15, targetsVersion: 14, timestampVersion: 762, expired: false, lastAttempt: { ok: true, reason: 'start' } });
    expect((await verifyRelease(await first.current())).status).toBe('verified');

    const restarted = new TrustService({ seed: olderSeed(), store, fetch: down, now: clock.now });
    expect((await restarted.status()).source).toBe('refreshed');
    expect((await verifyRelease(await restarted.current())).status).toBe('verified');
  });

  it('schedule: not again within a day of a success; failures retried at most hourly', async () => {
    const store = memoryStore();
    const clock = new Clock(CLOCK.current.getTime() - 2 * 24 * 3600_000);
    const fetch = counting(serve(REPO.current).fetch);
    const service = new TrustService({ seed: olderSeed(), store, fetch, now: clock.now });
    await service.refreshIfDue('start');
    const afterFirst = fetch.calls;
    expect(afterFirst).toBeGreaterThan(0);
    clock.advance(23 * 3600_000);
    expect(await service.refreshIfDue('schedule')).toBeUndefined();
    expect(fetch.calls).toBe(afterFirst);
    clock.advance(2 * 3600_000);
    expect(await service.refreshIfDue('schedule')).toMatchObject({ ok: true });
    expect(fetch.calls).toBeGreaterThan(afterFirst);

    const offline = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: counting(down), now: clock.now });
    expect(await offline.refreshIfDue('start')).toMatchObject({ ok: false, code: 'NETWORK' });
    clock.advance(59 * 60_000);
    expect(await offline.refreshIfDue('schedule')).toBeUndefined();
    clock.advance(2 * 60_000);
    expect(await offline.refreshIfDue('schedule')).toMatchObject({ ok: false, attempted: true });
  });

  it('on demand: at most once per ten minutes', async () => {
    const clock = new Clock(CLOCK.current.getTime());
    const fetch = counting(down);
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch, now: clock.now });
    expect(await service.refreshOnDemand()).toMatchObject({ ok: false, attempted: true });
    const calls = fetch.calls;
    clock.advance(9 * 60_000);
    expect(await service.refreshOnDemand()).toMatchObject({ ok: false, attempted: false });
    expect(fetch.calls).toBe(calls);
    clock.advance(2 * 60_000);
    expect(await service.refreshOnDemand()).toMatchObject({ attempted: true });
    expect(fetch.calls).toBeGreaterThan(calls);
  });

  it('expired metadata is refused and the last good material stays in use', async () => {
    const store = memoryStore();
    const clock = new Clock(CLOCK.current.getTime());
    const service = new TrustService({ seed: olderSeed(), store, fetch: serve(REPO.current).fetch, now: clock.now });
    await service.refresh('user');
    clock.t = CLOCK.afterCurrent.getTime();
    expect(await service.refresh('user')).toMatchObject({ ok: false, code: 'EXPIRED' });
    expect(await service.status()).toMatchObject({ source: 'refreshed', rootVersion: 15, expired: true, lastAttempt: { ok: false, code: 'EXPIRED' } });
    expect((await verifyRelease(await service.current())).status).toBe('verified');
  });

  it('never older than the embedded seed: a refresh under an older root is ignored after an upgrade', async () => {
    const store = memoryStore();
    const old = new TrustService({ seed: olderSeed(), store, fetch: serve(REPO.older).fetch, now: () => CLOCK.older });
    await old.refresh('user');
    expect(await old.status()).toMatchObject({ source: 'refreshed', rootVersion: 13 });
    const seed15: TrustSeed = {
      root: repoFile(REPO.current, '15.root.json'),
      targets: {
        trustedRoot: repoFile(REPO.current, 'targets/6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66.trusted_root.json'),
        npmKeys: olderSeed().targets.npmKeys,
      },
    };
    const upgraded = new TrustService({ seed: seed15, store, fetch: down, now: () => CLOCK.older });
    expect(await upgraded.status()).toMatchObject({ source: 'embedded', rootVersion: 15 });
    expect((await verifyRelease(await upgraded.current())).status).toBe('verified');
  });

  it('after an upgrade to a newer seed, the stored timestamp still refuses a rollback to older metadata', async () => {
    const store = memoryStore();
    const seed15: TrustSeed = { root: repoFile(REPO.current, '15.root.json'), targets: olderSeed().targets };
    await new TrustService({ seed: seed15, store, fetch: serve(REPO.current).fetch, now: () => CLOCK.current }).refresh('user');
    const seed16: TrustSeed = { root: readFileSync(REPO.seed16, 'utf8'), targets: olderSeed().targets };
    const upgraded = new TrustService({ seed: seed16, store, fetch: serve(REPO.older).fetch, now: () => CLOCK.older });
    expect(await upgraded.status()).toMatchObject({ source: 'embedded', rootVersion: 16 });
    expect(await upgraded.refresh('user')).toMatchObject({ ok: false, code: 'ROLLBACK' });
  });

  it('ignores a stored record that does not parse', async () => {
    const store = memoryStore();
    store.value = { refreshed: { state: 'nonsense' } };
    const service = new TrustService({ seed: olderSeed(), store, fetch: down, now: () => CLOCK.current });
    expect((await service.status()).source).toBe('embedded');
  });
});

describe('verifyWithLiveTrust', () => {
  it('unknown log → refresh → verified on the second try', async () => {
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: serve(REPO.current).fetch, now: () => CLOCK.current });
    let runs = 0;
    const report = await verifyWithLiveTrust((t) => (runs++, verifyRelease(t)), service);
    expect(report.status).toBe('verified');
    expect(runs).toBe(2);
  });

  it('unknown log and the repository down → error "trust material could not be refreshed", not failed', async () => {
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: down, now: () => CLOCK.current });
    const report = await verifyWithLiveTrust(verifyRelease, service);
    expect(report).toMatchObject({ status: 'error', code: TRUST_REFRESH_FAILED, retryable: true });
    expect(report.message).toMatch(/trust material could not be refreshed/i);
    expect(report.artifacts[0]).toMatchObject({ status: 'error', code: TRUST_REFRESH_FAILED });
  });

  // The bundle names the Rekor v2 log the older root lacks; altered, it must not hide behind that log (grey "could not decide").
  const tampered = (alter: (bundle: Record<string, any>) => void) => async (trust: TrustContext): Promise<ReleaseReport> => {
    const base = { ecosystem: 'npm' as const, package: 'demo', version: '1.0.0', checkedAt: new Date(0).toISOString() };
    const artifact = { name: 'pkg:npm/demo@1.0.0', digest: { algorithm: 'sha512' as const, hex: '00' }, attestations: [] };
    const bundle = rekorV2() as Record<string, any>;
    alter(bundle);
    try {
      verifyBundle(bundle, { trust });
      return { ...base, status: 'verified', artifacts: [{ ...artifact, status: 'verified' }] };
    } catch (e) {
      if (!isProvenantError(e, 'verify')) throw e;
      return { ...base, status: 'failed', code: e.code, artifacts: [{ ...artifact, status: 'failed', code: e.code }] };
    }
  };
  const flipLast = (b64: string) => b64.slice(0, -4) + (b64.slice(-4, -3) === 'A' ? 'B' : 'A') + b64.slice(-3);

  it.each<[string, (bundle: Record<string, any>) => void]>([
    ['its DSSE signature altered', (b) => void (b.dsseEnvelope.signatures[0].sig = flipLast(b.dsseEnvelope.signatures[0].sig))],
    ['its payload replaced', (b) => void (b.dsseEnvelope.payload = 'e30=')],
  ])('unknown log, the repository down, and the bundle %s: failed, not error (the unknown log is not what failed it)', async (_what, alter) => {
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: down, now: () => CLOCK.current });
    const report = await verifyWithLiveTrust(tampered(alter), service);
    expect(report.status).toBe('failed');
    expect(report.artifacts[0]!.status).toBe('failed');
  });

  it('the same altered bundle with the refreshed root fails too, so the set-aside run agrees with the real one', async () => {
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: serve(REPO.current).fetch, now: () => CLOCK.current });
    await service.refresh('user');
    const report = await tampered((b) => void (b.dsseEnvelope.signatures[0].sig = flipLast(b.dsseEnvelope.signatures[0].sig)))(await service.current());
    expect(report.status).toBe('failed');
  });

  it('setting the unknown log aside lets the untampered bundle through its other checks, and never without the flag', async () => {
    const trust = await new TrustService({ seed: olderSeed(), store: memoryStore(), fetch: down, now: () => CLOCK.current }).current();
    expect(() => verifyBundle(rekorV2(), { trust })).toThrow(ProvenantError);
    expect(() => verifyBundle(rekorV2(), { trust: { ...trust, setAsideUnknown: true } })).not.toThrow();
  });

  it('a failure with known material stays failed and asks for no refresh', async () => {
    const fetch = counting(down);
    const service = new TrustService({ seed: olderSeed(), store: memoryStore(), fetch, now: () => CLOCK.current });
    const npmPublish = readFixtureJSON<{ attestations: { predicateType: string; bundle: Record<string, any> }[] }>('npm-attestations/npm-cli/valid-sigstore-attestations.json')
      .attestations.find((a) => a.predicateType.startsWith('https://slsa.dev'))!.bundle;
    npmPublish.dsseEnvelope.payload = 'e30=';
    const report = await verifyWithLiveTrust(async (trust) => {
      try {
        verifyBundle(npmPublish, { trust });
        return { ecosystem: 'npm', package: 'x', version: '1', status: 'verified', artifacts: [], checkedAt: '' };
      } catch (e) {
        return { ecosystem: 'npm', package: 'x', version: '1', status: 'failed', code: (e as ProvenantError).code, artifacts: [], checkedAt: '' };
      }
    }, service);
    expect(report.status).toBe('failed');
    expect(fetch.calls).toBe(0);
  });
});

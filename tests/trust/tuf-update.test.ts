import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { updateTrust, type TufState } from '../../lib/trust/tuf-update';
import { CLOCK, REPO, repoFile, serve, sha256 } from './tuf-repo';
import { ProvenantError, isProvenantError } from '../../lib/errors/provenant-error';
import type { TrustErrorCode } from '../../lib/errors/vocabulary';

const NEW_TRUSTED_ROOT = '6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66';
const OLD_TRUSTED_ROOT = '6a0c056d20e3e5a7c04f55c2d1f296e7e422edbbf73bf93d36fb8fd2bfe3fcce';
const NPM_KEYS = '160677eb6e1c7083c89b166b20f8fe4e837fb71181506aff1991b80b89184f7d';

async function codeOf(run: Promise<unknown>): Promise<TrustErrorCode | 'ok'> {
  try {
    await run;
    return 'ok';
  } catch (e) {
    if (isProvenantError(e, 'trust')) return e.code;
    throw e;
  }
}

/** The state a client has after updating against the `older-2025-10-09` recording in its window. */
async function olderState() {
  return updateTrust({ root: repoFile(REPO.older, '1.root.json') }, { fetch: serve(REPO.older).fetch, now: () => CLOCK.older });
}

async function currentState() {
  return updateTrust({ root: repoFile(REPO.current, '1.root.json') }, { fetch: serve(REPO.current).fetch, now: () => CLOCK.current });
}

describe('updateTrust on the recorded Sigstore repository', () => {
  it('a fresh install walks roots 1→15 and fetches both targets', async () => {
    const repo = serve(REPO.current);
    const result = await updateTrust({ root: repoFile(REPO.current, '1.root.json') }, { fetch: repo.fetch, now: () => CLOCK.current });
    expect(result.versions).toEqual({ root: 15, timestamp: 762, snapshot: 165, targets: 14 });
    expect(sha256(result.targets.trustedRoot)).toBe(NEW_TRUSTED_ROOT);
    expect(sha256(result.targets.npmKeys)).toBe(NPM_KEYS);
    expect(repo.requests).toEqual([
      ...Array.from({ length: 15 }, (_, i) => `${i + 2}.root.json`),
      'timestamp.json',
      '165.snapshot.json',
      '14.targets.json',
      `targets/${NEW_TRUSTED_ROOT}.trusted_root.json`,
      '8.registry.npmjs.org.json',
      `targets/registry.npmjs.org/${NPM_KEYS}.keys.json`,
    ]);
    expect(Object.keys(result.state.delegated ?? {})).toEqual(['registry.npmjs.org']);
    expect(result.expires).toBe('2026-08-28T19:25:56.000Z');
  });

  it('updates an older snapshot to the newer one (roots 14, 15; only changed files downloaded)', async () => {
    const old = await olderState();
    expect(old.versions).toEqual({ root: 13, timestamp: 483, snapshot: 161, targets: 12 });
    expect(sha256(old.targets.trustedRoot)).toBe(OLD_TRUSTED_ROOT);
    const repo = serve(REPO.current);
    const result = await updateTrust(old.state, { fetch: repo.fetch, now: () => CLOCK.current, knownTargets: old.targets });
    expect(result.versions).toEqual({ root: 15, timestamp: 762, snapshot: 165, targets: 14 });
    expect(sha256(result.targets.trustedRoot)).toBe(NEW_TRUSTED_ROOT);
    expect(result.targets.npmKeys).toBe(old.targets.npmKeys);
    expect(repo.requests).toEqual([
      '14.root.json', '15.root.json', '16.root.json', 'timestamp.json', '165.snapshot.json', '14.targets.json',
      `targets/${NEW_TRUSTED_ROOT}.trusted_root.json`, '8.registry.npmjs.org.json',
    ]);
  });

  it('walks 15 → 16 to the root embedded in @sigstore/tuf 5.0.1', async () => {
    const current = await currentState();
    const repo = serve(REPO.current, { '16.root.json': readFileSync(REPO.seed16) });
    const result = await updateTrust(current.state, { fetch: repo.fetch, now: () => CLOCK.current, knownTargets: current.targets });
    expect(result.versions.root).toBe(16);
    expect(repo.requests.slice(0, 3)).toEqual(['16.root.json', '17.root.json', 'timestamp.json']);
  });

  it('nothing new: the same versions, no metadata beyond roots and timestamp downloaded', async () => {
    const current = await currentState();
    const repo = serve(REPO.current);
    const result = await updateTrust(current.state, { fetch: repo.fetch, now: () => CLOCK.current, knownTargets: current.targets });
    expect(result.versions).toEqual(current.versions);
    expect(repo.requests).toEqual(['16.root.json', 'timestamp.json']);
  });

  it('refuses a rollback to the older timestamp (same keys, so only the version check catches it)', async () => {
    const current = await currentState();
    expect(await codeOf(updateTrust(current.state, { fetch: serve(REPO.older).fetch, now: () => CLOCK.older }))).toBe('ROLLBACK');
  });

  it('refuses expired metadata (freeze attack)', async () => {
    const current = await currentState();
    expect(await codeOf(updateTrust(current.state, { fetch: serve(REPO.current).fetch, now: () => CLOCK.afterCurrent }))).toBe('EXPIRED');
    expect(await codeOf(updateTrust({ root: repoFile(REPO.older, '13.root.json') }, { fetch: serve(REPO.older).fetch, now: () => CLOCK.current }))).toBe('EXPIRED');
  });

  const flip = (text: string, find: string, replace: string) => {
    expect(text).toContain(find);
    return text.replace(find, replace);
  };
  const sigOf = (text: string) => (JSON.parse(text) as { signatures: { sig: string }[] }).signatures.find((s) => s.sig.length > 0)!.sig;

  it.each<[string, () => Record<string, string | Uint8Array | null>, TrustErrorCode]>([
    ['timestamp with a changed version', () => ({ 'timestamp.json': flip(repoFile(REPO.current, 'timestamp.json'), '"version": 762', '"version": 763') }), 'BAD_SIGNATURE'],
    ['timestamp with a changed signature', () => {
      const t = repoFile(REPO.current, 'timestamp.json');
      const sig = sigOf(t);
      return { 'timestamp.json': t.replace(sig, sig.slice(0, -4) + (sig.endsWith('0000') ? '1111' : '0000')) };
    }, 'BAD_SIGNATURE'],
    ['snapshot naming a newer targets version', () => ({ '165.snapshot.json': flip(repoFile(REPO.current, '165.snapshot.json'), '"version": 14', '"version": 15') }), 'BAD_SIGNATURE'],
    ['a root signed by nobody the old root trusts', () => {
      const r = JSON.parse(repoFile(REPO.current, '15.root.json'));
      r.signatures = r.signatures.map((s: { keyid: string }) => ({ ...s, sig: '' }));
      return { '15.root.json': JSON.stringify(r) };
    }, 'BAD_SIGNATURE'],
    ['a tampered trusted_root.json', () => {
      const t = repoFile(REPO.current, `targets/${NEW_TRUSTED_ROOT}.trusted_root.json`);
      return { [`targets/${NEW_TRUSTED_ROOT}.trusted_root.json`]: t.replace('rekor.sigstore.dev', 'rekor.sigstore.dex') };
    }, 'LENGTH_OR_HASH'],
    ['a truncated trusted_root.json', () => {
      const t = repoFile(REPO.current, `targets/${NEW_TRUSTED_ROOT}.trusted_root.json`);
      return { [`targets/${NEW_TRUSTED_ROOT}.trusted_root.json`]: t.slice(0, t.length - 10) };
    }, 'LENGTH_OR_HASH'],
    ['an oversized trusted_root.json', () => {
      const t = repoFile(REPO.current, `targets/${NEW_TRUSTED_ROOT}.trusted_root.json`);
      return { [`targets/${NEW_TRUSTED_ROOT}.trusted_root.json`]: t + ' '.repeat(100) };
    }, 'TOO_LARGE'],
    ['a truncated timestamp', () => ({ 'timestamp.json': repoFile(REPO.current, 'timestamp.json').slice(0, 200) }), 'MALFORMED'],
    ['an oversized timestamp (endless data)', () => ({ 'timestamp.json': repoFile(REPO.current, 'timestamp.json') + ' '.repeat(20_000) }), 'TOO_LARGE'],
    ['an oversized root', () => ({ '2.root.json': repoFile(REPO.current, '2.root.json') + ' '.repeat(600_000) }), 'TOO_LARGE'],
    ['the older snapshot served as 165 (mix and match)', () => ({ '165.snapshot.json': repoFile(REPO.older, '161.snapshot.json') }), 'BAD_VERSION'],
    ['the older targets served as 14 (mix and match)', () => ({ '14.targets.json': repoFile(REPO.older, '12.targets.json') }), 'BAD_VERSION'],
    ['the older delegation served as 8 (mix and match)', () => ({ '8.registry.npmjs.org.json': repoFile(REPO.older, '6.registry.npmjs.org.json') }), 'BAD_VERSION'],
    ['root 14 served as root 15', () => ({ '15.root.json': repoFile(REPO.current, '14.root.json') }), 'BAD_VERSION'],
    ['targets signed by the snapshot role only (targets.json from the snapshot file)', () => ({ '14.targets.json': repoFile(REPO.current, '165.snapshot.json') }), 'MALFORMED'],
    ['no timestamp at all', () => ({ 'timestamp.json': null }), 'TARGET_MISSING'],
  ])('refuses %s', async (_name, override, code) => {
    expect(await codeOf(updateTrust({ root: repoFile(REPO.current, '1.root.json') }, { fetch: serve(REPO.current, override()).fetch, now: () => CLOCK.current }))).toBe(code);
  });

  it('keeps nothing from a failed update: the caller still holds its last good state', async () => {
    const old = await olderState();
    const before: TufState = structuredClone(old.state);
    await expect(updateTrust(old.state, { fetch: serve(REPO.current).fetch, now: () => CLOCK.afterCurrent })).rejects.toThrow(ProvenantError);
    expect(old.state).toEqual(before);
  });
});

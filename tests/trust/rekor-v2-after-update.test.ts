import { describe, expect, it } from 'vitest';
import { loadTrustedRoot } from '../../lib/verify/trust-root';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { updateTrust, type TargetTexts } from '../../lib/trust/tuf-update';
import { readFixtureJSON } from '../support/fixtures';
import { codeOf } from '../support/verify-outcome';
import { CLOCK, REPO, repoFile, serve } from './tuf-repo';

/**
 * The real case NOTES.md describes: the `older-2025-10-09` state predates the
 * first Rekor v2 log (log2025-1), so its trusted root cannot verify Rekor v2
 * bundles; the `current` state can.
 */
const bundles = [
  { name: 'DSSE, dsse/0.0.2', bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json'), artifact: undefined },
  {
    name: 'message signature, hashedrekord/0.0.2',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-MSG-TLOG_HASHEDREKORDV002.json'),
    artifact: { kind: 'bytes' as const, bytes: new TextEncoder().encode('hello, world!') },
  },
];

const trustFrom = (targets: TargetTexts) => loadTrustedRoot(targets.trustedRoot, { name: 'public-good', npmKeys: JSON.parse(targets.npmKeys) });

describe('unknown trust material is only reported for unknown material', () => {
  it('a tampered Rekor v2 bundle under the current root fails without naming unknown material', async () => {
    const current = await updateTrust({ root: repoFile(REPO.current, '15.root.json') }, { fetch: serve(REPO.current).fetch, now: () => CLOCK.current });
    const b = bundles[0]!.bundle() as { dsseEnvelope: { signatures: { sig: string }[] } };
    const sig = b.dsseEnvelope.signatures[0]!;
    sig.sig = (sig.sig.startsWith('A') ? 'B' : 'A') + sig.sig.slice(1);
    const unknown: string[] = [];
    expect(codeOf(() => verifyBundle(b, { trust: { ...trustFrom(current.targets), onUnknownMaterial: (w) => unknown.push(w) } }))).not.toBe('NO_ERROR');
    expect(unknown).toEqual([]);
  });
});

describe('Rekor v2 bundles before and after a TUF update', () => {
  it.each(bundles)('$name: unknown to the older root, verified after updating to the current one', async ({ bundle, artifact }) => {
    const older = await updateTrust({ root: repoFile(REPO.older, '13.root.json') }, { fetch: serve(REPO.older).fetch, now: () => CLOCK.older });
    const unknown: string[] = [];
    const before = codeOf(() => verifyBundle(bundle(), { trust: { ...trustFrom(older.targets), onUnknownMaterial: (w) => unknown.push(w) }, ...(artifact ? { artifact } : {}) }));
    expect(before).toBe('TLOG_PROOF_INVALID');
    // log2025-1's id: sha256 of its key, as listed in the current trusted root.
    expect(unknown).toEqual([expect.stringMatching(/^transparency log [0-9a-f]{64}$/)]);

    const updated = await updateTrust(older.state, { fetch: serve(REPO.current).fetch, now: () => CLOCK.current, knownTargets: older.targets });
    const after: string[] = [];
    const result = verifyBundle(bundle(), { trust: { ...trustFrom(updated.targets), onUnknownMaterial: (w) => after.push(w) }, ...(artifact ? { artifact } : {}) });
    expect(after).toEqual([]);
    expect(result.tlogEntries[0]?.kind).toBeDefined();
  });
});

/**
 * Finding 3 of issue 11: a release whose attestations cannot be checked
 * after a verified one, and releases without verified provenance on a
 * pinned package. Real recorded attestations (see real-pypi-releases.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../lib/history/history-service';
import { pinFromIdentity, type Pin } from '../../lib/policy/pins';
import { judge } from '../../lib/policy/verdict';
import type { ReleaseReport } from '../../lib/report/model';
import { absentRelease, gitlab, legit, unsupportedRelease } from './real-pypi-releases';

async function judged(current: ReleaseReport, earlier: ReleaseReport[], pin: Pin | undefined) {
  const verdict = judge(current, pin);
  const { alerts } = await buildHistory(current, pin, {
    earlierVersions: async () => earlier.map((r) => ({ version: r.version })),
    report: async (p) => earlier.find((r) => r.version === p.version)!,
  });
  return { status: verdict.status, alerts: alerts.map((a) => [a.kind, a.level, a.previousVersion]) };
}

describe('unchecked after verified (real attestations)', () => {
  it('unsupported after a verified release raises provenance-lost (high), as absent, partial and failed do', async () => {
    const current = await unsupportedRelease();
    expect(await judged(current, [await legit()], undefined)).toEqual({ status: 'unsupported', alerts: [['provenance-lost', 'high', '0.0.19']] });
  });

  it('the alert says why in words', async () => {
    const current = await unsupportedRelease();
    const { alerts } = await buildHistory(current, undefined, { earlierVersions: async () => [{ version: '0.0.19' }], report: legit });
    expect(alerts[0]!.message).toBe('0.0.20 has attestations Provenant cannot check, but 0.0.19, the newest verified 0.0.x release, was verified as built by trailofbits/pypi-attestations (release.yml).');
    expect(alerts[0]!.comparedWith).toBe('version-line');
  });
});

describe('pinned package (real attestations)', () => {
  const pinned = async () => pinFromIdentity('pypi', 'pypi-attestations', (await legit()).identity!, 'manual', new Date('2026-11-29T00:00:00Z'));

  it('unsupported keeps its status and carries provenance-lost, even with no verified release in the history', async () => {
    expect(await judged(await unsupportedRelease(), [], await pinned())).toEqual({ status: 'unsupported', alerts: [['provenance-lost', 'high', undefined]] });
  });

  it('absent keeps its status and carries provenance-lost', async () => {
    expect(await judged(await absentRelease(), [], await pinned())).toEqual({ status: 'absent', alerts: [['provenance-lost', 'high', undefined]] });
  });

  it('a first-use pin also says provenance is expected', async () => {
    const firstUse = pinFromIdentity('pypi', 'pypi-attestations', (await legit()).identity!, 'first-use');
    expect((await judged(await absentRelease(), [], firstUse)).alerts).toEqual([['provenance-lost', 'high', undefined]]);
  });

  it('a verified release of another identity stays mismatch', async () => {
    const other = { ...(await gitlab()), package: 'pypi-attestations', version: '0.0.20' };
    expect((await judged(other, [], await pinned())).status).toBe('mismatch');
  });

  it('without a pin and without a verified release before it, a release without provenance raises nothing', async () => {
    expect(await judged(await absentRelease(), [], undefined)).toEqual({ status: 'absent', alerts: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { hasVerifiedProvenance, isAlarming, isFinalStatus, losesProvenance, publisherChangeLevel, releaseStatus, sharedIdentity, showsBuilder, verifiedAsOne, verifiedFiles, verifiedFirst } from '../../lib/policy/status';
import { badgeStatusSchema } from '../../lib/policy/verdict';
import type { ArtifactReport, Identity } from '../../lib/report/model';
import { releaseStatusSchema } from '../../lib/report/model';

// The status table of docs/verdicts.md, one row per status: does it carry
// verified provenance, show who built it, count as lost provenance after a
// verified release, read red, and is it final on a page?
const TABLE = {
  pending: { verifiedProvenance: false, builder: false, lost: undefined, red: false, final: false },
  verified: { verifiedProvenance: true, builder: true, lost: false, red: false, final: true },
  partial: { verifiedProvenance: true, builder: true, lost: true, red: false, final: true },
  absent: { verifiedProvenance: false, builder: false, lost: true, red: false, final: true },
  unsupported: { verifiedProvenance: false, builder: false, lost: true, red: false, final: true },
  failed: { verifiedProvenance: false, builder: false, lost: true, red: true, final: true },
  mismatch: { verifiedProvenance: false, builder: true, lost: undefined, red: true, final: true },
  error: { verifiedProvenance: false, builder: false, lost: false, red: false, final: false },
} as const;

describe('status rules', () => {
  it.each(badgeStatusSchema.options)('%s', (status) => {
    const row = TABLE[status];
    expect(hasVerifiedProvenance(status)).toBe(row.verifiedProvenance);
    expect(showsBuilder(status)).toBe(row.builder);
    expect(isAlarming(status)).toBe(row.red);
    expect(isFinalStatus(status)).toBe(row.final);
    if (row.lost !== undefined) expect(losesProvenance(status as (typeof releaseStatusSchema.options)[number])).toBe(row.lost);
  });

  it('an unchecked history entry neither carries provenance nor names a builder', () => {
    expect(hasVerifiedProvenance('unchecked')).toBe(false);
    expect(showsBuilder('unchecked')).toBe(false);
  });
});

const identity = (repo: string): Identity => ({ publisherKind: 'github', repositoryUrl: `https://github.com/${repo}`, workflowPath: '.github/workflows/release.yml' });
const artifact = (name: string, status: ArtifactReport['status'], id?: Identity): ArtifactReport => ({
  name,
  digest: { algorithm: 'sha256', hex: '00' },
  status,
  attestations: [],
  ...(id ? { identity: id } : {}),
});

describe('release status from its artifacts', () => {
  it.each<[ArtifactReport['status'][], string]>([
    [[], 'absent'],
    [['verified', 'verified'], 'verified'],
    [['verified', 'absent'], 'partial'],
    [['absent', 'absent'], 'absent'],
    [['verified', 'unsupported'], 'unsupported'],
    [['verified', 'error', 'unsupported'], 'error'],
    [['verified', 'error', 'failed'], 'failed'],
  ])('%j is %s', (statuses, expected) => {
    expect(releaseStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });

  it('the identity they share, only when every verified artifact names the same publisher', () => {
    const a = identity('o/a');
    expect(sharedIdentity([artifact('x', 'verified', a), artifact('y', 'verified', { ...a, commit: 'c' }), artifact('z', 'failed', identity('o/b'))])).toBe(a);
    expect(sharedIdentity([artifact('x', 'verified', a), artifact('y', 'verified', identity('o/b'))])).toBeUndefined();
    expect(sharedIdentity([artifact('x', 'failed', a)])).toBeUndefined();
  });

  it('verified files with an identity, and verified artifacts first', () => {
    const files = [artifact('x', 'absent'), artifact('y', 'verified', identity('o/a')), artifact('z', 'verified'), artifact('w', 'failed', identity('o/b'))];
    expect(verifiedFiles(files).map((f) => f.name)).toEqual(['y']);
    expect(verifiedFirst(files).map((f) => f.name)).toEqual(['y', 'z', 'x', 'w']);
  });

  it('only a release verified by one identity anchors a comparison or a first-use pin', () => {
    expect(verifiedAsOne({ status: 'verified', identity: identity('o/a') })).toBe(true);
    expect(verifiedAsOne({ status: 'verified' })).toBe(false);
    expect(verifiedAsOne({ status: 'partial', identity: identity('o/a') })).toBe(false);
  });
});

describe('publisher-changed level', () => {
  it.each<[string[], string]>([
    [['workflowPath'], 'medium'],
    [['workflowPath', 'repositoryUrl'], 'high'],
    [['ownerId'], 'high'],
    [['issuer'], 'high'],
    [['email'], 'high'],
  ])('%j changed: %s', (changed, level) => {
    expect(publisherChangeLevel(changed)).toBe(level);
  });
});

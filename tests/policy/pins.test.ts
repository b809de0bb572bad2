import { describe, expect, it } from 'vitest';
import { comparePin, globMatch, MAX_PIN_IDENTITIES, pinFromIdentity, pinSchema, refPatternFor, type Pin, type PinIdentity } from '../../lib/policy/pins';
import { judge } from '../../lib/policy/verdict';
import type { Identity, ReleaseReport } from '../../lib/report/model';
import { onePin, onePinRaw } from '../support/pins';

const identity: Identity = {
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  repositoryId: '495574555',
  ownerId: '71096353',
  workflowPath: '.github/workflows/release.yml',
  ref: 'refs/tags/v1.0.0',
};

const pin = (extra: Partial<PinIdentity>): Pin => onePin({ ecosystem: 'npm', package: 'sigstore', createdAt: '2026-01-01T00:00:00Z', ...extra });

describe('comparePin', () => {
  it.each<[string, Partial<PinIdentity>, string[]]>([
    ['same repository URL', { repositoryUrl: 'https://github.com/sigstore/sigstore-js' }, []],
    ['repository URL differs only in case', { repositoryUrl: 'https://github.com/Sigstore/Sigstore-JS/' }, []],
    ['another repository', { repositoryUrl: 'https://github.com/evil/sigstore-js' }, ['repositoryUrl']],
    ['same ids', { repositoryId: '495574555', ownerId: '71096353' }, []],
    ['renamed look-alike: URL matches, id does not', { repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '1' }, ['repositoryId']],
    ['another workflow', { workflowPath: '.github/workflows/ci.yml' }, ['workflowPath']],
    ['ref pattern matches', { workflowPath: '.github/workflows/release.yml', refPattern: 'refs/tags/v*' }, []],
    ['ref pattern does not match', { workflowPath: '.github/workflows/release.yml', refPattern: 'refs/heads/main' }, ['ref']],
    ['issuer differs', { issuer: 'https://gitlab.com' }, ['issuer']],
    ['environment required but absent', { repositoryUrl: 'https://github.com/sigstore/sigstore-js', environment: 'release' }, ['environment']],
  ])('%s', (_name, fields, expected) => {
    expect(comparePin(pin(fields).identities[0]!, identity).map((d) => d.field)).toEqual(expected);
  });

  it('globMatch escapes regex characters', () => {
    expect(globMatch('refs/tags/v1.0.*', 'refs/tags/v1.0.3')).toBe(true);
    expect(globMatch('refs/tags/v1.0.*', 'refs/tags/v1x0.3')).toBe(false);
  });

  it('a pin must name something to check', () => {
    expect(pinSchema.safeParse({ ecosystem: 'npm', package: 'x', createdAt: 'now', identities: [{}] }).success).toBe(false);
    expect(pinSchema.safeParse({ ecosystem: 'npm', package: 'x', createdAt: 'now', identities: [] }).success).toBe(false);
  });

  it('pinFromIdentity captures repository, ids, workflow and issuer', () => {
    const p = pinFromIdentity('npm', 'sigstore', identity, 'popup', new Date('2026-01-01'));
    expect(comparePin(p.identities[0]!, identity)).toEqual([]);
    expect(comparePin(p.identities[0]!, { ...identity, repositoryId: '999' }).map((d) => d.field)).toEqual(['repositoryId']);
  });

  it('pinFromIdentity fills every field a pin supports from the verified identity', () => {
    const full: Identity = { ...identity, environment: 'npm-publish', commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d', trigger: 'release', runnerEnvironment: 'github-hosted' };
    const p = pinFromIdentity('npm', 'sigstore', full, 'popup', new Date('2026-01-01'));
    expect(p).toEqual({
      ecosystem: 'npm',
      package: 'sigstore',
      identities: [
        {
          repositoryUrl: 'https://github.com/sigstore/sigstore-js',
          repositoryId: '495574555',
          ownerId: '71096353',
          workflowPath: '.github/workflows/release.yml',
          // A release tag changes every release: any tag, not this one.
          refPattern: 'refs/tags/*',
          environment: 'npm-publish',
          issuer: 'https://token.actions.githubusercontent.com',
        },
      ],
      source: 'popup',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // The next release, from the next tag in the same environment, still matches…
    expect(comparePin(p.identities[0]!, { ...full, ref: 'refs/tags/v1.0.1' })).toEqual([]);
    // …a branch push, another environment or a re-registered repository does not.
    expect(comparePin(p.identities[0]!, { ...full, ref: 'refs/heads/main' }).map((d) => d.field)).toEqual(['ref']);
    expect(comparePin(p.identities[0]!, { ...full, environment: 'test' }).map((d) => d.field)).toEqual(['environment']);
    expect(comparePin(p.identities[0]!, { ...full, repositoryId: '1', ownerId: '2' }).map((d) => d.field)).toEqual(['repositoryId', 'ownerId']);
  });

  it.each([
    ['refs/tags/v1.0.0', 'refs/tags/*'],
    ['refs/heads/main', 'refs/heads/main'],
    ['refs/heads/release/*', undefined],
    [undefined, undefined],
  ])('refPatternFor(%s)', (ref, pattern) => {
    expect(refPatternFor(ref)).toBe(pattern);
  });

  it('a Google publisher is pinned by its signer email, not by the issuer alone', () => {
    const google: Identity = { publisherKind: 'google', issuer: 'https://accounts.google.com', email: 'publisher@project.iam.gserviceaccount.com' };
    const p = pinFromIdentity('pypi', 'foo', google, 'popup', new Date('2026-01-01'));
    expect(p.identities[0]!.email).toBe('publisher@project.iam.gserviceaccount.com');
    expect(comparePin(p.identities[0]!, google)).toEqual([]);
    expect(comparePin(p.identities[0]!, { ...google, email: 'attacker@evil.iam.gserviceaccount.com' })).toEqual([
      { field: 'email', expected: 'publisher@project.iam.gserviceaccount.com', actual: 'attacker@evil.iam.gserviceaccount.com' },
    ]);
    // An email alone is enough to make a pin; a malformed one is refused.
    expect(pinSchema.safeParse(onePinRaw({ ecosystem: 'pypi', package: 'foo', createdAt: 'now', email: 'publisher@project.iam.gserviceaccount.com' })).success).toBe(true);
    expect(pinSchema.safeParse(onePinRaw({ ecosystem: 'pypi', package: 'foo', createdAt: 'now', email: 'not an email' })).success).toBe(false);
  });
});

describe('judge', () => {
  const report = (status: ReleaseReport['status'], id: Identity | undefined = identity): ReleaseReport => ({
    ecosystem: 'npm',
    package: 'sigstore',
    version: '1.0.0',
    status,
    artifacts: [{ name: 'pkg:npm/sigstore@1.0.0', digest: { algorithm: 'sha512', hex: 'ab' }, status: status === 'partial' ? 'verified' : status === 'verified' ? 'verified' : 'absent', identity: id, attestations: [] }],
    identity: id,
    checkedAt: '2026-01-01T00:00:00Z',
  });
  it('verified without pin stays verified', () => expect(judge(report('verified'), undefined).status).toBe('verified'));
  it('verified with matching pin stays verified', () => expect(judge(report('verified'), pin({ repositoryId: '495574555' })).status).toBe('verified'));
  it('verified with another pinned repository is mismatch, with both sides', () => {
    const v = judge(report('verified'), pin({ repositoryUrl: 'https://github.com/other/repo' }));
    expect(v.status).toBe('mismatch');
    expect(v.pinDifferences).toEqual([{ field: 'repositoryUrl', expected: 'https://github.com/other/repo', actual: 'https://github.com/sigstore/sigstore-js' }]);
  });
  it('failed stays failed whatever the pin', () => expect(judge(report('failed'), pin({ repositoryUrl: 'https://github.com/other/repo' })).status).toBe('failed'));
  it('partial with another identity is mismatch', () => expect(judge(report('partial'), pin({ workflowPath: 'x.yml' })).status).toBe('mismatch'));

  const several = (...accepted: Partial<PinIdentity>[]): Pin => pinSchema.parse({ ecosystem: 'npm', package: 'sigstore', createdAt: '2026-01-01T00:00:00Z', identities: accepted });
  it('a pin with several accepted identities matches if any one does, and says which', () => {
    const v = judge(report('verified'), several({ repositoryUrl: 'https://github.com/other/repo' }, { workflowPath: '.github/workflows/release.yml', repositoryId: '495574555' }));
    expect(v).toMatchObject({ status: 'verified', pinCompared: 1, pinMatched: true, pinDifferences: [] });
  });
  it('each accepted identity constrains only the fields it names, and all of them', () => {
    const v = judge(report('verified'), several({ repositoryUrl: 'https://github.com/other/repo', workflowPath: '.github/workflows/release.yml' }, { repositoryId: '495574555', refPattern: 'refs/heads/main' }));
    // Each one fails on one field; a mixture of the two is not accepted.
    expect(v.status).toBe('mismatch');
    expect(v).toMatchObject({ pinMatched: false, pinCompared: 0 });
    expect(v.pinDifferences.map((d) => d.field)).toEqual(['repositoryUrl']);
  });
  it('on a mismatch the closest accepted identity is the one compared', () => {
    const v = judge(report('verified'), several({ repositoryUrl: 'https://github.com/a/b', repositoryId: '1' }, { repositoryUrl: 'https://github.com/sigstore/sigstore-js', repositoryId: '2' }));
    expect(v).toMatchObject({ status: 'mismatch', pinCompared: 1, pinMatched: false, pinDifferences: [{ field: 'repositoryId', expected: '2', actual: '495574555' }] });
  });
  it('caps the number of accepted identities, and each keeps its own field limits', () => {
    const ok = { workflowPath: '.github/workflows/release.yml' };
    expect(pinSchema.safeParse({ ecosystem: 'npm', package: 'x', createdAt: 'now', identities: Array.from({ length: MAX_PIN_IDENTITIES }, () => ok) }).success).toBe(true);
    expect(pinSchema.safeParse({ ecosystem: 'npm', package: 'x', createdAt: 'now', identities: Array.from({ length: MAX_PIN_IDENTITIES + 1 }, () => ok) }).success).toBe(false);
    expect(pinSchema.safeParse({ ecosystem: 'npm', package: 'x', createdAt: 'now', identities: [ok, { refPattern: `refs/${'*'.repeat(300)}`, ...ok }] }).success).toBe(false);
  });
});

/**
 * Issue 11, finding 5: ReDoS in pins. The matcher's complexity is pinned by
 * counting its steps, never by timing it; the old backtracking regex is kept
 * here only as the reference for what a glob means, on inputs too small to
 * make it slow.
 */
describe('globMatch: linear-time matching and length limits', () => {
  const reference = (pattern: string, value: string) =>
    new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(value);

  it('means what the regex glob meant, on every small pattern and value over a tiny alphabet', () => {
    const alphabet = ['a', 'b', '*', '.'];
    const words = (max: number) => {
      const out = [''];
      for (let len = 1; len <= max; len++) {
        for (let i = 0; i < alphabet.length ** len; i++) {
          let w = '';
          for (let n = i, k = 0; k < len; k++, n = Math.floor(n / alphabet.length)) w += alphabet[n % alphabet.length];
          out.push(w);
        }
      }
      return out;
    };
    const patterns = words(4);
    const values = words(4).filter((w) => !w.includes('*')).concat(['*', 'a*b']);
    let compared = 0;
    for (const p of patterns) {
      for (const v of values) {
        expect(globMatch(p, v), `${p} ~ ${v}`).toBe(reference(p, v));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('a 16-star pattern against a long non-matching ref takes at most (pattern + 1) × (value + 1) steps', () => {
    const pattern = `${'*a'.repeat(16)}*b`;
    for (const length of [1_000, 4_000]) {
      const value = 'a'.repeat(length);
      const meter = { steps: 0 };
      expect(globMatch(pattern, value, meter)).toBe(false);
      expect(meter.steps).toBeGreaterThan(length);
      expect(meter.steps).toBeLessThanOrEqual((pattern.length + 1) * (value.length + 1));
    }
    // Quadrupling the value at most quadruples the work (a backtracking regex grows by far more than that).
    const steps = (n: number) => {
      const meter = { steps: 0 };
      globMatch(pattern, 'a'.repeat(n), meter);
      return meter.steps;
    };
    expect(steps(4_000)).toBeLessThanOrEqual(4 * steps(1_000) + pattern.length);
  });

  it('limits the length of every pin field, so a judgement is bounded', () => {
    const base = { ecosystem: 'npm', package: 'sigstore', createdAt: '2026-01-01T00:00:00Z', workflowPath: '.github/workflows/release.yml' };
    const long = (n: number) => 'x'.repeat(n);
    const tooLong: Record<string, unknown> = {
      repositoryUrl: `https://github.com/${long(1100)}`,
      repositoryId: '1'.repeat(21),
      ownerId: '1'.repeat(21),
      workflowPath: long(1025),
      refPattern: `refs/${'*'.repeat(300)}`,
      environment: long(256),
      issuer: `https://${long(1100)}.example`,
      email: `${long(250)}@x.example`,
      createdAt: long(65),
    };
    for (const [field, value] of Object.entries(tooLong)) {
      expect(pinSchema.safeParse(onePinRaw({ ...base, [field]: value })).success, field).toBe(false);
    }
    expect(pinSchema.safeParse(onePinRaw({ ...base, refPattern: `refs/tags/${'*'.repeat(16)}` })).success).toBe(true);
    expect(pinSchema.safeParse(onePinRaw(base)).success).toBe(true);
  });
});

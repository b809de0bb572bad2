/**
 * npm staged publishing: the approver of a staged release, `_npmUser.approver`
 * in the version's registry metadata (npm ≥ 11.16). The registry mirror these
 * fixtures were recorded from strips `_npmUser`, so the field is ADDED IN THE
 * TEST to the real recorded sigstore@1.0.0 packument entry
 * (tests/fixtures/npm-registry/packuments-trimmed/sigstore.json, with its real
 * attestations), in the documented shape: `_npmUser` is the publishing user
 * `{ name, email }`, and `approver` names the maintainer who approved the
 * staged version. See tests/fixtures/SOURCES.md.
 */
import { describe, expect, it } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { stagedApprover } from '../../lib/registries/npm/staged';
import { releaseReportSchema } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { advertise, attestationsResponse, FakeRegistry, packument, type Json } from './npm-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

function staged(npmUser: unknown): Json {
  const p = advertise(packument('sigstore'), '1.0.0');
  p.versions['1.0.0']._npmUser = npmUser;
  return p;
}

async function run(p: Json) {
  const registry = new FakeRegistry().packument(p).attestations('sigstore', '1.0.0', attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json'));
  const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client({}), trust: publicGoodTrust(), now: NOW });
  expect(releaseReportSchema.parse(report)).toEqual(report);
  return report;
}

describe('npm staged publishing: the approver, as the registry claims it', () => {
  it('a staged release names its approver; verification is unchanged by it', async () => {
    const report = await run(staged({ name: 'github-actions', email: 'npm-oidc-no-reply@github.com', approver: { name: 'bdehamer', email: 'bdehamer@example.com' } }));
    expect(report.status).toBe('verified');
    expect(report.stagedApprover).toBe('bdehamer');
    // Only the name is kept: the approver's address is not shown.
    expect(JSON.stringify(report)).not.toContain('bdehamer@example.com');
  });

  it('an approver given as a bare user name is read the same way', async () => {
    expect((await run(staged({ name: 'github-actions', approver: 'bdehamer' }))).stagedApprover).toBe('bdehamer');
  });

  it('a release published directly (no approver), or with no _npmUser at all, names none', async () => {
    expect((await run(staged({ name: 'bdehamer', email: 'x@example.com' }))).stagedApprover).toBeUndefined();
    expect((await run(advertise(packument('sigstore'), '1.0.0'))).stagedApprover).toBeUndefined();
  });

  it.each([
    ['too long', 'a'.repeat(215)],
    ['with a space', 'evil user'],
    ['with a line break', 'a\nb'],
    ['empty', ''],
    ['a number', 42],
    ['an object without a name', { email: 'a@b' }],
  ])('an approver %s is not shown, and does not fail verification', async (_name, approver) => {
    const report = await run(staged({ name: 'github-actions', approver }));
    expect(report.status).toBe('verified');
    expect(report.stagedApprover).toBeUndefined();
  });

  it('reads only what it validates', () => {
    expect(stagedApprover(undefined)).toBeUndefined();
    expect(stagedApprover('bdehamer')).toBeUndefined();
    expect(stagedApprover({ approver: { name: 'a'.repeat(214) } })).toBe('a'.repeat(214));
  });
});

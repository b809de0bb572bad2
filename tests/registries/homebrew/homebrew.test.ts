import { describe, expect, it } from 'vitest';
import { registryClient } from '../../../lib/net/registry-fetch';
import { ERRORS } from '../../../lib/errors/vocabulary';
import { memoryAttestationCache } from '../../../lib/registries/github/attestation-cache';
import { NO_PUBLIC_LOG } from '../../../lib/registries/github/verify-asset';
import { BACKFILL_CUTOFF, HOMEBREW_BACKFILL, HOMEBREW_CORE, HOMEBREW_RULES, type BottleRules } from '../../../lib/registries/homebrew/identity';
import { formulaApiUrl, parseFormulaPath } from '../../../lib/registries/homebrew/names';
import { homebrewPage } from '../../../lib/registries/homebrew/page';
import { bottlesOf, formulaSchema, pkgVersion } from '../../../lib/registries/homebrew/schema';
import { NO_BOTTLE_ATTESTATION } from '../../../lib/registries/homebrew/verify-bottle';
import { NO_BOTTLES, verifyHomebrewFormula } from '../../../lib/registries/homebrew/verify-release';
import { releaseReportSchema } from '../../../lib/report/model';
import { readFixture } from '../../support/fixtures';
import { ATTEST_DEMO, FakeGithub, PRIVATE_DEMO, attestations, attestationsUrl, trust } from '../github/github-fixtures';

/*
 * Which data is real and which is shaped, in every test below:
 * - REAL: the formula JSON of a2ps (tests/fixtures/github/homebrew/, May 2022; its
 *   bottles were never attested), the Sigstore bundles and the artifacts they sign
 *   (tests/fixtures/github/cli/, see github-fixtures.ts), both trusted roots.
 * - SHAPED: every formula JSON built by `formula()` (the real a2ps record with its
 *   bottle digests replaced by a real attested artifact's), and the attestations-API
 *   answers. No homebrew-core bottle attestation could be recorded, so where a test
 *   needs one to verify it names another repository in the rules (`rulesFor`): the
 *   flow and the cryptography are real, the bottle-to-bundle pairing is not.
 */
const A2PS = JSON.parse(readFixture('github', 'homebrew', 'formulae.brew.sh-formula-a2ps.2022-05.json').toString('utf8')) as Record<string, unknown>;
const NOW = new Date('2026-12-01T12:00:00Z');
const CORE = HOMEBREW_CORE.repository;

/** The real a2ps record with the given bottles (tag → sha256), everything else as recorded. */
function formula(files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const bottle = A2PS.bottle as { stable: { rebuild: number; root_url: string } };
  return {
    ...A2PS,
    ...extra,
    bottle: { stable: { ...bottle.stable, files: Object.fromEntries(Object.entries(files).map(([tag, sha256]) => [tag, { cellar: '/opt/homebrew/Cellar', url: `https://ghcr.io/v2/homebrew/core/a2ps/blobs/sha256:${sha256}`, sha256 }])) } },
  };
}

function registryFor(body: unknown, status = 200) {
  const calls: { url: string; headers: unknown }[] = [];
  const client = registryClient({
    fetchImpl: async (url, init) => {
      calls.push({ url, headers: init?.headers });
      return url === formulaApiUrl('a2ps') ? new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 });
    },
    sleep: async () => {},
  });
  return { client, calls };
}

/** Rules for another repository whose real bundle stands in for a bottle attestation (see above). */
const rulesFor = (repository: { owner: string; repo: string }, subjectName: string, extra: Partial<BottleRules> = {}): BottleRules[] => [
  { repository, names: async (name) => name === subjectName, ...extra },
];

async function run(body: unknown, gh: FakeGithub, rules?: readonly BottleRules[], version?: string) {
  const { client, calls } = registryFor(body);
  const report = await verifyHomebrewFormula({ name: 'a2ps', ...(version ? { version } : {}) }, { registry: client, github: gh.client('ghp_AAAAAAAAAAAAAAAAAAAAAAAA'), trust: trust(), cache: memoryAttestationCache(), now: NOW, ...(rules ? { rules } : {}) });
  expect(releaseReportSchema.parse(report)).toEqual(report);
  // The token is the GitHub client's alone: formulae.brew.sh never sees it.
  for (const c of calls) expect(JSON.stringify(c.headers ?? {})).not.toMatch(/authorization|ghp_/i);
  return report;
}

describe('Homebrew pages and the formula API', () => {
  it.each([
    ['https://formulae.brew.sh/formula/a2ps', { ecosystem: 'homebrew', package: 'a2ps' }],
    ['https://formulae.brew.sh/formula/python@3.12', { ecosystem: 'homebrew', package: 'python@3.12' }],
    ['https://formulae.brew.sh/formula/gtk+3/', { ecosystem: 'homebrew', package: 'gtk+3' }],
    ['https://formulae.brew.sh/cask/firefox', null],
    ['https://formulae.brew.sh/formula/', null],
    ['https://formulae.brew.sh/formula/A2PS', null],
    ['https://formulae.brew.sh/formula/a/b', null],
    ['https://formulae.brew.sh.evil.test/formula/a2ps', null],
  ])('%s → %o', (url, expected) => {
    const u = new URL(url);
    expect(homebrewPage.detect(u)).toEqual(expected);
  });

  it('reads the real a2ps record: its pkg_version and one bottle per tag, named as brew names bottle files (real data)', () => {
    const f = formulaSchema.parse(A2PS);
    expect(pkgVersion(f)).toBe('4.14');
    const bottles = bottlesOf(f);
    expect(bottles.length).toBeGreaterThanOrEqual(5);
    expect(bottles[0]).toEqual({
      tag: 'arm64_monterey',
      sha256: 'b92375f7cc49a7440b431d2248cad0d97c96fcca127dace6efdeb0b2f3faa08c',
      url: 'https://ghcr.io/v2/homebrew/core/a2ps/blobs/sha256:b92375f7cc49a7440b431d2248cad0d97c96fcca127dace6efdeb0b2f3faa08c',
      filename: 'a2ps--4.14.arm64_monterey.bottle.4.tar.gz',
    });
    expect(pkgVersion(formulaSchema.parse({ ...A2PS, revision: 2 }))).toBe('4.14_2');
    expect(parseFormulaPath('/formula/a2ps')).toEqual({ name: 'a2ps' });
  });

  it('brew\u2019s name rules: exact file names, a prefix for :all bottles, the backfill\u2019s URL-digest prefix', async () => {
    const [b] = bottlesOf(formulaSchema.parse(A2PS));
    expect(await HOMEBREW_CORE.names('a2ps--4.14.arm64_monterey.bottle.4.tar.gz', b!, '4.14')).toBe(true);
    expect(await HOMEBREW_CORE.names('a2ps--4.14.monterey.bottle.4.tar.gz', b!, '4.14')).toBe(false);
    expect(await HOMEBREW_CORE.names('a2ps--4.14.all.bottle.tar.gz', { ...b!, tag: 'all' }, '4.14')).toBe(true);
    expect(await HOMEBREW_CORE.names('a2ps--4.13.all.bottle.tar.gz', { ...b!, tag: 'all' }, '4.14')).toBe(false);
    // sha256 of the bottle URL string, computed here independently of the rule.
    const { createHash } = await import('node:crypto');
    const urlHex = createHash('sha256').update(b!.url!).digest('hex');
    expect(await HOMEBREW_BACKFILL.names(`${urlHex}--${b!.filename}`, b!, '4.14')).toBe(true);
    expect(await HOMEBREW_BACKFILL.names(b!.filename, b!, '4.14')).toBe(false);
    expect(HOMEBREW_RULES.map((r) => `${r.repository.owner}/${r.repository.repo}`)).toEqual(['Homebrew/homebrew-core', 'trailofbits/homebrew-brew-verify']);
  });
});

describe('verifyHomebrewFormula (shaped formula and API answers, real bundles)', () => {
  it('with Homebrew\u2019s rules, a real bundle built by another repository fails the bottle (REPOSITORY_MISMATCH), one row per bottle', async () => {
    const hex = ATTEST_DEMO.digest();
    const other = 'cd'.repeat(32);
    const gh = new FakeGithub()
      .json(attestationsUrl(CORE.owner, CORE.repo, hex), attestations({ bundle: ATTEST_DEMO.bundle() }))
      .status(attestationsUrl(CORE.owner, CORE.repo, other), 404)
      .status(attestationsUrl('trailofbits', 'homebrew-brew-verify', other), 404);
    const report = await run(formula({ arm64_sonoma: hex, sonoma: other }), gh);
    expect(report).toMatchObject({ ecosystem: 'homebrew', package: 'a2ps', version: '4.14', status: 'failed', code: 'REPOSITORY_MISMATCH', message: ERRORS.release.REPOSITORY_MISMATCH.sentence });
    expect(report.artifacts.map((a) => [a.name, a.status])).toEqual([
      ['a2ps--4.14.arm64_sonoma.bottle.4.tar.gz', 'failed'],
      ['a2ps--4.14.sonoma.bottle.4.tar.gz', 'absent'],
    ]);
    expect(report.artifacts[1]!.message).toBe(NO_BOTTLE_ATTESTATION);
  });

  it('verifies a public-good bundle through the whole flow when the rules name its repository and subject (shaped rules)', async () => {
    const hex = ATTEST_DEMO.digest();
    const gh = new FakeGithub().json(attestationsUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, hex), attestations({ bundle: ATTEST_DEMO.bundle() }));
    const report = await run(formula({ arm64_sonoma: hex }), gh, rulesFor(ATTEST_DEMO, ATTEST_DEMO.asset));
    expect(report).toMatchObject({ status: 'verified', identity: { repositoryUrl: 'https://github.com/malancas/attest-demo' } });
    expect(report.artifacts[0]).toMatchObject({ status: 'verified', digest: { algorithm: 'sha256', hex } });
    expect(report.artifacts[0]!.noPublicLog).toBeUndefined();
  });

  it('a statement that does not name the bottle fails it (SUBJECT_MISMATCH), as brew requires the file name', async () => {
    const hex = ATTEST_DEMO.digest();
    const gh = new FakeGithub().json(attestationsUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, hex), attestations({ bundle: ATTEST_DEMO.bundle() }));
    const report = await run(formula({ arm64_sonoma: hex }), gh, [{ ...HOMEBREW_CORE, repository: ATTEST_DEMO }]);
    expect(report.artifacts[0]).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });

  it('a bundle from GitHub\u2019s instance verifies against GitHub\u2019s root and says there is no public log entry (shaped rules)', async () => {
    const hex = PRIVATE_DEMO.digest();
    const gh = new FakeGithub().json(attestationsUrl(PRIVATE_DEMO.owner, PRIVATE_DEMO.repo, hex), attestations({ bundle: PRIVATE_DEMO.bundle() }));
    const report = await run(formula({ arm64_sonoma: hex }), gh, rulesFor(PRIVATE_DEMO, PRIVATE_DEMO.asset));
    expect(report.artifacts[0]).toMatchObject({ status: 'verified', noPublicLog: NO_PUBLIC_LOG });
  });

  it('asks the backfill repository only when homebrew-core has none, and refuses a backfill signed after the cut-off', async () => {
    const hex = ATTEST_DEMO.digest();
    const gh = new FakeGithub()
      .json(attestationsUrl(CORE.owner, CORE.repo, hex), attestations())
      .json(attestationsUrl(ATTEST_DEMO.owner, ATTEST_DEMO.repo, hex), attestations({ bundle: ATTEST_DEMO.bundle() }));
    // The backfill rule with its cut-off, pointed at the real bundle's repository and subject (shaped).
    const backfill = { ...rulesFor(ATTEST_DEMO, ATTEST_DEMO.asset)[0]!, signedNoLaterThan: BACKFILL_CUTOFF };
    const late = await run(formula({ arm64_sonoma: hex }), gh, [HOMEBREW_CORE, backfill]);
    expect(gh.calls.map((c) => new URL(c.url).pathname)).toEqual([`/repos/Homebrew/homebrew-core/attestations/sha256:${hex}`, `/repos/malancas/attest-demo/attestations/sha256:${hex}`]);
    // The real bundle was signed after 2024-03-14.
    expect(late.artifacts[0]).toMatchObject({ status: 'failed', code: 'BACKFILL_TOO_LATE' });
    const early = await run(formula({ arm64_sonoma: hex }), gh, [HOMEBREW_CORE, { ...backfill, signedNoLaterThan: '2100-01-01T00:00:00Z' }]);
    expect(early.artifacts[0]).toMatchObject({ status: 'verified' });
  });

  it('no bottles is absent; a version the formula API no longer serves is a retryable error, never a verdict', async () => {
    const gh = new FakeGithub();
    expect(await run({ ...A2PS, bottle: {} }, gh)).toMatchObject({ status: 'absent', message: NO_BOTTLES, version: '4.14' });
    expect(await run(formula({ arm64_sonoma: 'ab'.repeat(32) }), gh, undefined, '4.13')).toMatchObject({ status: 'error', code: 'FORMULA_VERSION_GONE', retryable: true });
    expect(gh.calls).toEqual([]);
  });

  it('a formula answer that is not the documented shape is an error (MALFORMED_RESPONSE)', async () => {
    const bad = formula({ arm64_sonoma: 'not-a-digest' });
    expect(await run(bad, new FakeGithub())).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
  });
});

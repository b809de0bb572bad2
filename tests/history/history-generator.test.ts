/**
 * History over a real generator-built release: @laurentsimon/provenance-npm-test
 * 1.0.0 was built by the npm CLI in the package's own release.yml, 1.0.5 by
 * the SLSA generator's Node.js builder called from release-slsa3.yml, and
 * 1.0.7 has no recorded attestations. The packument entries for 1.0.0 and
 * 1.0.5 are SHAPED from their attestations' subject digests, with the
 * dist.attestations registry.npmjs.org adds (the mirror has neither version,
 * SOURCES.md). History compares the SOURCE identity: the
 * builder is shown, not compared.
 */
import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../../lib/history/alerts';
import {
  GENERATOR,
  GENERATOR_BUILT,
  GENERATOR_BUILT_NAME as NAME,
  NODEJS_BUILDER,
  shapedGeneratorPackument,
  verifyGeneratorBuiltRelease,
} from '../registries/generator-fixtures';
import { npmHistory } from './npm-history';
import { FakeRegistry, SLSA_V02, SLSA_VERIFIER_DIR, advertise, attestationsResponse, sriFromHex } from '../registries/npm-fixtures';

/** The subject digest of the recorded 1.0.0 attestations (npm-release.test.ts uses the same). */
const V100_SHA512 = '29d19f26233f4441328412b34fd73ed104ecfef62f14097890cccf7455b521b65c5acff851849faa85c85395aa22d401436f01f3afb61b19c780e906c88c7f20';

function laurentRegistry(): FakeRegistry {
  const p = shapedGeneratorPackument();
  p.versions['1.0.0'] = { name: NAME, version: '1.0.0', dist: { integrity: sriFromHex(V100_SHA512) } };
  // As registry.npmjs.org does for every version with provenance (the history passes over a version the packument leaves unadvertised).
  return new FakeRegistry()
    .packument(advertise(p, '1.0.0', SLSA_V02))
    .attestations(NAME, '1.0.0', attestationsResponse(SLSA_VERIFIER_DIR, 'npm-attestations.intoto.sigstore'))
    .attestations(NAME, '1.0.5', attestationsResponse(GENERATOR_BUILT));
}

function historyOf(registry: FakeRegistry) {
  const { history, verdict } = npmHistory(registry, NAME);
  return async (version: string) => ({ verdict: await verdict(version), ...(await history(version)) });
}

describe('history of a generator-built release (real attestations)', () => {
  it('1.0.5 is verified like any release and compared by its source: the workflow changed within the repository (medium); the builder is not compared', async () => {
    const h = await historyOf(laurentRegistry())('1.0.5');
    expect(h.verdict.status).toBe('verified');
    expect(h.entries.map((e) => [e.version, e.status])).toEqual([['1.0.0', 'verified']]);
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toMatchObject({
      kind: 'publisher-changed',
      level: 'medium',
      previousVersion: '1.0.0',
      changed: ['workflowPath'],
      previousIdentity: { workflowPath: '.github/workflows/release.yml' },
      identity: { workflowPath: '.github/workflows/release-slsa3.yml', builder: NODEJS_BUILDER },
    });
  });

  it('1.0.7 without provenance after the generator-built 1.0.5: provenance-lost, naming the source it was built for', async () => {
    const h = await historyOf(laurentRegistry())('1.0.7');
    expect(h.verdict.status).toBe('absent');
    expect(h.alerts.map((a) => [a.kind, a.level, a.previousVersion])).toEqual([['provenance-lost', 'high', '1.0.5']]);
    expect(h.alerts[0]!.message).toContain('1.0.5, the newest verified 1.x release, was verified as built by laurentsimon/provenance-npm-test (release-slsa3.yml)');
  });

  it('the same source built by another release of the builder raises nothing: only the source is compared', async () => {
    const report = await verifyGeneratorBuiltRelease();
    const identity = report.identity!;
    const earlier = { ...identity, builder: `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v1.5.0`, buildSignerUri: `${GENERATOR}/delegator_lowperms-generic_slsa3.yml@refs/tags/v1.5.0` };
    const alerts = computeAlerts({
      current: { version: '1.0.6', status: 'verified', identity },
      earlier: [{ version: '1.0.5', status: 'verified', identity: earlier }],
    });
    expect(alerts).toEqual([]);
  });
});

/**
 * Histories over real recorded data: the sigstore npm package's real
 * attested releases (1.0.0 built by publish.yml, 2.0.0 by release.yml — a real
 * change of publishing workflow) in a replayed packument whose other versions
 * (2.3.1, 3.0.0, 5.0.1) have no recorded attestations, so they are served as
 * having none.
 */
import { describe, expect, it } from 'vitest';
import { readFixtureJSON } from '../support/fixtures';
import { FakeRegistry, packument } from '../registries/npm-fixtures';
import { npmHistory } from './npm-history';

function sigstoreRegistry() {
  const registry = new FakeRegistry().packument(packument('sigstore'));
  registry.attestations('sigstore', '1.0.0', readFixtureJSON('npm-attestations/npm-cli/valid-sigstore-attestations.json'));
  const v2 = readFixtureJSON('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json');
  registry.attestations('sigstore', '2.0.0', { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle: v2 }] });
  return registry;
}

function serviceFor(registry: FakeRegistry) {
  return npmHistory(registry, 'sigstore');
}

describe('history on real sigstore releases', () => {
  it('2.0.0: verified, and its publishing workflow changed from 1.0.0 (publish.yml → release.yml)', async () => {
    const { history } = serviceFor(sigstoreRegistry());
    const h = await history('2.0.0');
    expect(h.entries.map((e) => [e.version, e.status])).toEqual([['1.0.0', 'verified']]);
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toMatchObject({
      kind: 'publisher-changed',
      version: '2.0.0',
      previousVersion: '1.0.0',
      level: 'medium',
      // The same repository: 1.0.0 from a tag on a release event, 2.0.0 from a push to main.
      changed: ['workflowPath', 'trigger', 'refKind'],
      previousIdentity: { workflowPath: '.github/workflows/publish.yml' },
      identity: { workflowPath: '.github/workflows/release.yml' },
    });
  });

  it('5.0.1 without provenance after verified 2.0.0: provenance-lost, stopping at the first verified version', async () => {
    const { history, registry } = serviceFor(sigstoreRegistry());
    const h = await history('5.0.1');
    expect(h.entries.map((e) => [e.version, e.status])).toEqual([['3.0.0', 'absent'], ['2.3.1', 'absent'], ['2.0.0', 'verified'], ['1.0.0', 'unchecked']]);
    expect(h.alerts.map((a) => [a.kind, a.previousVersion])).toEqual([['provenance-lost', '2.0.0']]);
    // 1.0.0 was never fetched: the walk stops at the first verified version (5.x has no other release, so the overall one is all there is).
    expect(registry.urls.some((u) => u.includes('sigstore@1.0.0'))).toBe(false);
  });

  it('1.0.0: no history yet, no alert', async () => {
    const { history } = serviceFor(sigstoreRegistry());
    expect(await history('1.0.0')).toEqual({ entries: [], alerts: [] });
  });

  it('a tampered earlier bundle never counts as "verified" history', async () => {
    const registry = sigstoreRegistry();
    const v2 = readFixtureJSON<any>('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json');
    v2.dsseEnvelope.signatures[0].sig = Buffer.from('x'.repeat(70)).toString('base64');
    registry.attestations('sigstore', '2.0.0', { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle: v2 }] });
    const { history } = serviceFor(registry);
    const h = await history('5.0.1');
    expect(h.entries.find((e) => e.version === '2.0.0')?.status).toBe('failed');
    expect(h.alerts.map((a) => [a.kind, a.previousVersion])).toEqual([['provenance-lost', '1.0.0']]);
  });
});

import { describe, expect, it } from 'vitest';
import { embeddedNpmKeysJSON, embeddedTrustedRootJSON, publicGoodTrust } from '../../lib/verify/embedded-trust';
import { loadTrustedRoot } from '../../lib/verify/trust-root';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { readFixture, readFixtureJSON } from '../support/fixtures';
import { isProvenantError } from '../../lib/errors/provenant-error';

type Json = Record<string, any>;

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'NO_ERROR';
  } catch (e) {
    return isProvenantError(e, 'verify') ? e.code : `THREW ${(e as Error).message}`;
  }
}

describe('embedded trust material', () => {
  it('comes from @sigstore/tuf\u2019s seed: public-good root with Rekor v1 and v2 logs', () => {
    const root = embeddedTrustedRootJSON() as Json;
    expect(root.mediaType).toMatch(/^application\/vnd\.dev\.sigstore\.trustedroot/);
    expect(root.tlogs.map((t: Json) => t.baseUrl)).toContain('https://rekor.sigstore.dev');
    expect(publicGoodTrust().material.tlogs.length).toBe(root.tlogs.length);
  });

  it('takes only npm:attestations keys from npm\u2019s key list', () => {
    const keys = embeddedNpmKeysJSON() as Json;
    const material = publicGoodTrust().material;
    const attestationKeys = keys.keys.filter((k: Json) => k.keyUsage === 'npm:attestations');
    expect(attestationKeys.length).toBeGreaterThan(0);
    for (const k of attestationKeys) expect(() => material.publicKey(k.keyId)).not.toThrow();
    expect(() => material.publicKey('SHA256:not-a-key')).toThrow();
    // The old key's npm:attestations window ends on 2025-01-29.
    const old = material.publicKey('SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA');
    expect(old.validFor(new Date('2024-06-01'))).toBe(true);
    expect(old.validFor(new Date('2025-06-01'))).toBe(false);
  });

  it('is byte-identical in content to the recorded public-good root', () => {
    expect(embeddedTrustedRootJSON()).toEqual(readFixtureJSON('trusted-roots/public-good/trusted_root.json'));
  });
});

describe('loadTrustedRoot refuses unsound roots', () => {
  const root = () => structuredClone(embeddedTrustedRootJSON()) as Json;
  it.each<[string, (r: Json) => void]>([
    ['tlog key without validity start', (r) => delete r.tlogs[0].publicKey.validFor.start],
    ['tlog key without validity at all', (r) => delete r.tlogs[0].publicKey.validFor],
    ['ctlog key without validity start', (r) => delete r.ctlogs[1].publicKey.validFor.start],
    ['CA without validity start', (r) => delete r.certificateAuthorities[1].validFor.start],
    ['not a trusted root', (r) => (r.mediaType = 'application/json')],
    ['a tlog entry that is not an object', (r) => (r.tlogs = [null])],
    ['key bytes empty', (r) => (r.tlogs[0].publicKey.rawBytes = '')],
    ['tlog key validity end unreadable', (r) => (r.tlogs[1].publicKey.validFor.end = 'soon')],
    ['tlog key validity ending before it starts', (r) => (r.tlogs[1].publicKey.validFor.end = '2025-09-22T00:00:00Z')],
    ['TSA validity end unreadable', (r) => (r.timestampAuthorities[0].validFor.end = '2026-13-45T00:00:00Z')],
  ])('%s', (_name, mutate) => {
    const r = root();
    mutate(r);
    expect(codeOf(() => loadTrustedRoot(r, { name: 'test' }))).toBe('TRUST_ROOT_INVALID');
  });

  // protobuf JSON leaves empty repeated fields out (GitHub's own instance root has no logs at all).
  it.each<[string, (r: Json) => void]>([
    ['no tlogs', (r) => delete r.tlogs],
    ['no ctlogs', (r) => delete r.ctlogs],
    ['no certificate authorities', (r) => delete r.certificateAuthorities],
    ['no timestamp authorities', (r) => delete r.timestampAuthorities],
  ])('accepts a root with omitted empty lists: %s', (_name, mutate) => {
    const r = root();
    mutate(r);
    expect(codeOf(() => loadTrustedRoot(r, { name: 'test' }))).toBe('NO_ERROR');
  });

  it('loads GitHub\u2019s instance root, which has neither tlogs nor ctlogs', () => {
    const github = readFixture('trusted-roots/github/trusted_root_github.json').toString('utf8');
    expect(codeOf(() => loadTrustedRoot(github, { name: 'github' }))).toBe('NO_ERROR');
    const trust = loadTrustedRoot(github, { name: 'github' });
    expect(trust.material.tlogs).toEqual([]);
    expect(trust.material.certificateAuthorities.length).toBe(6);
  });

  it('still refuses GitHub\u2019s root when one of its CAs loses its validity start', () => {
    const github = readFixtureJSON<Json>('trusted-roots/github/trusted_root_github.json');
    delete github.certificateAuthorities[2].validFor.start;
    expect(codeOf(() => loadTrustedRoot(github, { name: 'github' }))).toBe('TRUST_ROOT_INVALID');
  });

  it('accepts the unmodified root', () => {
    expect(codeOf(() => loadTrustedRoot(root(), { name: 'test' }))).toBe('NO_ERROR');
  });

  it('rejects malformed JSON text', () => {
    expect(codeOf(() => loadTrustedRoot('{"mediaType":', { name: 'test' }))).toBe('TRUST_ROOT_INVALID');
  });
});

describe('another trusted root when given one', () => {
  it('verifies a staging-signed bundle with the staging root and not with public-good', () => {
    const bundle = readFixtureJSON<Json>('pypi-attestations/legacy-sigstore-bundles/rfc8785-0.1.2-py3-none-any.whl.sigstore');
    const staging = loadTrustedRoot(readFixture('trusted-roots/staging/trusted_root.sigstore-python.json').toString('utf8'), { name: 'staging' });
    expect(codeOf(() => verifyBundle(bundle, { trust: staging }))).toBe('NO_ERROR');
    expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('CERT_CHAIN_UNTRUSTED');
  });

  it('verifies a GitHub-instance bundle only with GitHub\u2019s root — and rejects it for having no transparency-log entry', () => {
    const bundle = readFixtureJSON<Json>('trusted-roots/github/sample-bundles/github-private-attestation.sigstore.json');
    // Provenant requires a transparency-log entry; GitHub's private instance has none.
    expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('TLOG_MISSING');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { embeddedNpmKeysJSON, embeddedTrustedRootJSON, publicGoodTrust } from '../../lib/verify/embedded-trust';
import { loadTrustedRoot } from '../../lib/verify/trust-root';
import { MAX_BUNDLE_BYTES } from '../../lib/verify/limits';
import { verifyBundle, type VerifyOptions } from '../../lib/verify/verify-bundle';
import { fixturePath, readFixtureJSON } from '../support/fixtures';
import { tamper, type TamperKind } from '../support/tamper';
import { codeOf } from '../support/verify-outcome';
import type { VerifyErrorCode } from '../../lib/errors/vocabulary';

type Json = Record<string, any>;


interface RealCase {
  name: string;
  bundle: () => Json;
  options: () => VerifyOptions;
  /** Tamperings that apply to this bundle and the code each must give. */
  tamperings: Partial<Record<TamperKind, VerifyErrorCode>>;
}

const npmAttestations = () => readFixtureJSON<{ attestations: { predicateType: string; bundle: Json }[] }>('npm-attestations/npm-cli/valid-sigstore-attestations.json').attestations;
const trust = () => ({ trust: publicGoodTrust() });

const cases: RealCase[] = [
  {
    name: 'npm SLSA provenance v0.2 (bundle v0.1, intoto/0.0.2, SET only)',
    bundle: () => npmAttestations().find((a) => a.predicateType.startsWith('https://slsa.dev'))!.bundle,
    options: trust,
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'npm publish attestation (registry key SHA256:jl3b…)',
    bundle: () => npmAttestations().find((a) => a.predicateType.includes('npm/attestation'))!.bundle,
    options: trust,
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', 'tlog-body': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'PyPI PEP 740 attestation as a v0.3 DSSE bundle (pypi_attestation_models 0.0.4a2)',
    bundle: () => readFixtureJSON('pypi-attestations/legacy-sigstore-bundles/pypi_attestation_models-0.0.4a2.tar.gz.sigstore'),
    options: trust,
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'Rekor v2 DSSE bundle with RFC 3161 timestamp (sigstore-js fixture)',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json'),
    options: trust,
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TIMESTAMP_INVALID', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'Rekor v2 message-signature bundle (hashedrekord/0.0.2)',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-MSG-TLOG_HASHEDREKORDV002.json'),
    options: () => ({ ...trust(), artifact: { kind: 'bytes', bytes: Buffer.from('hello, world!') } }),
    tamperings: { signature: 'TIMESTAMP_INVALID', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
];

describe('verifyBundle on real bundles', () => {
  it.each(cases)('$name verifies', (c) => {
    const result = verifyBundle(c.bundle(), c.options());
    expect(result.tlogEntries.length).toBeGreaterThan(0);
    expect(result.timestamps.length).toBeGreaterThan(0);
  });

  const tamperCases = cases.flatMap((c) => Object.entries(c.tamperings).map(([kind, code]) => ({ c, kind: kind as TamperKind, code })));
  it.each(tamperCases)('$c.name: one byte of $kind changed → $code', ({ c, kind, code }) => {
    expect(codeOf(() => verifyBundle(tamper(c.bundle(), kind), c.options()))).toBe(code);
  });
});

describe('what a verified bundle reports', () => {
  it('npm provenance: legacy Fulcio extensions, Rekor v1 entry and statement', () => {
    const result = verifyBundle(cases[0]!.bundle(), trust());
    expect(result.signer).toMatchObject({
      kind: 'certificate',
      identity: {
        subjectAlternativeName: 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0',
        issuer: 'https://token.actions.githubusercontent.com',
        extensions: { legacyWorkflowRepository: 'sigstore/sigstore-js', legacyWorkflowSha: '06528997c3c8ab9f864fad9a3658446aca7fd86d' },
      },
    });
    expect(result.tlogEntries[0]).toMatchObject({ logIndex: '12988397', kind: 'intoto', rekorVersion: 1, searchUrl: 'https://search.sigstore.dev/?logIndex=12988397' });
    expect(result.statement?.subject[0]?.name).toBe('pkg:npm/sigstore@1.0.0');
  });

  it('npm publish attestation: signed by the registry key, not a certificate', () => {
    const result = verifyBundle(cases[1]!.bundle(), trust());
    expect(result.signer).toEqual({ kind: 'public-key', keyHint: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA' });
  });

  it('npm publish attestation: refused when signed outside the registry key\u2019s validity window', () => {
    // Logged 2023-02-09; the same key with a window that closed the day before.
    const keys = structuredClone(embeddedNpmKeysJSON()) as Json;
    for (const k of keys.keys) if (k.keyId === 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA') k.publicKey.validFor = { start: '1999-01-01T00:00:00Z', end: '2023-02-08T00:00:00Z' };
    const narrowed = loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good, narrowed npm key', npmKeys: keys });
    expect(codeOf(() => verifyBundle(cases[1]!.bundle(), { trust: narrowed }))).toBe('KEY_UNKNOWN');
    // The same key and bundle inside the window verify.
    expect(codeOf(() => verifyBundle(cases[1]!.bundle(), trust()))).toBe('NO_ERROR');
  });

  it('PyPI attestation: Fulcio v2 extensions by name', () => {
    const result = verifyBundle(cases[2]!.bundle(), trust());
    if (result.signer.kind !== 'certificate') throw new Error('expected certificate');
    const ext = result.signer.identity.extensions;
    expect(ext.sourceRepositoryURI).toBe('https://github.com/trailofbits/pypi-attestation-models');
    expect(ext.buildConfigURI).toMatch(/^https:\/\/github.com\/trailofbits\/pypi-attestation-models\/\.github\/workflows\/release\.yml@/);
    expect(ext.runnerEnvironment).toBe('github-hosted');
    expect(ext.sourceRepositoryIdentifier).toMatch(/^\d+$/);
  });

  it('Rekor v2 entry: no integrated time, time from the timestamp authority, no search link', () => {
    const result = verifyBundle(cases[3]!.bundle(), trust());
    expect(result.tlogEntries[0]).toMatchObject({ rekorVersion: 2, integratedTime: undefined, searchUrl: undefined });
    expect(result.timestamps.map((t) => t.source)).toEqual(['timestamp-authority']);
  });

  it('identity policy: exact SAN and issuer must match', () => {
    const bundle = cases[0]!.bundle();
    const san = 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0';
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), identity: { subjectAlternativeName: san, issuer: 'https://token.actions.githubusercontent.com' } }))).toBe('NO_ERROR');
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), identity: { subjectAlternativeName: san.replace('v1.0.0', 'v1.0.1') } }))).toBe('IDENTITY_MISMATCH');
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), identity: { issuer: 'https://gitlab.com' } }))).toBe('IDENTITY_MISMATCH');
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), identity: { subjectAlternativeName: /^https:\/\/github\.com\/sigstore\// } }))).toBe('IDENTITY_MISMATCH');
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), identity: { subjectAlternativeName: /^https:\/\/github\.com\/sigstore\/.*/ } }))).toBe('NO_ERROR');
  });

  it('a key-signed bundle never satisfies an identity policy', () => {
    expect(codeOf(() => verifyBundle(cases[1]!.bundle(), { ...trust(), identity: { issuer: 'https://token.actions.githubusercontent.com' } }))).toBe('IDENTITY_MISMATCH');
  });

  it('artifact digest: DSSE subject must carry it; a message signature is checked over the bytes or the digest', () => {
    const bundle = cases[0]!.bundle();
    const hex = '7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36';
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), artifact: { kind: 'digest', algorithm: 'sha512', hex } }))).toBe('NO_ERROR');
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), artifact: { kind: 'digest', algorithm: 'sha512', hex: hex.replace(/^7/, '8') } }))).toBe('SUBJECT_MISMATCH');
    const tarball = readFileSync(fixturePath('npm-registry/tarballs/sigstore-1.0.0.tgz'));
    // The subject carries only sha512 (npm): the bytes are hashed with it.
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), artifact: { kind: 'bytes', bytes: tarball } }))).toBe('NO_ERROR');
    const otherTarball = readFileSync(fixturePath('npm-registry/tarballs/tuf-js-1.0.0.tgz'));
    expect(codeOf(() => verifyBundle(bundle, { ...trust(), artifact: { kind: 'bytes', bytes: otherTarball } }))).toBe('SUBJECT_MISMATCH');
    const msg = cases[4]!;
    expect(codeOf(() => verifyBundle(msg.bundle(), { ...trust(), artifact: { kind: 'bytes', bytes: Buffer.from('hello, world?') } }))).toBe('SIGNATURE_INVALID');
    const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(codeOf(() => verifyBundle(msg.bundle(), { ...trust(), artifact: { kind: 'digest', algorithm: 'sha256', hex: digestOf('hello, world!') } }))).toBe('NO_ERROR');
    expect(codeOf(() => verifyBundle(msg.bundle(), { ...trust(), artifact: { kind: 'digest', algorithm: 'sha256', hex: digestOf('hello, world?') } }))).toBe('SUBJECT_MISMATCH');
    expect(codeOf(() => verifyBundle(msg.bundle(), { ...trust(), artifact: { kind: 'digest', algorithm: 'sha512', hex: createHash('sha512').update('hello, world!').digest('hex') } }))).toBe('SUBJECT_MISMATCH');
    expect(codeOf(() => verifyBundle(msg.bundle(), trust()))).toBe('SUBJECT_MISMATCH');
  });

  it('a staging-signed bundle does not verify against the public-good root', () => {
    const bundle = readFixtureJSON<Json>('pypi-attestations/legacy-sigstore-bundles/rfc8785-0.1.2-py3-none-any.whl.sigstore');
    expect(codeOf(() => verifyBundle(bundle, trust()))).toBe('CERT_CHAIN_UNTRUSTED');
  });
});

describe('malformed input gives a typed error, never a crash or success', () => {
  const good = () => cases[2]!.bundle();
  const table: [string, () => unknown, VerifyErrorCode][] = [
    ['not JSON', () => '{"mediaType": "appl', 'MALFORMED_BUNDLE'],
    ['JSON but not an object', () => '[1,2,3]', 'MALFORMED_BUNDLE'],
    ['empty object', () => ({}), 'MALFORMED_BUNDLE'],
    ['unknown media type', () => ({ ...good(), mediaType: 'application/vnd.dev.sigstore.bundle+json;version=99.9' }), 'UNSUPPORTED_MEDIA_TYPE'],
    ['bad base64 signature', () => { const b = good(); b.dsseEnvelope.signatures[0].sig = 'not*base64!'; return b; }, 'MALFORMED_BUNDLE'],
    ['truncated certificate', () => { const b = good(); const c = b.verificationMaterial.certificate; c.rawBytes = Buffer.from(c.rawBytes, 'base64').subarray(0, 100).toString('base64'); return b; }, 'MALFORMED_BUNDLE'],
    ['certificate of random bytes', () => { const b = good(); b.verificationMaterial.certificate.rawBytes = Buffer.alloc(300, 7).toString('base64'); return b; }, 'MALFORMED_BUNDLE'],
    ['no transparency-log entries', () => { const b = good(); b.verificationMaterial.tlogEntries = []; return b; }, 'TLOG_MISSING'],
    ['negative log index', () => { const b = good(); b.verificationMaterial.tlogEntries[0].logIndex = '-1'; return b; }, 'MALFORMED_BUNDLE'],
    ['statement that is not in-toto', () => { const b = good(); b.dsseEnvelope.payloadType = 'text/plain'; return b; }, 'SIGNATURE_INVALID'],
    ['oversized input', () => JSON.stringify({ ...good(), padding: 'x'.repeat(MAX_BUNDLE_BYTES) }), 'INPUT_TOO_LARGE'],
    ['null', () => null, 'MALFORMED_BUNDLE'],
  ];
  it.each(table)('%s → %s', (_name, input, code) => {
    expect(codeOf(() => verifyBundle(input(), trust()))).toBe(code);
  });
});

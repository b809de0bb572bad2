import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTrustedPublisher } from '../../../lib/registries/rubygems/identity';
import { repairAttestationBundle } from '../../../lib/registries/rubygems/repair';
import { verifyGemAttestation } from '../../../lib/registries/rubygems/verify-attestation';
import type { CertificateIdentity } from '../../../lib/verify/certificate-identity';
import { ProvenantError } from '../../../lib/errors/provenant-error';
import { verifyBundle } from '../../../lib/verify/verify-bundle';
import { readFixtureJSON } from '../../support/fixtures';
import { ioConsoleJavaBundle, ioConsoleJavaSha, publicGood } from './replay';

/** The verified certificate identity of the real io-console 0.8.0 java bundle. */
function ioConsoleCert(): CertificateIdentity {
  const verified = verifyBundle(ioConsoleJavaBundle(), { trust: publicGood(), artifact: { kind: 'digest', algorithm: 'sha256', hex: ioConsoleJavaSha() } });
  if (verified.signer.kind !== 'certificate') throw new Error('expected a certificate');
  return verified.signer.identity;
}

describe('rubygems.org’s trusted-publisher rule (GitHub Actions, the workflow at the certificate’s ref)', () => {
  it('accepts the real io-console certificate and reads its workflow', () => {
    expect(checkTrustedPublisher(ioConsoleCert())).toEqual({ workflowRepository: 'ruby/io-console', workflowFile: 'push_gem.yml', ref: 'refs/tags/v0.8.0' });
  });

  // Each row changes one field of the real certificate identity to what rubygems.org's policy would refuse.
  it.each<[string, (c: CertificateIdentity) => CertificateIdentity]>([
    ['a ref other than the certificate’s Source Repository Ref', (c) => ({ ...c, extensions: { ...c.extensions, sourceRepositoryRef: 'refs/heads/main' } })],
    ['no Source Repository Ref at all', (c) => ({ ...c, extensions: { ...c.extensions, sourceRepositoryRef: undefined } })],
    ['a workflow in a subdirectory', (c) => ({ ...c, subjectAlternativeName: 'https://github.com/ruby/io-console/.github/workflows/sub/push_gem.yml@refs/tags/v0.8.0' })],
    ['a workflow that is not a .yml file', (c) => ({ ...c, subjectAlternativeName: 'https://github.com/ruby/io-console/.github/workflows/push_gem.sh@refs/tags/v0.8.0' })],
    ['a file outside .github/workflows', (c) => ({ ...c, subjectAlternativeName: 'https://github.com/ruby/io-console/push_gem.yml@refs/tags/v0.8.0' })],
    ['another host', (c) => ({ ...c, subjectAlternativeName: 'https://github.com.evil.example/ruby/io-console/.github/workflows/push_gem.yml@refs/tags/v0.8.0' })],
    ['no SAN', (c) => ({ ...c, subjectAlternativeName: undefined })],
  ])('refuses %s (IDENTITY_MISMATCH)', (_, change) => {
    let error: unknown;
    try {
      checkTrustedPublisher(change(ioConsoleCert()));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProvenantError);
    expect((error as ProvenantError).code).toBe('IDENTITY_MISMATCH');
  });

  it('a valid bundle signed by a person (GitHub OAuth, an email) is unsupported, never verified', async () => {
    // Real Rekor v2 message-signature bundle over "hello, world!", signed by brian@dehamer.com.
    const bundle = readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-MSG-TLOG_HASHEDREKORDV002.json');
    const sha256 = createHash('sha256').update('hello, world!').digest('hex');
    const outcome = await verifyGemAttestation(bundle, { sha256, metadata: {} }, publicGood());
    expect(outcome).toMatchObject({ status: 'unsupported', code: 'UNSUPPORTED_SIGNER' });
    // The same bundle over other bytes is a failure, whoever signed it.
    const other = await verifyGemAttestation(bundle, { sha256: createHash('sha256').update('hello, world?').digest('hex'), metadata: {} }, publicGood());
    expect(other).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });
});

describe('repairAttestationBundle', () => {
  it('leaves a well-formed bundle untouched (the same object)', () => {
    const bundle = ioConsoleJavaBundle();
    const result = repairAttestationBundle(bundle);
    expect(result.bundle).toBe(bundle);
    expect(result.repairs).toEqual([]);
  });

  it('is needed: without it, a bundle missing kindVersion does not even parse', () => {
    const bundle = ioConsoleJavaBundle();
    delete bundle.verificationMaterial.tlogEntries[0].kindVersion;
    const options = { trust: publicGood(), artifact: { kind: 'digest' as const, algorithm: 'sha256' as const, hex: ioConsoleJavaSha() } };
    expect(() => verifyBundle(bundle, options)).toThrow(ProvenantError);
    const { bundle: repaired, repairs } = repairAttestationBundle(bundle);
    expect(repairs).toHaveLength(1);
    expect(verifyBundle(repaired, options).signer.kind).toBe('certificate');
    // The input was not changed.
    expect('kindVersion' in bundle.verificationMaterial.tlogEntries[0]).toBe(false);
  });

  it('is needed: without it, a certificate stored as base64 of PEM does not verify', () => {
    const bundle = ioConsoleJavaBundle();
    const der: string = bundle.verificationMaterial.certificate.rawBytes;
    bundle.verificationMaterial.certificate.rawBytes = Buffer.from(`-----BEGIN CERTIFICATE-----\r\n${der.match(/.{1,64}/g)!.join('\r\n')}\r\n-----END CERTIFICATE-----\r\n`).toString('base64');
    const options = { trust: publicGood(), artifact: { kind: 'digest' as const, algorithm: 'sha256' as const, hex: ioConsoleJavaSha() } };
    expect(() => verifyBundle(bundle, options)).toThrow(ProvenantError);
    const { bundle: repaired, repairs } = repairAttestationBundle(bundle);
    expect(repairs).toHaveLength(1);
    expect((repaired as any).verificationMaterial.certificate.rawBytes).toBe(der);
  });

  it('does not touch a PEM text holding two certificates, or anything not PEM', () => {
    const bundle = ioConsoleJavaBundle();
    const der: string = bundle.verificationMaterial.certificate.rawBytes;
    const two = `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----`;
    bundle.verificationMaterial.certificate.rawBytes = Buffer.from(two).toString('base64');
    expect(repairAttestationBundle(bundle).repairs).toEqual([]);
    expect(repairAttestationBundle({ verificationMaterial: { certificate: { rawBytes: '!!!' } } }).repairs).toEqual([]);
    expect(repairAttestationBundle('not an object').repairs).toEqual([]);
  });
});

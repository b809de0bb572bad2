import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { releaseReportSchema } from '../../lib/report/model';
import { Buffer as VendorBuffer, X509Certificate } from '../../lib/vendor/sigstore.generated.js';
import { certificateIdentity } from '../../lib/verify/certificate-identity';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { parseInTotoStatement, type InTotoStatement } from '../../lib/verify/statement';
import * as core from '../../lib/verify/verify-bundle';
import { readFixtureJSON } from '../support/fixtures';
import { FakeRegistry, attestationsResponse, packument, rawFixture, type Json } from './npm-fixtures';

/**
 * A signed provenance cannot be altered without breaking its signature, so
 * "predicate disagrees with certificate" and "statement has two subjects"
 * never reach the adapter from real bytes. Here the real core still verifies
 * the real bundle; only what it hands back is swapped for another REAL value
 * (another release's certificate, a libnpmpublish test statement) to show the
 * pipeline turns each check's failure into the report.
 */
vi.mock('../../lib/verify/verify-bundle', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/verify/verify-bundle')>();
  return { ...actual, verifyBundleFast: vi.fn(actual.verifyBundleFast) };
});

const actual = await vi.importActual<typeof import('../../lib/verify/verify-bundle')>('../../lib/verify/verify-bundle');

/** Swaps part of the core's result for bundles signed by `signer` (default: the provenance's certificate). */
function afterRealVerification(change: (v: core.VerifiedBundle) => core.VerifiedBundle, signer: core.BundleSigner['kind'] = 'certificate'): void {
  vi.mocked(core.verifyBundleFast).mockImplementation(async (input, options) => {
    const real = await actual.verifyBundleFast(input, options);
    return real.signer.kind === signer ? change(real) : real;
  });
}

afterEach(() => {
  vi.mocked(core.verifyBundleFast).mockImplementation(actual.verifyBundleFast);
});

async function sigstore100() {
  const registry = new FakeRegistry()
    .packument(packument('sigstore'))
    .attestations('sigstore', '1.0.0', attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json'));
  const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client(), trust: publicGoodTrust() });
  releaseReportSchema.parse(report);
  return report;
}

function libnpmpublishStatement(file: string): InTotoStatement {
  const bundle = JSON.parse(rawFixture('npm-attestations/npm-cli', file));
  return parseInTotoStatement(VendorBuffer.from(bundle.dsseEnvelope.payload, 'base64'), bundle.dsseEnvelope.payloadType);
}

describe('pipeline wiring of checks that real signed bytes cannot trigger', () => {
  it('unchanged, the real release verifies (the mock is transparent)', async () => {
    expect((await sigstore100()).status).toBe('verified');
  });

  it("sigstore's provenance presented with tuf-js's real certificate → failed PROVENANCE_INCONSISTENT, no identity", async () => {
    const tufjs = actual.verifyBundle(
      attestationsResponse('npm-attestations/npm-cli/valid-tuf-js-attestations.json').attestations[0]!.bundle,
      { trust: publicGoodTrust() },
    );
    afterRealVerification((v) => ({ ...v, signer: tufjs.signer }));
    const report = await sigstore100();
    expect(report).toMatchObject({ status: 'failed', code: 'PROVENANCE_INCONSISTENT' });
    expect(report.artifacts[0]!.detail).toContain('source repository');
    expect(report.identity).toBeUndefined();
    expect(report.artifacts[0]!.identity).toBeUndefined();
  });

  it('provenance whose certificate belongs to a person (email) → unsupported PROVENANCE_UNSUPPORTED', async () => {
    const bundle = readFixtureJSON<Json>('npm-attestations/npm-cli/digest-mismatch-provenance-bundle.json');
    const person = certificateIdentity(X509Certificate.parse(VendorBuffer.from(bundle.verificationMaterial.x509CertificateChain.certificates[0].rawBytes, 'base64')));
    afterRealVerification((v) => ({ ...v, signer: { kind: 'certificate', identity: person } }));
    expect(await sigstore100()).toMatchObject({ status: 'unsupported', code: 'PROVENANCE_UNSUPPORTED' });
  });

  it.each([
    ['multi-subject-provenance-bundle.json', /2 subjects/],
    ['digest-mismatch-provenance-bundle.json', /is about "pkg:npm\/%40npmcli\/libnpmpublish-test@1\.0\.0", not pkg:npm\/sigstore@1\.0\.0/],
  ])('provenance statement replaced by npm-cli %s → failed SUBJECT_MISMATCH', async (file, detail) => {
    const statement = libnpmpublishStatement(file);
    afterRealVerification((v) => ({ ...v, statement }));
    const report = await sigstore100();
    expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    expect(report.artifacts[0]!.detail).toMatch(detail);
  });

  it('provenance statement with no subject → failed SUBJECT_MISMATCH', async () => {
    afterRealVerification((v) => ({ ...v, statement: { ...v.statement!, subject: [] } }));
    expect(await sigstore100()).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
  });

  it("publish attestation whose predicate names another package (tuf-js's real one) → failed SUBJECT_MISMATCH", async () => {
    const tufjsPublish = actual.verifyBundle(
      attestationsResponse('npm-attestations/npm-cli/valid-tuf-js-attestations.json').attestations[1]!.bundle,
      { trust: publicGoodTrust() },
    );
    afterRealVerification((v) => ({ ...v, statement: { ...v.statement!, predicate: tufjsPublish.statement!.predicate } }), 'public-key');
    const report = await sigstore100();
    expect(report).toMatchObject({ status: 'failed', code: 'SUBJECT_MISMATCH' });
    expect(report.artifacts[0]!.detail).toBe('publish: SUBJECT_MISMATCH: the publish attestation is for tuf-js@1.0.0, not sigstore@1.0.0');
  });
});

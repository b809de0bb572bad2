/**
 * The verification core inside the real MV3 service worker of the built
 * extension: real bundles from tests/fixtures verify, and a one-byte
 * change to any signed or logged part is rejected with its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness/browser.ts';
import { diagnosticsExtension } from './harness/diagnostics-build.ts';
import { startReplayServer, type ReplayServer } from './harness/replay-server.ts';
import { readFixtureJSON } from '../support/fixtures';
import { tamper, type TamperKind } from '../support/tamper.ts';

type Json = Record<string, any>;
interface DiagnosticResult { ok: boolean; code?: string; detail?: string; signer?: string }

/** PEP 740 attestation (Integrity API shape) → Sigstore bundle v0.3, as VERIFY-NOTES describes. */
function pep740Bundle(att: Json): Json {
  const vm = att.verification_material;
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: vm.certificate },
      tlogEntries: vm.transparency_entries,
      timestampVerificationData: { rfc3161Timestamps: (vm.timestamps ?? []).map((t: string) => ({ signedTimestamp: t })) },
    },
    dsseEnvelope: {
      payload: att.envelope.statement,
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: att.envelope.signature, keyid: '' }],
    },
  };
}

const npm = () => readFixtureJSON<{ attestations: { predicateType: string; bundle: Json }[] }>('npm-attestations/npm-cli/valid-sigstore-attestations.json').attestations;

interface Case { name: string; bundle: () => Json; trustedRoot?: () => unknown; signer: string; tamperings: Partial<Record<TamperKind, string>> }

const cases: Case[] = [
  {
    name: 'npm SLSA provenance (v0.1, intoto)',
    bundle: () => npm().find((a) => a.predicateType.startsWith('https://slsa.dev'))!.bundle,
    signer: 'certificate',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'npm publish attestation (registry key)',
    bundle: () => npm().find((a) => a.predicateType.includes('npm/attestation'))!.bundle,
    signer: 'public-key',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', 'tlog-body': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'PyPI PEP 740, GitHub publisher (pypi_attestations 0.0.19)',
    bundle: () => pep740Bundle(readFixtureJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation')),
    signer: 'certificate',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'PyPI PEP 740, GitLab publisher (gitlab_oidc_project 0.0.3)',
    bundle: () => pep740Bundle(readFixtureJSON('pypi-attestations/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation')),
    signer: 'certificate',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TLOG_BODY_MISMATCH', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'PyPI PEP 740 with an RFC 3161 timestamp',
    bundle: () => pep740Bundle(readFixtureJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_timestamp')),
    signer: 'certificate',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TIMESTAMP_INVALID', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
  {
    name: 'Rekor v2 DSSE bundle',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json'),
    signer: 'certificate',
    tamperings: { payload: 'TLOG_BODY_MISMATCH', signature: 'TIMESTAMP_INVALID', certificate: 'CERT_CHAIN_UNTRUSTED', 'tlog-body': 'TLOG_PROOF_INVALID', 'inclusion-proof-hash': 'TLOG_PROOF_INVALID' },
  },
];

describe('verification in the Chromium service worker', () => {
  let server: ReplayServer;
  let h: ExtensionHarness;

  beforeAll(async () => {
    server = await startReplayServer();
    h = await launchExtension({ server, extensionPath: diagnosticsExtension() });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  const verifyInWorker = (bundle: unknown): Promise<DiagnosticResult> =>
    h.serviceWorker.evaluate((b) => (globalThis as any).provenantDiagnostics.verify(b), bundle);

  it.each(cases)('$name verifies', async (c) => {
    const result = await verifyInWorker(c.bundle());
    expect(result).toMatchObject({ ok: true, signer: c.signer });
  });

  const tamperings = cases.flatMap((c) => Object.entries(c.tamperings).map(([kind, code]) => ({ c, kind: kind as TamperKind, code })));
  it.each(tamperings)('$c.name with one byte of $kind changed is rejected: $code', async ({ c, kind, code }) => {
    const result = await verifyInWorker(tamper(c.bundle(), kind));
    expect(result).toMatchObject({ ok: false, code });
  });

  it('rejects malformed input without crashing the worker', async () => {
    expect(await verifyInWorker('{"mediaType":')).toMatchObject({ ok: false, code: 'MALFORMED_BUNDLE' });
    expect(await verifyInWorker({ mediaType: 'application/vnd.dev.sigstore.bundle+json;version=9' })).toMatchObject({ ok: false, code: 'MALFORMED_BUNDLE' });
    expect((await verifyInWorker(cases[0]!.bundle())).ok).toBe(true);
  });

  it('runs the noble replacement, not a Node crypto (there is none in a worker)', async () => {
    const hasNodeCrypto = await h.serviceWorker.evaluate(() => typeof (globalThis as any).process?.versions?.node === 'string');
    expect(hasNodeCrypto).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ReleaseDetails } from '../../components/popup/ReleaseDetails';
import { verdictSchema } from '../../lib/policy/verdict';
import { pep740ToBundle } from '../../lib/registries/pypi/bundle';
import { tlogRef } from '../../lib/report/tlog-ref';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { loadTrustedRoot } from '../../lib/verify/trust-root';
import { verifyBundle, type VerifiedBundle } from '../../lib/verify/verify-bundle';
import { fixturePath, readFixtureJSON } from '../support/fixtures';
import { installDom, mount, uninstallDom } from '../ui/dom';
import { codeOf } from '../support/verify-outcome';

/**
 * A transparency-log entry's top-level logIndex and integratedTime are signed
 * only by its inclusion promise (SET). Without one, anyone on the delivery
 * path can change them and the bundle still verifies, so they must not be
 * reported, shown or linked. Forged values below: index 1, time 2001-09-09.
 */

type Json = Record<string, any>;

const FORGED_INDEX = '1';
const FORGED_TIME = '1000000000'; // 2001-09-09T01:46:40Z

function forge(entry: Json): void {
  entry.logIndex = FORGED_INDEX;
  entry.integratedTime = FORGED_TIME;
}


const v2Dsse = () => readFixtureJSON<Json>('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json');
// Production Rekor v1 entry: global index 598461431, shard-local (proof) index 476557169, plus a TSA timestamp.
const v1WithTimestamp = () => pep740ToBundle(readFixtureJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_timestamp')) as unknown as Json;
const customRootCase = () => {
  const dir = fixturePath('sigstore-conformance/test/assets/bundle-verify/intoto-with-custom-trust-root');
  return {
    bundle: JSON.parse(readFileSync(`${dir}/bundle.sigstore.json`, 'utf8')) as Json,
    options: { trust: loadTrustedRoot(readFileSync(`${dir}/trusted_root.json`, 'utf8')), artifact: { kind: 'bytes' as const, bytes: readFileSync(`${dir}/artifact`) } },
  };
};

describe('reported log index and integrated time are only ever authenticated ones', () => {
  it('Rekor v2: a forged top-level index and time still verify, but the report keeps the proven index and no time', () => {
    const bundle = v2Dsse();
    forge(bundle.verificationMaterial.tlogEntries[0]);
    const result = verifyBundle(bundle, { trust: publicGoodTrust() });
    expect(result.tlogEntries[0]).toMatchObject({ rekorVersion: 2, logIndex: '544346', integratedTime: undefined, searchUrl: undefined, hasInclusionPromise: false });
    expect(result.timestamps).toEqual([{ source: 'timestamp-authority', time: '2025-12-11T19:36:08.000Z' }]);
  });

  it('Rekor v2: the reported index is the one the inclusion proof proves (changing it breaks the proof)', () => {
    const bundle = v2Dsse();
    bundle.verificationMaterial.tlogEntries[0].inclusionProof.logIndex = '544347';
    expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('TLOG_PROOF_INVALID');
  });

  it('Rekor v1 without an inclusion promise: a forged index and time still verify, but neither is reported nor linked', () => {
    const bundle = v1WithTimestamp();
    const entry = bundle.verificationMaterial.tlogEntries[0];
    delete entry.inclusionPromise;
    forge(entry);
    const result = verifyBundle(bundle, { trust: publicGoodTrust() });
    expect(result.tlogEntries[0]).toMatchObject({ rekorVersion: 1, logIndex: undefined, integratedTime: undefined, searchUrl: undefined, hasInclusionProof: true, hasInclusionPromise: false });
    expect(result.timestamps).toEqual([{ source: 'timestamp-authority', time: '2025-10-10T08:22:28.000Z' }]);
  });

  it('Rekor v1 without an inclusion promise, custom root (the audit\u2019s input): nothing unauthenticated reported', () => {
    const { bundle, options } = customRootCase();
    const entry = bundle.verificationMaterial.tlogEntries[0];
    delete entry.inclusionPromise;
    forge(entry);
    const result = verifyBundle(bundle, options);
    expect(result.tlogEntries[0]).toMatchObject({ logIndex: undefined, integratedTime: undefined, searchUrl: undefined });
    expect(result.timestamps).toEqual([{ source: 'timestamp-authority', time: '2023-02-01T00:00:00.000Z' }]);
  });

  it('Rekor v1 with an inclusion promise: the signed global index, time and search link', () => {
    const result = verifyBundle(v1WithTimestamp(), { trust: publicGoodTrust() });
    expect(result.tlogEntries[0]).toMatchObject({
      rekorVersion: 1,
      logIndex: '598461431',
      integratedTime: '2025-10-10T08:22:28.000Z',
      searchUrl: 'https://search.sigstore.dev/?logIndex=598461431',
      hasInclusionPromise: true,
    });
  });

  it.each([
    ['index', (e: Json) => (e.logIndex = FORGED_INDEX)],
    // One second later, so the certificate is still valid and only the promise can object.
    ['time', (e: Json) => (e.integratedTime = String(Number(e.integratedTime) + 1))],
  ])('Rekor v1 with an inclusion promise: a forged %s breaks the promise', (_what, change) => {
    const bundle = v1WithTimestamp();
    change(bundle.verificationMaterial.tlogEntries[0]);
    expect(codeOf(() => verifyBundle(bundle, { trust: publicGoodTrust() }))).toBe('TLOG_PROOF_INVALID');
  });

  it('search.sigstore.dev is linked only for the public-good Rekor v1 log, whose indexes it looks up', () => {
    const { bundle, options } = customRootCase();
    expect(verifyBundle(bundle, options).tlogEntries[0]).toMatchObject({ logIndex: '4288993', searchUrl: undefined });
    const staging = loadTrustedRoot(readFixtureJSON('trusted-roots/staging/trusted_root.sigstore-python.json'), { name: 'staging' });
    const stagingBundle = readFixtureJSON('pypi-attestations/legacy-sigstore-bundles/rfc8785-0.1.2-py3-none-any.whl.sigstore');
    expect(verifyBundle(stagingBundle, { trust: staging }).tlogEntries[0]).toMatchObject({ logIndex: '28175749', searchUrl: undefined });
  });
});

describe('the popup shows the verified time and only an authenticated log index', () => {
  afterEach(() => uninstallDom());

  // As the PyPI adapter summarizes a verified bundle (TSA time first).
  function verdictFor(verified: VerifiedBundle) {
    const signedAt = verified.timestamps.find((t) => t.source === 'timestamp-authority')?.time ?? verified.timestamps[0]?.time;
    return verdictSchema.parse({
      status: 'verified',
      report: {
        ecosystem: 'pypi',
        package: 'pypi-attestations',
        version: '0.0.19',
        status: 'verified',
        checkedAt: '2026-01-01T00:00:00.000Z',
        artifacts: [
          {
            name: 'pypi_attestations-0.0.19.tar.gz',
            digest: { algorithm: 'sha256', hex: '00'.repeat(32) },
            status: 'verified',
            attestations: [
              {
                predicateType: 'https://docs.pypi.org/attestations/publish/v1',
                signer: 'certificate',
                tlog: verified.tlogEntries.map(tlogRef),
                ...(signedAt ? { signedAt } : {}),
              },
            ],
          },
        ],
      },
      pinDifferences: [],
    });
  }

  async function render(verified: VerifiedBundle) {
    const dom = installDom();
    const root = await mount(<ReleaseDetails verdict={verdictFor(verified)} />, dom);
    const logField = root.querySelector('[data-field="logIndex"]')!;
    // Times are shown in the reader's zone; the exact UTC instant is the <time datetime>.
    const times = [...root.querySelectorAll('time')].map((t) => t.getAttribute('datetime') ?? '').join(' ');
    return { text: `${root.textContent ?? ''} ${times}`, times, logText: logField.textContent, link: logField.querySelector('a')?.getAttribute('href') ?? null };
  }

  it('Rekor v1 entry stripped of its promise, index and time forged: TSA time shown, no index, no link', async () => {
    const bundle = v1WithTimestamp();
    const entry = bundle.verificationMaterial.tlogEntries[0];
    delete entry.inclusionPromise;
    forge(entry);
    const shown = await render(verifyBundle(bundle, { trust: publicGoodTrust() }));
    expect(shown.times).toContain('2025-10-10T08:22:28');
    expect(shown.text).not.toContain('2001-09-09');
    expect(shown.logText).toBe('\u2014');
    expect(shown.link).toBeNull();
  });

  it('Rekor v2 entry with forged index and time: TSA time and the proven index, unlinked', async () => {
    const bundle = v2Dsse();
    forge(bundle.verificationMaterial.tlogEntries[0]);
    const shown = await render(verifyBundle(bundle, { trust: publicGoodTrust() }));
    expect(shown.times).toContain('2025-12-11T19:36:08');
    expect(shown.text).not.toContain('2001-09-09');
    expect(shown.logText).toBe('544346');
    expect(shown.link).toBeNull();
  });

  it('Rekor v1 entry with its promise: the signed index links to search.sigstore.dev', async () => {
    const shown = await render(verifyBundle(v1WithTimestamp(), { trust: publicGoodTrust() }));
    expect(shown.times).toContain('2025-10-10T08:22:28');
    expect(shown.logText).toBe('598461431');
    expect(shown.link).toBe('https://search.sigstore.dev/?logIndex=598461431');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pep740ToBundle } from '../../lib/registries/pypi/bundle';
import { loadTrustedRoot, type TrustContext } from '../../lib/verify/trust-root';
import { verifyBundle, type VerifyOptions } from '../../lib/verify/verify-bundle';
import { fixturePath, readFixtureJSON } from '../support/fixtures';
import { isProvenantError } from '../../lib/errors/provenant-error';

/**
 * A transparency log's key vouches for entries only within its validFor
 * period in the trusted root. sigstore-js checks that for inclusion promises
 * (SET) only; these cases go through the checkpoint (inclusion proof) path.
 */

type Json = Record<string, any>;

function outcome(fn: () => unknown): { code: string; detail?: string } {
  try {
    fn();
    return { code: 'NO_ERROR' };
  } catch (e) {
    if (isProvenantError(e, 'verify')) return { code: e.code, detail: e.detail };
    throw e;
  }
}

const REKOR_V2 = 'https://log2025-1.rekor.sigstore.dev';
const REKOR_V1 = 'https://rekor.sigstore.dev';

/** The recorded public-good root with one log key's validity period replaced. */
function publicGoodWith(baseUrl: string, validFor: { start: string; end?: string }): TrustContext {
  const root = readFixtureJSON<Json>('trusted-roots/public-good/trusted_root.json');
  const log = root.tlogs.find((t: Json) => t.baseUrl === baseUrl);
  if (!log) throw new Error(`no log ${baseUrl} in the recorded root`);
  log.publicKey.validFor = validFor;
  return loadTrustedRoot(root, { name: 'public-good, modified' });
}

const publicGood = () => loadTrustedRoot(readFixtureJSON('trusted-roots/public-good/trusted_root.json'), { name: 'public-good' });

interface V2Case {
  name: string;
  bundle: () => Json;
  options: Omit<VerifyOptions, 'trust'>;
  /** The bundle's RFC 3161 time, its only verified time. */
  tsaTime: string;
}

const v2Cases: V2Case[] = [
  {
    name: 'Rekor v2 DSSE bundle',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-DSSE-TLOG_DSSEV002.json'),
    options: {},
    tsaTime: '2025-12-11T19:36:08.000Z',
  },
  {
    name: 'Rekor v2 hashedrekord bundle',
    bundle: () => readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-MSG-TLOG_HASHEDREKORDV002.json'),
    options: { artifact: { kind: 'bytes', bytes: Buffer.from('hello, world!') } },
    tsaTime: '2025-12-14T02:04:50.000Z',
  },
];

const shift = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe('Rekor v2 entries: the log key must be valid at the verified time', () => {
  it.each(v2Cases)('$name verifies under the recorded root', (c) => {
    const result = verifyBundle(c.bundle(), { ...c.options, trust: publicGood() });
    expect(result.timestamps).toEqual([{ source: 'timestamp-authority', time: c.tsaTime }]);
  });

  it.each(v2Cases)('$name: log2025-1 key expired one second after it started → TLOG_PROOF_INVALID', (c) => {
    const trust = publicGoodWith(REKOR_V2, { start: '2025-09-23T00:00:00Z', end: '2025-09-23T00:00:01Z' });
    const { code, detail } = outcome(() => verifyBundle(c.bundle(), { ...c.options, trust }));
    expect(code).toBe('TLOG_PROOF_INVALID');
    expect(detail).toBe(
      `transparency-log entry 0 is from ${REKOR_V2}, whose key the trusted root accepts from 2025-09-23T00:00:00.000Z to 2025-09-23T00:00:01.000Z, not at ${c.tsaTime} (RFC 3161 timestamp)`,
    );
  });

  it.each(v2Cases)('$name: log2025-1 key valid only from 2099 → TLOG_PROOF_INVALID', (c) => {
    const trust = publicGoodWith(REKOR_V2, { start: '2099-01-01T00:00:00Z' });
    const { code, detail } = outcome(() => verifyBundle(c.bundle(), { ...c.options, trust }));
    expect(code).toBe('TLOG_PROOF_INVALID');
    expect(detail).toContain('accepts from 2099-01-01T00:00:00.000Z, not at');
  });

  it.each(v2Cases)('$name: both ends of the period are inclusive, as for an inclusion promise', (c) => {
    const run = (validFor: { start: string; end?: string }) => outcome(() => verifyBundle(c.bundle(), { ...c.options, trust: publicGoodWith(REKOR_V2, validFor) })).code;
    expect(run({ start: '2025-09-23T00:00:00Z', end: c.tsaTime })).toBe('NO_ERROR');
    expect(run({ start: '2025-09-23T00:00:00Z', end: shift(c.tsaTime, -1) })).toBe('TLOG_PROOF_INVALID');
    expect(run({ start: c.tsaTime })).toBe('NO_ERROR');
    expect(run({ start: shift(c.tsaTime, 1) })).toBe('TLOG_PROOF_INVALID');
  });

  it('another log\u2019s validity does not matter: Rekor v1 expired long ago, the v2 entry still verifies', () => {
    const c = v2Cases[0]!;
    const trust = publicGoodWith(REKOR_V1, { start: '2021-01-12T11:53:27Z', end: '2022-01-01T00:00:00Z' });
    expect(outcome(() => verifyBundle(c.bundle(), { ...c.options, trust })).code).toBe('NO_ERROR');
  });
});

describe('Rekor v1 entries verified by inclusion proof and RFC 3161 time, without an inclusion promise', () => {
  // Production Rekor v1 entry (global index 598461431) with a production TSA timestamp, both 2025-10-10T08:22:28Z.
  const withTimestamp = () => pep740ToBundle(readFixtureJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_timestamp')) as unknown as Json;
  const withoutPromise = () => {
    const b = withTimestamp();
    delete b.verificationMaterial.tlogEntries[0].inclusionPromise;
    return b;
  };

  it('verifies under the recorded root (the checkpoint path is taken)', () => {
    expect(outcome(() => verifyBundle(withoutPromise(), { trust: publicGood() })).code).toBe('NO_ERROR');
  });

  it('rekor.sigstore.dev key no longer valid at the TSA time → TLOG_PROOF_INVALID', () => {
    const trust = publicGoodWith(REKOR_V1, { start: '2021-01-12T11:53:27Z', end: '2025-10-10T08:22:27Z' });
    const { code, detail } = outcome(() => verifyBundle(withoutPromise(), { trust }));
    expect(code).toBe('TLOG_PROOF_INVALID');
    expect(detail).toContain(`from ${REKOR_V1}, whose key the trusted root accepts from 2021-01-12T11:53:27.000Z to 2025-10-10T08:22:27.000Z, not at 2025-10-10T08:22:28.000Z (RFC 3161 timestamp)`);
  });

  it('with the inclusion promise kept, sigstore-js already refuses the expired key (same code)', () => {
    const trust = publicGoodWith(REKOR_V1, { start: '2021-01-12T11:53:27Z', end: '2025-10-10T08:22:27Z' });
    expect(outcome(() => verifyBundle(withTimestamp(), { trust })).code).toBe('TLOG_PROOF_INVALID');
  });

  it('custom-root conformance bundle (intoto-with-custom-trust-root): log key valid only after the TSA time → TLOG_PROOF_INVALID', () => {
    const dir = fixturePath('sigstore-conformance/test/assets/bundle-verify/intoto-with-custom-trust-root');
    const bundle = JSON.parse(readFileSync(`${dir}/bundle.sigstore.json`, 'utf8'));
    delete bundle.verificationMaterial.tlogEntries[0].inclusionPromise;
    const artifact = { kind: 'bytes' as const, bytes: readFileSync(`${dir}/artifact`) };
    const root = JSON.parse(readFileSync(`${dir}/trusted_root.json`, 'utf8'));
    expect(outcome(() => verifyBundle(bundle, { trust: loadTrustedRoot(root), artifact })).code).toBe('NO_ERROR');
    root.tlogs[0].publicKey.validFor = { start: '2023-02-01T00:00:01Z' }; // TSA time 2023-02-01T00:00:00Z
    expect(outcome(() => verifyBundle(bundle, { trust: loadTrustedRoot(root), artifact })).code).toBe('TLOG_PROOF_INVALID');
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { loadTrustedRoot, type TrustContext } from '../../lib/verify/trust-root';
import { verifyBundle, type ArtifactInput } from '../../lib/verify/verify-bundle';
import { fixturePath, readFixture, readFixtureJSON } from '../support/fixtures';
import { applyMutations, mutationsArb, params, reportExcused, timed } from './support';
import { isProvenantError } from '../../lib/errors/provenant-error';
import { isCodeOf } from '../../lib/errors/vocabulary';

/**
 * verifyBundle and loadTrustedRoot over mutated real bundles and roots: every
 * call returns or throws a coded verify error with a documented code, within the
 * time bound; and a mutated bundle that still verifies signed the same
 * content as the original (a mutation never turns into a false "verified").
 */

interface Subject {
  name: string;
  bundle: Record<string, any>;
  trust: () => TrustContext;
  artifact?: ArtifactInput;
}

const CONFORMANCE = fixturePath('sigstore-conformance/test/assets/bundle-verify');

function conformanceSubject(name: string): Subject {
  const at = (f: string) => join(CONFORMANCE, name, f);
  const rootFile = at('trusted_root.json');
  const trust = existsSync(rootFile) ? () => loadTrustedRoot(readFileSync(rootFile, 'utf8'), { name }) : publicGoodTrust;
  const artifactFile = existsSync(at('artifact')) ? at('artifact') : join(CONFORMANCE, '..', 'a.txt');
  return { name, bundle: JSON.parse(readFileSync(at('bundle.sigstore.json'), 'utf8')), trust, artifact: { kind: 'bytes', bytes: readFileSync(artifactFile) } };
}

const npmSlsa = readFixtureJSON<any>('npm-attestations/npm-cli/valid-sigstore-attestations.json').attestations;

const SUBJECTS: Subject[] = [
  conformanceSubject('happy-path-v0.3'),
  conformanceSubject('happy-path-intoto-in-dsse-v3'),
  conformanceSubject('rekor2-dsse-happy-path'),
  conformanceSubject('rekor2-timestamp-with-expired-cert-chain'),
  conformanceSubject('intoto-with-custom-trust-root'),
  { name: 'npm sigstore@1.0.0 SLSA provenance', bundle: npmSlsa[0].bundle, trust: publicGoodTrust, artifact: { kind: 'bytes', bytes: readFixture('npm-registry/tarballs/sigstore-1.0.0.tgz') } },
  { name: 'npm sigstore@1.0.0 publish attestation (registry key)', bundle: npmSlsa[1].bundle, trust: publicGoodTrust },
  {
    name: 'sigstore-js V3 message signature (Rekor v2)',
    bundle: readFixtureJSON('sigstore-js-bundles/sigstore-js-V3-MSG-TLOG_HASHEDREKORDV002.json'),
    trust: publicGoodTrust,
    artifact: { kind: 'digest', algorithm: 'sha256', hex: createHash('sha256').update('hello, world!').digest('hex') },
  },
];

/** What a bundle signs, decoded, so re-encodings of the same bytes compare equal. */
function signedContent(bundle: any): string {
  const b64 = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('hex') : String(v));
  if (bundle?.dsseEnvelope) return `dsse:${bundle.dsseEnvelope.payloadType}:${b64(bundle.dsseEnvelope.payload)}`;
  return `msg:${b64(bundle?.messageSignature?.messageDigest?.digest)}`;
}

async function outcome(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (e) {
    if (isProvenantError(e, 'verify') && isCodeOf('verify', e.code)) return e.code;
    throw new Error(`escaped: ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  }
}

describe('fuzz: bundles', () => {
  const trusts = new Map<string, TrustContext>();
  const real = (s: Subject) => () => outcome(() => verifyBundle(s.bundle, { trust: trusts.get(s.name)!, artifact: s.artifact }));
  afterAll(() => reportExcused('fuzz: bundles'));
  beforeAll(async () => {
    for (const s of SUBJECTS) {
      trusts.set(s.name, s.trust());
      // The unmutated bundles verify (and warm the code up before anything is timed).
      expect(await outcome(() => verifyBundle(s.bundle, { trust: trusts.get(s.name)!, artifact: s.artifact })), s.name).toBe('OK');
    }
  });

  it('mutated bundle JSON: a documented code or the same signed content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SUBJECTS.length - 1 }), mutationsArb(3), async (i, mutations) => {
        const s = SUBJECTS[i]!;
        const mutated = applyMutations(s.bundle, mutations);
        const result = await timed(`verifyBundle(${s.name})`, () => outcome(() => verifyBundle(mutated, { trust: trusts.get(s.name)!, artifact: s.artifact })), real(s));
        if (result === 'OK') expect(signedContent(mutated)).toBe(signedContent(s.bundle));
      }),
      params(120),
    );
  });

  it('mutated bundle text (cut, flipped or doubled bytes): a documented code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SUBJECTS.length - 1 }), fc.nat(), fc.nat({ max: 255 }), fc.nat({ max: 2 }), async (i, at, byte, op) => {
        const s = SUBJECTS[i]!;
        const text = Buffer.from(JSON.stringify(s.bundle));
        const pos = at % text.length;
        const mutated =
          op === 0 ? text.subarray(0, pos) : op === 1 ? Buffer.concat([text.subarray(0, pos), Buffer.from([byte]), text.subarray(pos + 1)]) : Buffer.concat([text, text]);
        await timed(`verifyBundle(${s.name} bytes)`, () => outcome(() => verifyBundle(new Uint8Array(mutated), { trust: trusts.get(s.name)!, artifact: s.artifact })), real(s));
      }),
      params(60),
    );
  });

  it('generated JSON that is no bundle: a documented code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        expect(await timed('verifyBundle(generated)', () => outcome(() => verifyBundle(value, { trust: trusts.get(SUBJECTS[0]!.name)! })), real(SUBJECTS[0]!))).not.toBe('OK');
      }),
      params(60),
    );
  });

  it('mutated trusted roots: loaded, or refused as TRUST_ROOT_INVALID', async () => {
    const roots = [
      readFixtureJSON('trusted-roots/public-good/trusted_root.json'),
      readFixtureJSON('trusted-roots/github/trusted_root_github.json'),
      readFixtureJSON('trusted-roots/staging/trusted_root.sigstore-python.json'),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: roots.length - 1 }), mutationsArb(3), async (i, mutations) => {
        const mutated = applyMutations(roots[i], mutations);
        const result = await timed('loadTrustedRoot', () => outcome(() => loadTrustedRoot(mutated, { name: 'fuzz' })), () => loadTrustedRoot(roots[i], { name: 'fuzz' }));
        expect(['OK', 'TRUST_ROOT_INVALID']).toContain(result);
      }),
      params(80),
    );
  });
});

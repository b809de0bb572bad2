import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statementHasSubjectBytes } from '../../lib/verify/statement';
import { runConformance } from '../../tools/conformance';
import { fixturePath, readFixture } from '../support/fixtures';

// sigstore-conformance's defaults (CASES.md in the fixture folder).
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

const ROOT = fixturePath('sigstore-conformance/test/assets/bundle-verify');

function caseArgs(dir: string): string[] {
  const at = (f: string) => join(ROOT, dir, f);
  const args = ['verify-bundle', '--bundle', at('bundle.sigstore.json')];
  if (existsSync(at('trusted_root.json'))) args.push('--trusted-root', at('trusted_root.json'));
  if (existsSync(at('key.pub'))) {
    args.push('--key', at('key.pub'));
  } else {
    const identity = existsSync(at('identity')) ? readFileSync(at('identity'), 'utf8').trim() : DEFAULT_IDENTITY;
    const issuer = existsSync(at('issuer')) ? readFileSync(at('issuer'), 'utf8').trim() : DEFAULT_ISSUER;
    args.push('--certificate-identity', identity, '--certificate-oidc-issuer', issuer);
  }
  args.push(existsSync(at('artifact')) ? at('artifact') : join(ROOT, '..', 'a.txt'));
  return args;
}

const cases = readdirSync(ROOT).sort();

describe('sigstore-conformance bundle-verify cases', () => {
  it('finds every case', () => {
    expect(cases.length).toBe(52);
  });

  it.each(cases)('%s', (name) => {
    const errors: string[] = [];
    const code = runConformance(caseArgs(name), { out: () => {}, err: (l) => errors.push(l) });
    if (name.endsWith('_fail')) {
      expect(code, 'must be rejected').toBe(1);
      expect(errors.join('\n')).toMatch(/^FAIL /);
    } else {
      expect(code, errors.join('\n')).toBe(0);
    }
  });

  it('rejects a trust root whose log key has no validity start (sigstore-js as released accepts it)', () => {
    const errors: string[] = [];
    runConformance(caseArgs('trust-root-tlog-missing-validity-start_fail'), { out: () => {}, err: (l) => errors.push(l) });
    expect(errors.join('\n')).toContain('TRUST_ROOT_INVALID');
  });

  // The protocol's last argument is "the artifact, or its digest": every
  // message-signature case must come out the same with sha256:<hex> of its artifact.
  describe('message-signature cases with the artifact\u2019s digest instead of the file', () => {
    const messageCases = cases.filter((name) => {
      try {
        return 'messageSignature' in JSON.parse(readFileSync(join(ROOT, name, 'bundle.sigstore.json'), 'utf8'));
      } catch {
        return false;
      }
    });
    const withDigest = (name: string, digest?: string) => {
      const args = caseArgs(name);
      const file = args[args.length - 1]!;
      args[args.length - 1] = `sha256:${digest ?? createHash('sha256').update(readFileSync(file)).digest('hex')}`;
      const errors: string[] = [];
      return { code: runConformance(args, { out: () => {}, err: (l) => errors.push(l) }), errors: errors.join('\n') };
    };

    it('covers the message-signature cases', () => {
      expect(messageCases.length).toBeGreaterThanOrEqual(38);
    });

    it.each(messageCases)('%s', (name) => {
      const { code, errors } = withDigest(name);
      expect(code, errors).toBe(name.endsWith('_fail') ? 1 : 0);
    });

    it.each(messageCases.filter((n) => !n.endsWith('_fail')))('%s with a digest one bit off fails', (name) => {
      const args = caseArgs(name);
      const real = createHash('sha256').update(readFileSync(args[args.length - 1]!)).digest();
      real[31]! ^= 1;
      const { code, errors } = withDigest(name, real.toString('hex'));
      expect(code).toBe(1);
      expect(errors).toMatch(/^FAIL SUBJECT_MISMATCH/);
    });

    it('binds the digest through the signature, not through the bundle\u2019s own claim', () => {
      // Rewrite the bundle's messageDigest to another artifact's digest and pass that digest:
      // a check that only compared the claim would accept it.
      const dir = mkdtempSync(join(tmpdir(), 'provenant-conformance-'));
      const bundle = JSON.parse(readFileSync(join(ROOT, 'happy-path-v0.3/bundle.sigstore.json'), 'utf8'));
      const other = createHash('sha256').update('not the signed artifact').digest();
      bundle.messageSignature.messageDigest.digest = other.toString('base64');
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
      const args = caseArgs('happy-path-v0.3');
      args[2] = join(dir, 'bundle.json');
      args[args.length - 1] = `sha256:${other.toString('hex')}`;
      const errors: string[] = [];
      expect(runConformance(args, { out: () => {}, err: (l) => errors.push(l) })).toBe(1);
      expect(errors.join('\n')).toMatch(/^FAIL (SIGNATURE_INVALID|TLOG_BODY_MISMATCH)/);
    });
  });

  // npm's provenance statements carry only a sha512 subject digest.
  describe('DSSE subjects by any digest the statement carries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenant-conformance-'));
    const bundleFile = join(dir, 'sigstore-2.0.0.sigstore.json');
    writeFileSync(bundleFile, readFixture('npm-attestations/sigstore-rust/sigstore.js@2.0.0-provenance.sigstore.json'));
    const identity = 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main';
    const run = (artifact: string) => {
      const errors: string[] = [];
      const code = runConformance(
        ['verify-bundle', '--bundle', bundleFile, '--certificate-identity', identity, '--certificate-oidc-issuer', DEFAULT_ISSUER, artifact],
        { out: () => {}, err: (l) => errors.push(l) },
      );
      return { code, errors: errors.join('\n') };
    };

    it('verifies npm\u2019s sigstore@2.0.0 provenance against its real tarball (sha512-only subject)', () => {
      const { code, errors } = run(fixturePath('npm-registry/tarballs/sigstore-2.0.0.tgz'));
      expect(code, errors).toBe(0);
    });

    it('refuses another tarball', () => {
      const { code, errors } = run(fixturePath('npm-registry/tarballs/sigstore-1.0.0.tgz'));
      expect(code).toBe(1);
      expect(errors).toMatch(/^FAIL SUBJECT_MISMATCH/);
    });

    it('does not match a subject on one algorithm when another it names differs', () => {
      const tarball = readFixture('npm-registry/tarballs/sigstore-2.0.0.tgz');
      const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');
      const statement = (digest: Record<string, string>) => ({
        _type: 'https://in-toto.io/Statement/v1' as const,
        subject: [{ name: 'x', digest }],
        predicateType: 'p',
      });
      expect(statementHasSubjectBytes(statement({ sha512: hex('sha512', tarball) }), tarball)).toBe(true);
      expect(statementHasSubjectBytes(statement({ sha384: hex('sha384', tarball), gitCommit: 'abc' }), tarball)).toBe(true);
      expect(statementHasSubjectBytes(statement({ sha256: hex('sha256', tarball), sha512: hex('sha512', Buffer.from('other')) }), tarball)).toBe(false);
      expect(statementHasSubjectBytes(statement({ md5: 'd41d8cd98f00b204e9800998ecf8427e' }), tarball)).toBe(false);
    });
  });

  describe('the npm entry point', () => {
    const run = (args: string[]) => {
      try {
        execFileSync('npm', ['run', '--silent', 'conformance', '--', ...args], { stdio: 'pipe', cwd: join(__dirname, '../..') });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    };
    it('builds once: a second call reuses the cached build instead of running esbuild', () => {
      const cached = join(__dirname, '../../node_modules/.cache/provenant/conformance.mjs');
      expect(run(caseArgs('happy-path-v0.3'))).toBe(0);
      const first = statSync(cached).mtimeMs;
      expect(run(caseArgs('happy-path-v0.3'))).toBe(0);
      expect(statSync(cached).mtimeMs).toBe(first);
    });

    it('checks a message signature against a sha256: digest', () => {
      const args = caseArgs('happy-path-v0.3');
      const digest = createHash('sha256').update(readFileSync(args[args.length - 1]!)).digest('hex');
      args[args.length - 1] = `sha256:${digest}`;
      expect(run(args)).toBe(0);
      args[args.length - 1] = `sha256:${digest.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`;
      expect(run(args)).toBe(1);
    });

    it('exits 0 for a valid bundle and 1 for a tampered one', () => {
      expect(run(caseArgs('happy-path-v0.3'))).toBe(0);
      expect(run(caseArgs('signature-mismatch_fail'))).toBe(1);
    });
    it('checks a DSSE subject against a sha256: digest', () => {
      const args = caseArgs('happy-path-intoto-in-dsse-v3');
      const bundle = JSON.parse(readFileSync(join(ROOT, 'happy-path-intoto-in-dsse-v3/bundle.sigstore.json'), 'utf8'));
      const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
      const subjectDigest: string = statement.subject[0].digest.sha256;
      args[args.length - 1] = `sha256:${subjectDigest}`;
      expect(run(args)).toBe(0);
      args[args.length - 1] = `sha256:${subjectDigest.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`;
      expect(run(args)).toBe(1);
    });
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../tools/conformance';
import { fixturePath } from '../support/fixtures';

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

  describe('the npm entry point', () => {
    const run = (args: string[]) => {
      try {
        execFileSync('npm', ['run', '--silent', 'conformance', '--', ...args], { stdio: 'pipe', cwd: join(__dirname, '../..') });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    };
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

/**
 * sigstore-conformance's client CLI protocol, verification half:
 *   verify-bundle [--staging] --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
 *   verify-bundle [--staging] --bundle FILE --key PEMFILE [--trusted-root FILE] FILE_OR_DIGEST
 * Exit status 0 if and only if the bundle verifies. It runs the extension's
 * own pipeline and the same bundled crypto replacement, not node:crypto.
 */
import { readFileSync } from 'node:fs';
import { coreCrypto } from '../lib/vendor/sigstore.generated.js';
import { embeddedTrustedRootJSON } from '../lib/verify/embedded-trust';
import { loadTrustedRoot, type TrustContext } from '../lib/verify/trust-root';
import { verifyBundle, type ArtifactInput, type IdentityPolicy } from '../lib/verify/verify-bundle';
import { isProvenantError } from '../lib/errors/provenant-error';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Args {
  staging: boolean;
  bundle?: string;
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  artifact?: string;
}

const USAGE = 'usage: verify-bundle [--staging] --bundle FILE (--certificate-identity ID --certificate-oidc-issuer URL | --key PEMFILE) [--trusted-root FILE] FILE_OR_DIGEST';

function parseArgs(argv: string[]): Args {
  const args: Args = { staging: false };
  const rest = [...argv];
  if (rest.shift() !== 'verify-bundle') throw new Error(USAGE);
  while (rest.length > 0) {
    const flag = rest.shift()!;
    const value = () => {
      const v = rest.shift();
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--staging': args.staging = true; break;
      case '--bundle': args.bundle = value(); break;
      case '--certificate-identity': args.identity = value(); break;
      case '--certificate-oidc-issuer': args.issuer = value(); break;
      case '--key': args.key = value(); break;
      case '--trusted-root': args.trustedRoot = value(); break;
      default:
        if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
        if (args.artifact !== undefined) throw new Error('only one FILE_OR_DIGEST');
        args.artifact = flag;
    }
  }
  if (!args.bundle || args.artifact === undefined) throw new Error(USAGE);
  if (args.key === undefined && (args.identity === undefined || args.issuer === undefined)) throw new Error(USAGE);
  return args;
}

function trustFor(args: Args): TrustContext {
  if (args.trustedRoot) return loadTrustedRoot(readFileSync(args.trustedRoot, 'utf8'), { name: 'custom' });
  // Only the public-good root is embedded in Provenant.
  if (args.staging) throw new Error('the staging trusted root is not embedded; pass --trusted-root');
  return loadTrustedRoot(embeddedTrustedRootJSON(), { name: 'public-good' });
}

function withKey(trust: TrustContext, pemFile: string): TrustContext {
  const key = coreCrypto.createPublicKey(readFileSync(pemFile, 'utf8'));
  return {
    name: `${trust.name}+key`,
    material: { ...trust.material, publicKey: () => ({ publicKey: key, validFor: () => true }) },
  };
}

function artifactFor(value: string): ArtifactInput {
  const m = /^sha256:([0-9a-fA-F]{64})$/.exec(value);
  if (m) return { kind: 'digest', algorithm: 'sha256', hex: m[1]!.toLowerCase() };
  return { kind: 'bytes', bytes: readFileSync(value) };
}

export function runConformance(argv: string[], io: Io): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
  try {
    let trust = trustFor(args);
    let identity: IdentityPolicy | undefined;
    if (args.key !== undefined) trust = withKey(trust, args.key);
    else identity = { subjectAlternativeName: args.identity!, issuer: args.issuer! };
    const result = verifyBundle(readFileSync(args.bundle!, 'utf8'), { trust, artifact: artifactFor(args.artifact!), identity });
    io.out(`OK ${result.mediaType} ${result.contentKind} signer=${result.signer.kind}`);
    return 0;
  } catch (e) {
    if (isProvenantError(e, 'verify')) io.err(`FAIL ${e.code}: ${e.detail}`);
    else io.err(`FAIL ${(e as Error).message}`);
    return 1;
  }
}

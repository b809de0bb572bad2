/**
 * Every verification input the repository carries, as plain serializable data
 * (so the same list can be sent into the Chromium worker): each bundle in
 * tests/fixtures against every trusted root there, every sigstore-conformance
 * case with its own options, and every one-byte tampering of each.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pep740ToBundle } from '../../lib/registries/pypi/bundle';
import { FIXTURES, fixturePath } from './fixtures';
import { tamper, type TamperKind } from './tamper';

export interface DifferentialCase {
  name: string;
  /** Bundle JSON text or value. */
  bundle: unknown;
  /** Trusted root JSON text; the embedded public-good root when absent. */
  trustedRoot?: string;
  /** A PEM public key the bundle's key hint resolves to (conformance `--key`). */
  keyPem?: string;
  artifact?: { kind: 'bytes'; base64: string } | { kind: 'digest'; algorithm: 'sha256'; hex: string };
  identity?: { subjectAlternativeName: string; issuer: string };
}

type Json = Record<string, any>;

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      if (!p.includes('sigstore-conformance')) walk(p, out);
    } else if (statSync(p).size < 2_000_000) out.push(p);
  }
  return out;
}

/** Bundles found in the fixtures (plain bundles, npm attestation responses, PEP 740 attestations and provenance files). */
export function fixtureBundles(): { name: string; bundle: Json }[] {
  const found: { name: string; bundle: Json }[] = [];
  for (const p of walk(FIXTURES)) {
    let j: any;
    try {
      j = JSON.parse(readFileSync(p, 'utf8'));
    } catch {
      continue;
    }
    const name = relative(FIXTURES, p);
    const pep740 = (a: unknown, label: string) => {
      try {
        found.push({ name: label, bundle: pep740ToBundle(a) as Json });
      } catch {
        // Not convertible: nothing signed to compare.
      }
    };
    if (typeof j?.mediaType === 'string' && j.mediaType.includes('sigstore.bundle')) found.push({ name, bundle: j });
    else if (Array.isArray(j?.attestations) && j.attestations[0]?.bundle) j.attestations.forEach((a: Json, i: number) => found.push({ name: `${name}#${i}`, bundle: a.bundle }));
    else if (j?.envelope && j?.verification_material) pep740(j, name);
    else if (Array.isArray(j?.attestation_bundles)) {
      j.attestation_bundles.forEach((b: Json, i: number) => b.attestations?.forEach((a: unknown, k: number) => pep740(a, `${name}#${i}.${k}`)));
    }
  }
  return found;
}

const TRUST_ROOTS: (string | undefined)[] = [
  undefined,
  'trusted-roots/staging/trusted_root.sigstore-python.json',
  'trusted-roots/staging/trusted_root.sigstore-rust.json',
  'trusted-roots/github/trusted_root_github.json',
];

const HELLO = Buffer.from('hello, world!').toString('base64');

export function fixtureCases(): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  for (const { name, bundle } of fixtureBundles()) {
    for (const root of TRUST_ROOTS) {
      const c: DifferentialCase = { name: `${name} @ ${root ?? 'public-good'}`, bundle };
      if (root) c.trustedRoot = readFileSync(fixturePath(root), 'utf8');
      // The one message-signature fixture whose artifact is known.
      if (name.includes('MSG-TLOG')) c.artifact = { kind: 'bytes', base64: HELLO };
      cases.push(c);
    }
  }
  return cases;
}

const CONFORMANCE = fixturePath('sigstore-conformance/test/assets/bundle-verify');
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

/** The 52 sigstore-conformance cases, with the options tools/conformance.ts would give them. */
export function conformanceCases(): DifferentialCase[] {
  return readdirSync(CONFORMANCE).sort().map((dir) => {
    const at = (f: string) => join(CONFORMANCE, dir, f);
    const c: DifferentialCase = { name: `conformance ${dir}`, bundle: readFileSync(at('bundle.sigstore.json'), 'utf8') };
    if (existsSync(at('trusted_root.json'))) c.trustedRoot = readFileSync(at('trusted_root.json'), 'utf8');
    if (existsSync(at('key.pub'))) c.keyPem = readFileSync(at('key.pub'), 'utf8');
    else {
      c.identity = {
        subjectAlternativeName: existsSync(at('identity')) ? readFileSync(at('identity'), 'utf8').trim() : DEFAULT_IDENTITY,
        issuer: existsSync(at('issuer')) ? readFileSync(at('issuer'), 'utf8').trim() : DEFAULT_ISSUER,
      };
    }
    const artifact = existsSync(at('artifact')) ? at('artifact') : join(CONFORMANCE, '..', 'a.txt');
    c.artifact = { kind: 'bytes', base64: readFileSync(artifact).toString('base64') };
    return c;
  });
}

const TAMPERINGS: TamperKind[] = ['payload', 'signature', 'certificate', 'tlog-body', 'inclusion-proof-hash'];

/** Every applicable one-byte tampering of every case whose bundle is a JSON object or text. */
export function tamperedCases(cases: DifferentialCase[]): DifferentialCase[] {
  const out: DifferentialCase[] = [];
  for (const c of cases) {
    let bundle: Json;
    try {
      bundle = typeof c.bundle === 'string' ? JSON.parse(c.bundle) : (c.bundle as Json);
    } catch {
      continue;
    }
    for (const kind of TAMPERINGS) {
      try {
        out.push({ ...c, name: `${c.name} tampered ${kind}`, bundle: tamper(bundle, kind) });
      } catch {
        // This bundle has no such field.
      }
    }
  }
  return out;
}

/** The whole corpus: fixtures, conformance, and their tamperings. */
export function differentialCorpus(): DifferentialCase[] {
  const base = [...fixtureCases(), ...conformanceCases()];
  return [...base, ...tamperedCases(base)];
}

import { DEFAULT_POLICY, registryClient, type FetchPolicy, type RegistryClient } from '../../lib/net/registry-fetch';
import { attestationsUrl, packumentUrl } from '../../lib/registries/npm/names';
import { readFixture, readFixtureJSON } from '../support/fixtures';

/**
 * Recorded npm registry data served through an injected fetch. Packuments come
 * from tests/fixtures/npm-registry/packuments-trimmed (a registry mirror
 * that strips dist.attestations, see SOURCES.md), attestation responses from
 * tests/fixtures/npm-attestations (see tests/fixtures/SOURCES.md).
 */

export type Json = Record<string, any>;

export const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
export const SLSA_VERIFIER_DIR = 'npm-attestations/slsa-verifier/verifiers/internal/gha/testdata';

interface TrimmedPackument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { dist: Json } | null>;
}

/** A trimmed mirror packument in the registry's own shape (null = version not recorded). */
export function packument(name: string): Json {
  const trimmed = readFixtureJSON<TrimmedPackument>('npm-registry/packuments-trimmed', `${name.replace('/', '__')}.json`);
  const versions: Json = {};
  for (const [version, entry] of Object.entries(trimmed.versions)) {
    if (entry) versions[version] = { name: trimmed.name, version, dist: { ...entry.dist } };
  }
  return { _id: trimmed.name, name: trimmed.name, 'dist-tags': { ...trimmed['dist-tags'] }, versions };
}

/**
 * What registry.npmjs.org itself puts in the version's dist (the mirror strips
 * it): `dist.attestations = { url, provenance: { predicateType } }`.
 */
export function advertise(p: Json, version: string, predicateType: string | undefined = SLSA_V02): Json {
  const copy = structuredClone(p);
  copy.versions[version].dist.attestations = {
    url: attestationsUrl(p.name, version),
    ...(predicateType ? { provenance: { predicateType } } : {}),
  };
  return copy;
}

export function attestationsResponse(...path: string[]): { attestations: { predicateType: string; bundle: Json }[] } {
  return readFixtureJSON(...path);
}

export function rawFixture(...path: string[]): string {
  return readFixture(...path).toString('utf8');
}

/** `sha512-<base64>` of a hex digest, as dist.integrity carries it. */
export function sriFromHex(hex: string): string {
  return `sha512-${Buffer.from(hex, 'hex').toString('base64')}`;
}

export function hexFromSri(sri: string): string {
  return Buffer.from(sri.replace(/^sha512-/, ''), 'base64').toString('hex');
}

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Handler {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return () => new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function status(code: number): Handler {
  return () => new Response(code === 404 ? '{"error":"Not found"}' : 'error', { status: code });
}

/** A fake registry: exact-URL routes, 404 for anything else; records every request. */
export class FakeRegistry {
  readonly routes = new Map<string, Handler>();
  readonly requests: { url: string; accept: string | undefined }[] = [];
  readonly sleeps: number[] = [];

  packument(p: Json): this {
    return this.route(packumentUrl(p.name), json(p));
  }

  attestations(name: string, version: string, body: unknown): this {
    return this.route(attestationsUrl(name, version), json(body));
  }

  route(url: string, handler: Handler): this {
    this.routes.set(url, handler);
    return this;
  }

  client(policy: Partial<FetchPolicy> = {}): RegistryClient {
    return registryClient({
      fetchImpl: async (url, init) => {
        const headers = (init?.headers ?? {}) as Record<string, string>;
        this.requests.push({ url, accept: headers.accept });
        const handler = this.routes.get(url);
        return handler ? handler(init) : status(404)(init);
      },
      sleep: async (ms) => {
        this.sleeps.push(ms);
      },
      policy: { ...DEFAULT_POLICY, ...policy },
    });
  }

  get urls(): string[] {
    return this.requests.map((r) => r.url);
  }
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY, registryClient, type RegistryClient } from '../../lib/net/registry-fetch';
import { integrityUrl } from '../../lib/registries/pypi/names';
import { loadTrustedRoot, type TrustContext } from '../../lib/verify/trust-root';
import { FIXTURES } from '../support/fixtures';

/** Real recorded PyPI data from tests/fixtures (see its SOURCES.md). */
export { FIXTURES };

export const readFixture = (path: string): Buffer => readFileSync(join(FIXTURES, path));
export const readJSON = (path: string): any => JSON.parse(readFixture(path).toString('utf8'));
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function stagingTrust(which: 'sigstore-python' | 'sigstore-rust'): TrustContext {
  return loadTrustedRoot(readJSON(`trusted-roots/staging/trusted_root.${which}.json`), { name: `staging (${which})` });
}

/** A real distribution file and its sha256, computed here from the bytes. */
export function dist(filename: string): { filename: string; sha256: string } {
  return { filename, sha256: sha256(readFixture(`pypi-dists/${filename}`)) };
}

/**
 * pypi.org is unreachable from the test machines, so no JSON API response
 * was recorded: this builds one with the shape warehouse's
 * legacy/api/json.py serves (info + urls[] with digests), from the real
 * files' names and sha256 digests.
 */
export function jsonApiRelease(name: string, version: string, files: { filename: string; sha256: string }[]) {
  return {
    info: { name, version, yanked: false, summary: '' },
    urls: files.map((f) => ({
      filename: f.filename,
      packagetype: f.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
      digests: { md5: '0'.repeat(32), sha256: f.sha256, blake2b_256: '0'.repeat(64) },
      url: `https://files.pythonhosted.org/packages/xx/${f.filename}`,
      yanked: false,
    })),
    vulnerabilities: [],
  };
}

/**
 * Wraps one recorded PEP 740 attestation into an Integrity API provenance
 * object, with the publisher it was made by (or another, to test the
 * publisher check). The attestation bytes are untouched.
 */
export function provenanceOf(attestationPath: string | string[], publisher: Record<string, unknown>) {
  const paths = Array.isArray(attestationPath) ? attestationPath : [attestationPath];
  return { version: 1, attestation_bundles: [{ publisher, attestations: paths.map((p) => readJSON(`pypi-attestations/${p}`)) }] };
}

/** The Trusted Publishers the recorded attestations were made by (from their certificates). */
export const PUBLISHERS = {
  pypiAttestations: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
  attestationModels: { kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml', environment: null },
  gitlabOidc: { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null },
} as const;

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/**
 * An injected fetch answering from a table of URL → replies (one per
 * attempt; the last repeats). Unknown URLs answer 404, as pypi.org does.
 */
export function fakePypi(routes: Record<string, Reply | Reply[]>) {
  const calls: { url: string; accept: string | undefined }[] = [];
  const counts = new Map<string, number>();
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const accept = (init?.headers as Record<string, string> | undefined)?.accept;
    calls.push({ url, accept });
    const n = counts.get(url) ?? 0;
    counts.set(url, n + 1);
    const route = routes[url];
    const list = route === undefined ? [{ status: 404, body: { message: 'Not Found' } }] : Array.isArray(route) ? route : [route];
    const reply = list[Math.min(n, list.length - 1)]!;
    if (reply === 'hang') {
      // Never answers; rejects when the client's time-out aborts the request, like fetch.
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(body, { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers } });
  };
  const sleeps: number[] = [];
  const client: RegistryClient = registryClient({
    fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    policy: { ...DEFAULT_POLICY, timeoutMs: 200 },
  });
  return { client, calls, sleeps };
}

/**
 * pypi.org's JSON simple index (PEP 691 + 700 + 740) for files built from the
 * recordings, in the shape of tests/fixtures/pypi-simple/pypi-attestations.json
 * (see SOURCES.md): `provenance` is the Integrity API URL of an attested file,
 * null otherwise. `size` is a placeholder: Provenant does not read it.
 */
export function simpleIndexOf(
  name: string,
  releases: { version: string; files: { filename: string; sha256: string; at: string; attested: boolean; yanked?: boolean }[] }[],
) {
  return {
    meta: { 'api-version': '1.3' },
    name,
    versions: releases.map((r) => r.version),
    files: releases.flatMap((r) =>
      r.files.map((f) => ({
        filename: f.filename,
        url: `https://files.pythonhosted.org/packages/xx/${f.filename}`,
        hashes: { sha256: f.sha256 },
        yanked: f.yanked ?? false,
        size: 1000,
        'upload-time': f.at,
        provenance: f.attested ? integrityUrl(name, r.version, f.filename) : null,
      })),
    ),
  };
}

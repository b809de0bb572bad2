import { createHash } from 'node:crypto';
import { compress } from 'snappyjs';
import { githubClient, type GithubClient } from '../../../lib/registries/github/github-fetch';
import { loadGithubTrustedRoot } from '../../../lib/trust/github-trust';
import { GITHUB_TRUST_SEED } from '../../support/github-seed';
import { publicGoodTrust } from '../../../lib/verify/embedded-trust';
import type { GithubTrust } from '../../../lib/registries/github/verify-asset';
import { readFixture } from '../../support/fixtures';

/**
 * Which data is real and which is shaped, for every GitHub test:
 * - REAL: the Sigstore bundles and the artifacts they sign (tests/fixtures/github/cli/,
 *   tests/fixtures/trusted-roots/github/sample-bundles/), GitHub's trusted root and TUF
 *   root (the build-time seed), the public-good root. Every digest below is computed
 *   from a real artifact file or read from a real signed statement.
 * - SHAPED: the releases-API and attestations-API JSON around them, written from
 *   GitHub's documented response shapes (tests/fixtures/github/NOTES.md): no live
 *   API answer could be recorded. A bundle_url body is the real bundle snappy-encoded
 *   here, as gh's own test mock does (NOTES.md, "bundle vs bundle_url").
 */
export const CLI = 'github/cli';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const bundleText = (...path: string[]) => {
  const text = readFixture(...path).toString('utf8');
  // The .jsonl fixtures hold one bundle per line; the first is the one used.
  return path.at(-1)!.endsWith('.jsonl') ? text.split('\n')[0]! : text;
};
export const bundleJSON = (...path: string[]): unknown => JSON.parse(bundleText(...path));

/** Real: bdehamer/delme v6 immutable-release attestation (GitHub's instance) and its asset. */
export const DELME = {
  owner: 'bdehamer',
  repo: 'delme',
  tag: 'v6',
  asset: 'artifact.zip',
  bundle: () => bundleJSON(CLI, 'github_release_bundle.json'),
  digest: () => sha256Hex(readFixture(CLI, 'github_release_artifact.zip')),
  otherDigest: () => sha256Hex(readFixture(CLI, 'github_release_artifact_invalid.zip')),
  commit: 'c5e17a62e06a1d201570249c61fae531e9244e1b',
};

/** Real: actions/attest (SLSA v1) by a reusable workflow for malancas/attest-demo, public-good. */
export const ATTEST_DEMO = {
  owner: 'malancas',
  repo: 'attest-demo',
  asset: 'github_provenance_demo-0.0.0-py3-none-any.whl',
  bundle: () => bundleJSON(CLI, 'reusable-workflow-attestation.sigstore.json'),
  digest: () => sha256Hex(readFixture(CLI, 'reusable-workflow-artifact')),
};

/** Real: actions/attest (SLSA v1) in a private repository, signed on GitHub's instance. */
export const PRIVATE_DEMO = {
  owner: 'actions',
  repo: 'attest-demo',
  asset: 'github_provenance_demo-0.0.12-py3-none-any.whl',
  bundle: () => bundleJSON(CLI, 'github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl'),
  digest: () => sha256Hex(readFixture(CLI, 'github_provenance_demo-0.0.12-py3-none-any.whl')),
};

/** Real: jdx/communique v0.1.9 release attestation (v0.2), five assets named with their digests in the signed statement. */
export const COMMUNIQUE = {
  owner: 'jdx',
  repo: 'communique',
  tag: 'v0.1.9',
  bundle: () => bundleJSON('trusted-roots/github/sample-bundles/github-private-attestation.sigstore.json'),
  /** The asset names and sha256 digests, read from the real signed statement. */
  assets: (): { name: string; hex: string }[] => {
    const b = bundleJSON('trusted-roots/github/sample-bundles/github-private-attestation.sigstore.json') as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8')) as { subject: { name?: string; digest: Record<string, string> }[] };
    return statement.subject.flatMap((s) => (s.name && s.digest.sha256 ? [{ name: s.name, hex: s.digest.sha256 }] : []));
  },
};

export const BUNDLE_HOST_URL = 'https://tmaproduction.blob.core.windows.net/attestations/0000?sig=shaped';

export function trust(): GithubTrust {
  return { publicGood: publicGoodTrust(), github: loadGithubTrustedRoot(GITHUB_TRUST_SEED.targets.trustedRoot) };
}

export const snappyOf = (text: string) => compress(new TextEncoder().encode(text));

/** Shaped releases-API answer. */
export function release(tag: string, assets: { name: string; hex?: string | null }[], extra: Record<string, unknown> = {}) {
  return { tag_name: tag, draft: false, prerelease: false, immutable: true, published_at: '2025-05-30T20:13:39Z', ...extra, assets: assets.map((a) => ({ name: a.name, size: 1, state: 'uploaded', digest: a.hex === null ? null : a.hex === undefined ? undefined : `sha256:${a.hex}` })) };
}

/** Shaped attestations-API answer. */
export function attestations(...entries: Record<string, unknown>[]) {
  return { attestations: entries.map((e) => ({ repository_id: 1, initiator: 'github', ...e })) };
}

type Route = () => Response;

export interface Call {
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

/** A fetch that answers only the routes given (anything else is a test failure) and records every call. */
export class FakeGithub {
  readonly calls: Call[] = [];
  private readonly routes = new Map<string, Route>();

  json(url: string, body: unknown, status = 200, headers: Record<string, string> = {}): this {
    this.routes.set(url, () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }));
    return this;
  }

  bytes(url: string, body: Uint8Array): this {
    this.routes.set(url, () => new Response(new Uint8Array(body), { status: 200 }));
    return this;
  }

  status(url: string, status: number, headers: Record<string, string> = {}, body = ''): this {
    this.routes.set(url, () => new Response(body, { status, headers }));
    return this;
  }

  client(token?: string): GithubClient {
    return githubClient({
      token,
      fetchImpl: async (input, init) => {
        this.calls.push({ url: input, headers: { ...(init?.headers as Record<string, string>) }, credentials: init?.credentials });
        const route = this.routes.get(input);
        if (!route) throw new Error(`unexpected request ${input}`);
        return route();
      },
    });
  }

  callsTo(prefix: string): Call[] {
    return this.calls.filter((c) => c.url.startsWith(prefix));
  }
}

export const API = 'https://api.github.com';
export const releaseUrl = (owner: string, repo: string, tag?: string) =>
  tag === undefined ? `${API}/repos/${owner}/${repo}/releases/latest` : `${API}/repos/${owner}/${repo}/releases/tags/${encodeURIComponent(tag)}`;
export const attestationsUrl = (owner: string, repo: string, hex: string) => `${API}/repos/${owner}/${repo}/attestations/sha256:${hex}?per_page=100`;

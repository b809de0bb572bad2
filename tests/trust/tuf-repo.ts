import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fixturePath } from '../support/fixtures';
import { tufFetcher, type TufFetch } from '../../lib/trust/tuf-fetch';

/**
 * The recorded Sigstore TUF repository (tests/fixtures/tuf/NOTES.md), served
 * through the real fetcher over a fetch double that reads the recorded folder,
 * so size limits and 404s take the production path. `override` replaces or
 * adds files by repository path (tampering, mix-and-match).
 */
export const REPO = {
  current: fixturePath('tuf/sigstore-root-signing/current'),
  older: fixturePath('tuf/sigstore-root-signing/older-2025-10-09'),
  seed16: fixturePath('tuf/sigstore-root-signing/seed-sigstore-tuf-5.0.1/16.root.json'),
};

/** Instants inside each recording's validity window (NOTES.md "Clock windows"). */
export const CLOCK = {
  current: new Date('2026-08-25T00:00:00Z'),
  older: new Date('2025-10-12T00:00:00Z'),
  afterCurrent: new Date('2026-09-01T00:00:00Z'),
};

export function repoFile(dir: string, path: string): string {
  return readFileSync(`${dir}/${path}`, 'utf8');
}

export interface ServedRepo {
  fetch: TufFetch;
  requests: string[];
}

export function serve(dir: string, override: Record<string, string | Uint8Array | null> = {}): ServedRepo {
  const requests: string[] = [];
  const fetchImpl = async (url: string): Promise<Response> => {
    const path = url.replace('https://tuf-repo-cdn.sigstore.dev/', '');
    requests.push(path);
    if (path in override) {
      const body = override[path];
      return body === null ? new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 }) : new Response(body as unknown as BodyInit);
    }
    const file = `${dir}/${path}`;
    if (!existsSync(file)) return new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404, headers: { 'content-type': 'application/xml' } });
    return new Response(readFileSync(file));
  };
  return { fetch: tufFetcher({ fetchImpl }), requests };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

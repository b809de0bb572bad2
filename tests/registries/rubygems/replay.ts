import { createHash } from 'node:crypto';
import { ProvenantError } from '../../../lib/errors/provenant-error';
import { loadTrustedRoot, type TrustContext } from '../../../lib/verify/trust-root';
import { readFixture, readFixtureJSON } from '../../support/fixtures';

/**
 * Real RubyGems data from tests/fixtures/rubygems (NOTES.md and SOURCES.md say
 * where each file comes from and what it must verify to), and a replay of
 * rubygems.org's API over it. rubygems.org is not reachable from the test
 * machines: where a response was not recorded, a test builds one in the
 * versions API's shape and says so.
 */

export const publicGood = (): TrustContext =>
  loadTrustedRoot(readFixtureJSON('trusted-roots/public-good/trusted_root.json'), { name: 'public-good (tests/fixtures)' });

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Recorded GET /api/v1/versions/sigstore.json (5 versions, ruby platform). */
export const sigstoreVersions = (): Record<string, unknown>[] => readFixtureJSON('rubygems/api-recorded/v1_versions_sigstore.json');
/** Recorded GET /api/v1/attestations/sigstore-0.2.3.json (one bundle; sigstore/sigstore-ruby release.yml). */
export const sigstore023Attestations = (): unknown[] => readFixtureJSON('rubygems/api-recorded/v1_attestations_sigstore-0.2.3.json');
/** rubygems.org's own test gem and its real production bundle (sigstore-conformance beacon identity). */
export const testGem = (): Buffer => readFixture('rubygems/rubygems.org-test/sigstore-1.0.0.gem');
export const testGemBundle = (): Record<string, any> => readFixtureJSON('rubygems/rubygems.org-test/sigstore-1.0.0.gem.sigstore.json');
/** A real production bundle from the 2026-08-10 database dump: ruby/io-console 0.8.0, platform java. */
export const ioConsoleJavaBundle = (): Record<string, any> => readFixtureJSON('rubygems/dump-bundles/io-console-0.8.0-java.attestation-body.json');
/** The digest the recorded io-console bundle signs: the sha256 of io-console-0.8.0-java.gem (NOTES.md). */
export const ioConsoleJavaSha = (): string => Buffer.from(ioConsoleJavaBundle().messageSignature.messageDigest.digest, 'base64').toString('hex');

/** A versions-API record in the shape of rubygems.org's Version#payload (only the fields verification reads, plus a few). */
export function versionRecord(fields: { number: string; platform?: string; sha: unknown; created_at?: string; metadata?: unknown; prerelease?: boolean }) {
  return {
    authors: 'shaped record',
    built_at: fields.created_at ?? '2024-01-01T00:00:00.000Z',
    created_at: fields.created_at ?? '2024-01-01T00:00:00.000Z',
    description: null,
    downloads_count: 0,
    metadata: fields.metadata ?? {},
    number: fields.number,
    summary: '',
    platform: fields.platform ?? 'ruby',
    rubygems_version: '>= 0',
    ruby_version: '>= 2.6',
    prerelease: fields.prerelease ?? /[a-zA-Z]/.test(fields.number),
    licenses: [],
    requirements: [],
    sha: fields.sha,
    spec_sha: null,
  };
}

export type Answer = unknown | ProvenantError | Error;

/** fetchJson over a fixed table of URLs; any other URL fails the test loudly. Records what was asked. */
export function replay(table: Record<string, Answer>) {
  const requested: string[] = [];
  const fetchJson = async (url: string): Promise<unknown> => {
    requested.push(url);
    if (!Object.hasOwn(table, url)) throw new Error(`unexpected request ${url}`);
    const answer = table[url];
    if (answer instanceof Error) throw answer;
    // A fresh copy, as a network answer would be.
    return JSON.parse(JSON.stringify(answer));
  };
  return { fetchJson, requested };
}

export const notFound = (url: string) => new ProvenantError('registry', 'NOT_FOUND', url, { httpStatus: 404 });

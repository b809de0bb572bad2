import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Real recorded data (registry responses, Sigstore bundles, trusted roots, the
 * sigstore-conformance cases) carried by the repository itself; tests/fixtures/SOURCES.md
 * says where each file came from and what it must verify to.
 */
export const FIXTURES = resolve(__dirname, '../fixtures');

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

export function readFixtureJSON<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFixture(...parts).toString('utf8')) as T;
}

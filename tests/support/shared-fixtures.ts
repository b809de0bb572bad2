import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Real recorded fixtures live beside the project in ../shared/fixtures and are
 * read in place, never copied. Suites that need them skip, loudly, when absent.
 */
export const SHARED_FIXTURES = resolve(__dirname, '../../../shared/fixtures');
export const HAVE_SHARED = existsSync(SHARED_FIXTURES);

if (!HAVE_SHARED && !process.env.PROVENANT_WARNED_SHARED) {
  process.env.PROVENANT_WARNED_SHARED = '1';
  console.warn(`\n[provenant] ${SHARED_FIXTURES} is missing: suites that need real fixtures from ../shared are SKIPPED.\n`);
  if (process.env.CI) throw new Error(`CI must run with ../shared beside the project (${SHARED_FIXTURES} not found)`);
}

export function fixturePath(...parts: string[]): string {
  return join(SHARED_FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(fixturePath(...parts));
}

export function readFixtureJSON<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFixture(...parts).toString('utf8')) as T;
}

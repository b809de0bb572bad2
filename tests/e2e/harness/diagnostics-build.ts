import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { DIAGNOSTICS_EXTENSION_PATH } from './browser.ts';
import { build } from './build.ts';

/**
 * The diagnostics build's folder, built first unless this run built it already
 * (or PROVENANT_SKIP_BUILD=1 and one exists). Call from a suite's beforeAll.
 */
export function diagnosticsExtension(): string {
  const manifest = join(DIAGNOSTICS_EXTENSION_PATH, 'manifest.json');
  const fresh = existsSync(manifest) && (process.env.PROVENANT_SKIP_BUILD === '1' || statSync(manifest).mtimeMs >= inject('e2eStartedAt'));
  if (!fresh) build('build:diagnostics', manifest);
  return DIAGNOSTICS_EXTENSION_PATH;
}

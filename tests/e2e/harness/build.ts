/**
 * vitest globalSetup for the e2e suite: check the machine has what a real-browser run
 * needs, then build the extension once so every test file loads the same .output:
 * the Chromium build always, the Firefox build (.output/firefox-mv3) when Firefox is
 * installed (without it the Firefox suite skips, or fails under CI, by itself).
 * The diagnostics build (the same plus `provenantDiagnostics` on the worker global, for
 * the suites that verify inside the worker) is made by diagnostics-build.ts, at most
 * once per run, only when a suite asks for it.
 * PROVENANT_SKIP_BUILD=1 reuses existing builds (e.g. when iterating on tests only);
 * PROVENANT_EXTENSION_PATH / PROVENANT_FIREFOX_EXTENSION_PATH point the suites at other
 * build folders.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromePath, extensionPathFor, REPO_ROOT } from './browser.ts';
import { firefoxExtensionPathFor, haveFirefox } from './firefox.ts';

function checkChromium(): void {
  const path = chromePath();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `e2e: Chromium is not installed at ${path}.\n` +
        '  Install it with: apt-get update && apt-get install -y chromium\n' +
        '  (or point CHROME_PATH at a Chromium/Chrome binary). Do not run `npx playwright install`: it cannot download here.',
    );
  }
}

function checkOpenssl(): void {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
  } catch {
    throw new Error('e2e: the `openssl` command is missing (the replay server needs it for its certificate): apt-get install -y openssl');
  }
}

export function build(script: string, manifest: string): void {
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which Vite and the Preact preset carry into the bundle:
  // build what `npm run build` and `npm run zip` ship instead.
  const result = spawnSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0 || !existsSync(manifest)) {
    throw new Error(`e2e: \`npm run ${script}\` failed (exit ${result.status ?? result.signal}); fix the build before running e2e tests`);
  }
  console.log(`e2e: \`npm run ${script}\` built the extension in ${Date.now() - started} ms`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** When this e2e run started (ms): a diagnostics build older than that is rebuilt (diagnostics-build.ts). */
    e2eStartedAt: number;
  }
}

export default function setup(project: TestProject): void {
  project.provide('e2eStartedAt', Date.now());
  checkChromium();
  checkOpenssl();
  const builds = [{ script: 'build', manifest: join(extensionPathFor(), 'manifest.json') }];
  if (haveFirefox()) builds.push({ script: 'build:firefox', manifest: join(firefoxExtensionPathFor(), 'manifest.json') });
  if (process.env.PROVENANT_SKIP_BUILD === '1') {
    for (const b of builds) {
      if (!existsSync(b.manifest)) throw new Error(`e2e: PROVENANT_SKIP_BUILD=1 but there is no build at ${b.manifest} (npm run ${b.script})`);
    }
    return;
  }
  for (const b of builds) build(b.script, b.manifest);
}

// `npm test`: lint, type-check, unit and integration tests, then the real-browser
// suite; ends with one plain summary line CI and people can read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules/.cache/provenant/test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const only = process.argv[2]; // optional: "unit" or "e2e"
const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  { name: 'e2e', config: 'vitest.e2e.config.ts' },
].filter((s) => !only || s.name === only);

let passed = 0;
let failed = 0;
let skipped = 0;
let problems = [];

// The generated sigstore bundle must reflect the current lib/crypto.
spawnSync('node', [join(root, 'scripts/vendor-sigstore.mjs')], { cwd: root, stdio: 'inherit' });

if (!only) {
  // eslint and knip (`npm run lint`): like the type-check, one check that passes or fails the run.
  const lint = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: root, stdio: 'inherit' });
  if (lint.status === 0) passed += 1;
  else { failed += 1; problems.push('lint'); }

  const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { cwd: root, stdio: 'inherit' });
  if (tsc.status === 0) passed += 1;
  else { failed += 1; problems.push('typecheck'); }
}

for (const suite of suites) {
  const file = join(out, `${suite.name}.json`);
  const run = spawnSync('npx', ['vitest', 'run', '-c', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  if (!existsSync(file)) {
    failed += 1;
    problems.push(`${suite.name} (no results, exit ${run.status})`);
    continue;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + (result.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even with no failed test.
  const broken = result.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'));
  failed += broken.length;
  for (const b of broken) problems.push(`${suite.name}: ${b.name} failed to run`);
  if (run.status !== 0 && result.numFailedTests === 0 && broken.length === 0) {
    failed += 1;
    problems.push(`${suite.name} exited ${run.status}`);
  }
}

if (problems.length) console.log(`\nproblems: ${problems.join('; ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;

// `npm run fuzz`: the fuzz suites (tests/fuzz) for longer than `npm test`
// runs them, with a fresh seed each time. The seed is printed first so a
// failure can be replayed: FUZZ_SEED=<seed> npm run fuzz. FUZZ_RUNS scales the
// run counts (100 = the CI size; default here 1000, ten times as many).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seed = process.env.FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS ?? '1000';
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} (replay with: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
const run = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.config.ts', 'tests/fuzz', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} ${run.status === 0 ? 'passed' : 'FAILED'}`);
process.exitCode = run.status ?? 1;

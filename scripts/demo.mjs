// `npm run demo`: build the extension, then run tools/demo.ts (bundled with esbuild).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (!process.env.DEMO_SKIP_BUILD) {
  const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const outfile = join(root, 'node_modules/.cache/provenant/demo.mjs');
await build({
  entryPoints: [join(root, 'tools/demo.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node22',
  packages: 'external', logLevel: 'warning',
});
const { main } = await import(pathToFileURL(outfile).href);
await main();

// Builds tools/conformance.ts with esbuild (same vendor bundle and crypto
// replacement as the extension) and runs it with the given arguments.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'node_modules/.cache/provenant/conformance.mjs');

await build({
  entryPoints: [join(root, 'tools/conformance-main.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
  // The verification code must not reach node:crypto; fail the build if it tries.
  plugins: [{
    name: 'no-node-crypto',
    setup(b) {
      b.onResolve({ filter: /^(node:)?crypto$/ }, (a) => ({ errors: [{ text: `node:crypto imported from ${a.importer}` }] }));
    },
  }],
});
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = main(process.argv.slice(2));

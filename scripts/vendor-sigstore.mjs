// Bundles sigstore-js's verification packages into one ESM module with the
// browser replacements for `crypto`, `util` and `Buffer` wired in.
// Every consumer (the extension build, vitest, the conformance CLI, the bench)
// imports this one file, so the code that is tested is the code the browser runs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'lib/vendor/sigstore-entry.ts')],
  outfile: join(root, 'lib/vendor/sigstore.generated.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['node:*'],
  alias: {
    crypto: join(root, 'lib/crypto/node-crypto.ts'),
    util: join(root, 'lib/crypto/node-util.ts'),
  },
  // protobuf-specs reads `globalThis.Buffer` at call time; point it, and every
  // bare `Buffer`, at the `buffer` package so Node and the browser run the same code.
  inject: [join(root, 'lib/crypto/buffer-global.ts')],
  define: { 'globalThis.Buffer': 'Buffer' },
});

// Runs tools/conformance.ts (same vendor bundle and crypto replacement as the
// extension) with the given arguments. sigstore-conformance calls the client
// once per case, so the esbuild output is cached in node_modules/.cache and
// rebuilt only when one of the files it was built from changed (their sizes and
// times are kept beside it); a call with nothing changed only stats those files.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules/.cache/provenant');
const outfile = join(cache, 'conformance.mjs');
const stampFile = join(cache, 'conformance.inputs.json');

function fingerprint(file) {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}

function upToDate() {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.output !== fingerprint(outfile)) return false;
    return Object.entries(stamp.inputs).every(([file, print]) => fingerprint(join(root, file)) === print);
  } catch {
    return false; // no stamp, no output, or an input gone
  }
}

async function rebuild() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'tools/conformance-main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    // The verification code must not reach node:crypto; fail the build if it tries.
    plugins: [{
      name: 'no-node-crypto',
      setup(b) {
        b.onResolve({ filter: /^(node:)?crypto$/ }, (a) => ({ errors: [{ text: `node:crypto imported from ${a.importer}` }] }));
      },
    }],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = fingerprint(join(root, file));
  mkdirSync(cache, { recursive: true });
  writeFileSync(stampFile, JSON.stringify({ output: fingerprint(outfile), inputs }));
}

if (process.argv[2] === '--build' || !upToDate()) await rebuild();
if (process.argv[2] !== '--build') {
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = main(process.argv.slice(2));
}

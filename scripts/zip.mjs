// `npm run zip`: builds tools/zip-main.ts with esbuild and runs it (see there).
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'node_modules/.cache/provenant/zip.mjs');

// tsconfigRaw: the project's tsconfig extends .wxt/, which a fresh checkout has only after a build.
await build({ entryPoints: [join(root, 'tools/zip-main.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', tsconfigRaw: '{}' });
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = main(root, process.argv.slice(2));

// Rasterizes Provenant's icons from their SVG sources (assets/icons/) into PNGs
// under public/, which WXT copies into every build. The toolbar API takes no SVG,
// and generated PNGs are not committed: the SVGs are the source.
//
//   node scripts/icons.mjs            writes public/icon/<size>.png and public/toolbar/<state>-<size>.png
//   node scripts/icons.mjs --out DIR  writes the same tree under DIR (the tests compare two runs)
//
// Rasterizer: @resvg/resvg-wasm, pinned to an exact version in package.json. It is
// resvg compiled to one WebAssembly file, so every machine (any OS or CPU, no
// native binary to download) computes the same pixels, and its PNG encoder writes
// no timestamp or other metadata: two runs give byte-identical files, which keeps
// the store zips reproducible. The SVGs use no text, so no font is involved.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'assets/icons');

/** The mark at the sizes the manifest's `icons` and `action.default_icon` list. */
const MARK_SIZES = [16, 32, 48, 128];
/** The sizes a toolbar action icon is drawn at (1x and 2x screens). */
const TOOLBAR_SIZES = [16, 32];
/**
 * Where the shield sits in a toolbar variant: shrunk towards the bottom-left, so
 * the status glyph gets the top-right corner, which the badge text (drawn by
 * both browsers over the icon's lower part) leaves visible.
 */
const MARK_IN_TOOLBAR = 'translate(-8 25) scale(0.8)';

/** The shield without its letter: a glyph over half a P would read as another letter. */
function shield(mark) {
  const drawing = inner(mark);
  const letter = /<path id="letter"[^>]*\/>/;
  if (!letter.test(drawing)) throw new Error('icons: provenant.svg has no <path id="letter" …/>');
  return drawing.replace(letter, '');
}

const svgOpen = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">';

/** The drawing inside a source file's <svg> element, without its <title>. */
function inner(svg) {
  const match = /<svg\b[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg);
  if (!match) throw new Error('icons: not a single <svg> document');
  return match[1].replace(/<title>[\s\S]*?<\/title>/g, '');
}

function render(svg, size) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
  return Buffer.from(png);
}

/** Every PNG, by its path relative to the output folder. */
export async function renderIcons() {
  const require = createRequire(import.meta.url);
  await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  const mark = readFileSync(join(sources, 'provenant.svg'), 'utf8');
  const files = new Map();
  for (const size of MARK_SIZES) files.set(`icon/${size}.png`, render(mark, size));
  const states = readdirSync(join(sources, 'status'))
    .filter((f) => f.endsWith('.svg'))
    .sort();
  for (const file of states) {
    const status = readFileSync(join(sources, 'status', file), 'utf8');
    const svg = `${svgOpen}<g transform="${MARK_IN_TOOLBAR}">${shield(mark)}</g>${inner(status)}</svg>`;
    for (const size of TOOLBAR_SIZES) files.set(`toolbar/${file.replace(/\.svg$/, '')}-${size}.png`, render(svg, size));
  }
  return files;
}

async function main() {
  const at = process.argv.indexOf('--out');
  const out = at >= 0 ? process.argv[at + 1] : join(root, 'public');
  if (!out) throw new Error('icons: --out needs a folder');
  const files = await renderIcons();
  // A state whose SVG was removed must not leave its old PNG in the build.
  for (const dir of ['icon', 'toolbar']) rmSync(join(out, dir), { recursive: true, force: true });
  for (const [path, png] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), png);
  }
  console.log(`icons: ${files.size} PNGs in ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

/**
 * The PNGs scripts/icons.mjs rasterizes into the build: every toolbar state and
 * manifest size exists at its pixel size, the states differ in shape, the mark
 * stays legible at 16 px on light and dark toolbars, and two runs give the same
 * bytes (the store zips must be reproducible).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { MARK_ICONS, TOOLBAR_ICONS, toolbarIconPaths, type ToolbarIcon } from '../../lib/background/toolbar-icons';
import { contrast, decodePng, luminance, pngSize, type Png } from '../support/png';

const ROOT = join(import.meta.dirname, '../..');
const TOOLBARS = { light: '#ffffff', dark: '#202124', 'dark grey': '#3c3c3c' } as const;
/** Share of a 16 px icon's opaque pixels that must stand out (>= 3:1, WCAG's bar for graphics) from each toolbar. */
const LEGIBLE_SHARE = 0.5;

let first: string;
let second: string;

function rasterize(out: string): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/icons.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/icons.mjs failed: ${run.stderr}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const read = (icon: ToolbarIcon, size: 16 | 32): Png => decodePng(readFileSync(join(first, toolbarIconPaths(icon)[size])));

function hexLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return luminance(n >> 16, (n >> 8) & 255, n & 255);
}

/** The share of opaque pixels that contrast at least 3:1 with the background. */
function legibleShare(png: Png, background: string): number {
  const bg = hexLuminance(background);
  let opaque = 0;
  let standing = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const p = png.pixels.subarray(i * 4, i * 4 + 4);
    if (p[3]! < 250) continue;
    opaque++;
    if (contrast(luminance(p[0]!, p[1]!, p[2]!), bg) >= 3) standing++;
  }
  return opaque === 0 ? 0 : standing / opaque;
}

/** Where the icon is white: the glyphs and rims, whatever the colour around them. */
function whiteShape(png: Png): boolean[] {
  return Array.from({ length: png.width * png.height }, (_, i) => png.pixels[i * 4 + 3]! > 128 && luminance(png.pixels[i * 4]!, png.pixels[i * 4 + 1]!, png.pixels[i * 4 + 2]!) > 0.5);
}

/** The same picture with every pixel painted one colour, alpha kept. */
function painted(png: Png, hex: string): Png {
  const n = Number.parseInt(hex.slice(1), 16);
  const pixels = Uint8Array.from(png.pixels);
  for (let i = 0; i < png.width * png.height; i++) pixels.set([n >> 16, (n >> 8) & 255, n & 255], i * 4);
  return { ...png, pixels };
}

beforeAll(() => {
  first = mkdtempSync(join(tmpdir(), 'provenant-icons-'));
  second = mkdtempSync(join(tmpdir(), 'provenant-icons-'));
  rasterize(first);
  rasterize(second);
});

afterAll(() => {
  for (const dir of [first, second]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rasterized icons', () => {
  it('are byte-identical across two runs', () => {
    const names = files(first);
    expect(names.length).toBe(Object.keys(MARK_ICONS).length + 2 * (TOOLBAR_ICONS.length - 1));
    expect(files(second)).toEqual(names);
    for (const name of names) expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name))), name).toBe(true);
  });

  it('give the manifest the mark at 16, 32, 48 and 128 px', () => {
    for (const [size, path] of Object.entries(MARK_ICONS)) {
      expect(pngSize(readFileSync(join(first, path)))).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('give every toolbar state a 16 and a 32 px PNG', () => {
    for (const icon of TOOLBAR_ICONS) {
      for (const size of [16, 32] as const) {
        const png = read(icon, size);
        expect({ icon, width: png.width, height: png.height }).toEqual({ icon, width: size, height: size });
      }
    }
  });

  it('make every toolbar state differ from every other in shape, not only in colour', () => {
    for (const size of [16, 32] as const) {
      const shapes = TOOLBAR_ICONS.map((icon) => [icon, whiteShape(read(icon, size))] as const);
      for (const [i, [a, shapeA]] of shapes.entries()) {
        for (const [b, shapeB] of shapes.slice(i + 1)) {
          const differing = shapeA.filter((v, k) => v !== shapeB[k]).length;
          // At 32 px a glyph is a few pixel rows; 16 px keeps fewer of them.
          expect({ a, b, differing: differing >= (size === 32 ? 10 : 4) }).toEqual({ a, b, differing: true });
        }
      }
    }
  });

  it.each(Object.entries(TOOLBARS))('stay legible at 16 px on a %s toolbar (%s)', (_, background) => {
    for (const icon of TOOLBAR_ICONS) {
      const share = legibleShare(read(icon, 16), background);
      expect({ icon, share: share >= LEGIBLE_SHARE }, `${icon}: ${share.toFixed(2)}`).toEqual({ icon, share: true });
    }
  });

  it('the legibility measure fails an icon that melts into a toolbar', () => {
    const mark = read('default', 16);
    // A dark-only mark vanishes on dark toolbars, a white-only one on a light toolbar.
    expect(legibleShare(painted(mark, '#1b2a4a'), TOOLBARS.light)).toBe(1);
    expect(legibleShare(painted(mark, '#1b2a4a'), TOOLBARS.dark)).toBeLessThan(LEGIBLE_SHARE);
    expect(legibleShare(painted(mark, '#1b2a4a'), TOOLBARS['dark grey'])).toBeLessThan(LEGIBLE_SHARE);
    expect(legibleShare(painted(mark, '#ffffff'), TOOLBARS.light)).toBeLessThan(LEGIBLE_SHARE);
  });

  it('are read correctly: the PNG reader agrees with the rasterizer on its own pixels', async () => {
    // The rasterizer hands out premultiplied pixels; a PNG stores them straight.
    await initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'))).catch(() => undefined);
    const image = new Resvg(readFileSync(join(ROOT, 'assets/icons/provenant.svg'), 'utf8'), { fitTo: { mode: 'width', value: 32 } }).render();
    const decoded = decodePng(image.asPng());
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 32, height: 32 });
    const premultiplied = decoded.pixels.map((v, i) => (i % 4 === 3 ? v : Math.round((v * decoded.pixels[i - (i % 4) + 3]!) / 255)));
    const off = premultiplied.reduce((worst, v, i) => Math.max(worst, Math.abs(v - image.pixels[i]!)), 0);
    expect(off).toBeLessThanOrEqual(1);
    expect(decoded.pixels.some((v, i) => i % 4 === 3 && v > 0 && v < 255)).toBe(true);
  });
});

import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attribute, packageOf, segmentsOf, type SourceMap } from '../../tools/bundle-attribution';

/** A literal only one module contains, long enough that no minifier shortens it and no glue is mistaken for it. */
const literal = (tag: string, length: number) => `${tag}:${'x'.repeat(length)}`;

const LIB = literal('lib', 3000);
const PKG = literal('pkg', 2000);
const CURVES = literal('curves', 1500);
const TUF = literal('tuf', 1000);

// A project shaped like Provenant's: an entrypoint, a lib folder, an npm package, and a vendor bundle with esbuild's module markers.
const files: Record<string, string> = {
  'entrypoints/main.ts': `import { a } from '../lib/a/x';\nimport { b } from '@scope/pkg';\nimport { v } from '../lib/vendor/sigstore.generated.js';\nexport default [a(), b(), v()];\n`,
  'lib/a/x.ts': `export function a(): string {\n  return ${JSON.stringify(LIB)} + String(Math.random());\n}\n`,
  'node_modules/@scope/pkg/package.json': '{"name":"@scope/pkg","main":"index.js"}',
  'node_modules/@scope/pkg/index.js': `export function b() {\n  return ${JSON.stringify(PKG)} + String(Math.random());\n}\n`,
  'lib/vendor/sigstore.generated.js': [
    '// node_modules/@noble/curves/esm/abstract/weierstrass.js',
    `function curves() { return ${JSON.stringify(CURVES)} + String(Math.random()); }`,
    '',
    '// node_modules/@tufjs/models/dist/root.js',
    `function tuf() { return ${JSON.stringify(TUF)} + String(Math.random()); }`,
    `export function v() { return curves() + tuf(); }`,
    '',
  ].join('\n'),
};

const root = mkdtempSync(join(tmpdir(), 'provenant-attribution-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function bundle(minify: boolean): Promise<{ code: string; map: SourceMap }> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const out = await build({
    entryPoints: [join(root, 'entrypoints/main.ts')],
    absWorkingDir: root,
    outfile: join(root, 'out/main.js'),
    bundle: true,
    format: 'iife',
    minify,
    charset: 'ascii',
    sourcemap: 'external',
    sourcesContent: true,
    write: false,
    logLevel: 'silent',
  });
  const text = (suffix: string) => out.outputFiles.find((f) => f.path.endsWith(suffix))!.text;
  return { code: text('main.js'), map: JSON.parse(text('main.js.map')) as SourceMap };
}

describe('bundle attribution from a source map', () => {
  it.each([true, false])('every byte is counted once, each literal with its own module (minified: %s)', async (minify) => {
    const { code, map } = await bundle(minify);
    const { rows, unmapped, total } = attribute(code, map, packageOf);
    expect(total).toBe(code.length);
    expect(rows.reduce((sum, [, n]) => sum + n, unmapped)).toBe(code.length);
    const bytes = Object.fromEntries(rows);
    expect(Object.keys(bytes).sort()).toEqual(['@scope/pkg', 'entrypoints', 'lib/a', 'lib/vendor: @noble/curves', 'lib/vendor: @tufjs/models']);
    // Each row holds its literal and little else: the function around it, not its neighbours' literals.
    for (const [row, text] of [['lib/a', LIB], ['@scope/pkg', PKG], ['lib/vendor: @noble/curves', CURVES], ['lib/vendor: @tufjs/models', TUF]] as const) {
      expect(bytes[row], row).toBeGreaterThanOrEqual(text.length + 2);
      expect(bytes[row], row).toBeLessThan(text.length + 200);
    }
    expect(unmapped).toBeLessThan(200);
  });

  it('glue before the first segment, after a source-less segment and on unmapped lines is unmapped', () => {
    // Line 1 (11 bytes): 3 bytes of glue; source 0 line 0 from column 3; a one-field (source-less) segment at 5;
    // source 0 line 1 from column 7 to the line's end. Line 2 (3 bytes): nothing mapped.
    const code = 'abcdefghijk\nxyz';
    const { segments, unmapped } = segmentsOf(code, { sources: ['s.ts'], mappings: 'GAAA,E,EACA;' });
    expect(segments).toEqual([
      { source: 0, originalLine: 0, length: 2 },
      { source: 0, originalLine: 1, length: 4 },
    ]);
    expect(unmapped).toBe(3 + 2 + 1 + 3);
  });
});

describe('the row a source belongs to', () => {
  it.each([
    ['../../node_modules/zod/v4/core/schemas.js', 'zod'],
    ['../../node_modules/@sigstore/verify/dist/verifier.js', '@sigstore/verify'],
    ['/work/x/node_modules/a/node_modules/@noble/hashes/sha2.js', '@noble/hashes'],
    ['../../lib/verify/verify-bundle.ts', 'lib/verify'],
    ['../../lib/zod-messages.ts', 'lib/zod-messages.ts'],
    ['../../lib/vendor/trust-seed.generated.js', 'lib/vendor/trust-seed.generated.js'],
    ['../../entrypoints/background.ts', 'entrypoints'],
    ['protobuf-codec-not-bundled', 'protobuf-codec-not-bundled'],
  ])('%s → %s', (path, row) => {
    expect(packageOf(path)).toBe(row);
  });
});

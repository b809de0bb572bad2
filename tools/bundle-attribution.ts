/**
 * Where a built file's bytes come from, read from its source map (`npm run
 * bench` prints it for background.js, issue 14). Each mapped segment owns the
 * generated text up to the next segment on its line; text before a line's
 * first segment, and lines with none, is glue no source claims (Rollup's and
 * WXT's wrappers). Columns in a source map count UTF-16 units, which are bytes
 * here: the build writes ASCII only (terser's ascii_only).
 *
 * The vendored sigstore bundle is one source to Rollup; esbuild writes a
 * `// node_modules/<package>/…` or `// lib/…` line before each module it
 * bundled, so its bytes are attributed a second time, to those packages.
 */

export interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  mappings: string;
}

/** One mapped stretch of generated text: which source and line it came from, and how long it is. */
export interface Segment {
  source: number;
  originalLine: number;
  length: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The numbers of one mapping segment (Source Map v3: base64 VLQ, sign in the lowest bit). */
function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${JSON.stringify(c)}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw new Error('a VLQ value ends mid-number');
  return values;
}

/** The mapped segments of `code`, and the bytes no source claims (glue, newlines). */
export function segmentsOf(code: string, map: SourceMap): { segments: Segment[]; unmapped: number } {
  const lines = code.split('\n');
  const groups = map.mappings.split(';');
  const segments: Segment[] = [];
  let unmapped = lines.length - 1; // the newlines themselves
  let source = 0;
  let originalLine = 0;
  for (const [i, line] of lines.entries()) {
    // Per line: where each segment starts, and its source (none for a one-field segment, which maps to nothing).
    const starts: { column: number; source?: number; originalLine: number }[] = [];
    let column = 0;
    for (const part of (groups[i] ?? '').split(',')) {
      if (part === '') continue;
      const v = decodeVlq(part);
      column += v[0]!;
      if (v.length >= 4) {
        source += v[1]!;
        originalLine += v[2]!;
        starts.push({ column, source, originalLine });
      } else starts.push({ column, originalLine });
    }
    unmapped += starts.length === 0 ? line.length : Math.min(starts[0]!.column, line.length);
    for (const [j, s] of starts.entries()) {
      const length = Math.max(0, Math.min(starts[j + 1]?.column ?? line.length, line.length) - s.column);
      if (s.source === undefined) unmapped += length;
      else segments.push({ source: s.source, originalLine: s.originalLine, length });
    }
  }
  return { segments, unmapped };
}

/**
 * Bytes per group, largest first: `group(source)` names a source's row (a
 * package, a lib folder); the vendored sigstore bundle's bytes are split
 * by the module esbuild bundled there, as `lib/vendor: <package>`.
 */
export function attribute(code: string, map: SourceMap, group: (source: string) => string): { rows: [string, number][]; unmapped: number; total: number } {
  const { segments, unmapped } = segmentsOf(code, map);
  const vendorModules = map.sources.map((s, i) => (s.endsWith(VENDOR_BUNDLE) ? vendorModuleLines(map.sourcesContent?.[i] ?? '') : undefined));
  const bytes = new Map<string, number>();
  for (const s of segments) {
    const modules = vendorModules[s.source];
    const key = modules ? `lib/vendor: ${modules[s.originalLine] ?? '(esbuild runtime)'}` : group(map.sources[s.source]!);
    bytes.set(key, (bytes.get(key) ?? 0) + s.length);
  }
  return { rows: [...bytes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])), unmapped, total: code.length };
}

const VENDOR_BUNDLE = 'lib/vendor/sigstore.generated.js';

/** For each line of the vendor bundle, the package (or lib folder) of the module esbuild placed it under. */
function vendorModuleLines(text: string): (string | undefined)[] {
  let current: string | undefined;
  return text.split('\n').map((line) => {
    const marker = /^\/\/ (\S+)$/.exec(line);
    if (marker) current = packageOf(marker[1]!.replace(/^[\w-]+:/, ''));
    return current;
  });
}

/**
 * The row a source path belongs to: its npm package for anything under
 * node_modules; a generated file (data, like the trust seed) by itself; else
 * its folder under lib/ (or the file, for a file at lib/'s top), else its top
 * folder. Paths may be relative to the built file (`../../lib/x.ts`).
 */
export function packageOf(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  const modules = parts.lastIndexOf('node_modules');
  if (modules >= 0) {
    const name = parts.slice(modules + 1, parts[modules + 1]?.startsWith('@') ? modules + 3 : modules + 2);
    return name.join('/');
  }
  const rest = parts.filter((p) => p !== '..' && p !== '.');
  if (rest.at(-1)?.endsWith('.generated.js')) return rest.join('/');
  const lib = rest.indexOf('lib');
  if (lib >= 0) return rest.slice(lib, Math.min(lib + 2, rest.length)).join('/');
  return rest.length > 1 ? rest[0]! : rest.join('/');
}

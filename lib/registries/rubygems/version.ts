import { RUBY_PLATFORM, parseVersionSlug } from './names';

/**
 * RubyGems version order (Gem::Version#<=>), written from its documented
 * rules: a version is a list of segments, runs of digits (numbers) and runs of
 * letters (strings), so `1.0.0.rc1` is 1, 0, 0, "rc", 1. Trailing zeros of the
 * numeric part and of the part from the first string on do not count
 * (`1.0` = `1`, `1.0.a` = `1.a`); a missing segment is 0; a string is lower
 * than any number (so `1.0.a` < `1.0`, the prerelease before its release);
 * strings compare by their bytes. A version containing a letter is a
 * prerelease.
 */
type Segment = bigint | string;

function segments(version: string): Segment[] {
  return (version.match(/[0-9]+|[A-Za-z]+/g) ?? []).map((s) => (/^[0-9]/.test(s) ? BigInt(s) : s));
}

function canonical(version: string): Segment[] {
  const all = segments(version);
  const firstString = all.findIndex((s) => typeof s === 'string');
  const numeric = firstString < 0 ? all : all.slice(0, firstString);
  const rest = firstString < 0 ? [] : all.slice(firstString);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(rest)];
}

function dropTrailingZeros(list: Segment[]): Segment[] {
  let end = list.length;
  while (end > 0 && list[end - 1] === 0n) end--;
  return list.slice(0, end);
}

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b` (version numbers, no platform). */
export function compareGemVersions(a: string, b: string): number {
  const x = canonical(a);
  const y = canonical(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0n;
    const q = y[i] ?? 0n;
    if (p === q) continue;
    if (typeof p === 'string' && typeof q !== 'string') return -1;
    if (typeof p !== 'string' && typeof q === 'string') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export function isPrereleaseGemVersion(version: string): boolean {
  return /[A-Za-z]/.test(version);
}

/**
 * The version line of a release for the history window (VERDICTS.md, "History
 * window"): the same major, or the same minor for 0.x, and always the same
 * platform — a platform gem is built by its own job and compared only with
 * earlier builds for that platform. Takes the report's version
 * (`<number>[-<platform>]`); undefined when it does not parse.
 * `1.16.0` → `1`, `0.2.3` → `0.2`, `1.16.0-x86_64-linux` → `1-x86_64-linux`.
 */
export function rubygemsVersionLine(slug: string): string | undefined {
  const parsed = parseVersionSlug(slug);
  if (!parsed) return undefined;
  const [major, minor] = segments(parsed.version);
  if (typeof major !== 'bigint') return undefined;
  const line = major === 0n ? `0.${typeof minor === 'bigint' ? minor : 0n}` : `${major}`;
  return parsed.platform === RUBY_PLATFORM ? line : `${line}-${parsed.platform}`;
}

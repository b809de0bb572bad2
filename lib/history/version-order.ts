
/**
 * Orders versions for the history window (docs/verdicts.md, "History
 * window"): by publish time, since a version number says nothing about when a
 * release came out (a backport 1.0.1 published after 2.0.0 is newer than
 * 2.0.0). SemVer order is only the fallback for an npm document without
 * publish times.
 */
interface SemVer { nums: number[]; pre: (string | number)[] }

function parseSemver(v: string): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return undefined;
  return {
    nums: [Number(m[1]), Number(m[2]), Number(m[3])],
    pre: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
  };
}

export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return a.localeCompare(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! - y.nums[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export function isPrerelease(v: string): boolean {
  return (parseSemver(v)?.pre.length ?? 0) > 0;
}

/** npm: the same major, or the same minor for 0.x (where SemVer lets a minor break). */
export function semverLine(version: string): string | undefined {
  const v = parseSemver(version);
  if (!v) return undefined;
  return v.nums[0] === 0 ? `0.${v.nums[1]}` : `${v.nums[0]}`;
}

/** How a line reads in an alert: `1.x`, `0.3.x`; a platform after the line stays after it (RubyGems: `1.x-x86_64-linux`). */
export function versionLineLabel(line: string): string {
  const dash = line.indexOf('-');
  return dash < 0 ? `${line}.x` : `${line.slice(0, dash)}.x${line.slice(dash)}`;
}

/**
 * npm with publish times: the versions published before `current`, newest
 * first, at most `limit`. Versions without a time cannot be placed and are
 * left out; pre-releases as in `earlierNpmVersions`.
 */
export function earlierNpmByPublishTime(times: Readonly<Record<string, string | undefined>>, all: readonly string[], current: string, limit: number): string[] {
  const includePre = isPrerelease(current);
  const uploads: Record<string, string | undefined> = {};
  for (const v of all) if (v === current || includePre || !isPrerelease(v)) uploads[v] = times[v];
  return earlierByUploadTime(uploads, current, limit);
}

/**
 * Up to `limit` versions released before `current`, newest first. Pre-releases
 * are left out unless the current version is one: a stable line's history is
 * its stable releases.
 */
export function earlierNpmVersions(all: readonly string[], current: string, limit: number): string[] {
  const includePre = isPrerelease(current);
  return all
    .filter((v) => compareSemver(v, current) < 0 && (includePre || !isPrerelease(v)))
    .sort((a, b) => compareSemver(b, a))
    .slice(0, limit);
}

/** Versions whose (first) publish time precedes the current one's, newest first; ties broken by version text, so the order is stable. */
export function earlierByUploadTime(uploads: Readonly<Record<string, string | undefined>>, current: string, limit: number): string[] {
  const at = instant(uploads[current]);
  if (at === undefined) return [];
  return Object.entries(uploads)
    .map(([v, t]) => [v, instant(t)] as const)
    .filter((e): e is readonly [string, number] => e[0] !== current && e[1] !== undefined && e[1] < at)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))
    .slice(0, limit)
    .map(([v]) => v);
}

/** Registries write times in several ISO 8601 spellings (`Z`, `+00:00`, with or without fractions): compare instants, not text. */
function instant(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

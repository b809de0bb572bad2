/**
 * Orders versions for the history window. npm versions are SemVer; PyPI's
 * are ordered by first upload time instead, since PEP 440 ordering is not
 * needed to know which release came before another.
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

/** PyPI: versions whose first upload precedes the current one's, newest first. */
export function earlierByUploadTime(uploads: Readonly<Record<string, string | undefined>>, current: string, limit: number): string[] {
  const at = uploads[current];
  if (!at) return [];
  return Object.entries(uploads)
    .filter((e): e is [string, string] => e[0] !== current && e[1] !== undefined && e[1] < at)
    .sort((a, b) => (a[1] < b[1] ? 1 : -1))
    .slice(0, limit)
    .map(([v]) => v);
}

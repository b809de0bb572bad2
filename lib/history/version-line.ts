import { registryFor } from '../registries/list';
import type { Ecosystem } from '../registries/sites';

/**
 * The version line a release belongs to, by its registry's rule (its
 * descriptor's `versionLine`: npm the same major, or minor for 0.x; PyPI the
 * same on PEP 440 release segments). Undefined when the version does not
 * parse: such a release is compared only with the newest overall. Worker
 * only: it reaches the registries' worker parts.
 */
export function versionLine(ecosystem: Ecosystem, version: string): string | undefined {
  return registryFor(ecosystem).versionLine(version);
}

/**
 * Whether line `a` is newer than line `b` (`2` after `1`, `0.4` after `0.3`,
 * PyPI's `1!0.1` after any line without an epoch), comparing their dotted
 * numbers. Lines that do not compare (undefined, not numeric) are not newer.
 */
export function newerLine(a: string | undefined, b: string): boolean {
  if (a === undefined || a === b) return false;
  const parts = (line: string) => {
    const [epoch, rest] = line.includes('!') ? line.split('!', 2) : ['0', line];
    return [epoch!, ...rest!.split('.')].map((p) => (/^\d{1,15}$/.test(p) ? Number(p) : NaN));
  };
  const x = parts(a);
  const y = parts(b);
  if ([...x, ...y].some(Number.isNaN)) return false;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

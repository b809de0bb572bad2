/**
 * Stands in for `minimatch` inside @tufjs/models (scripts/vendor-sigstore.mjs
 * aliases it here). The models call it once per path segment, to decide whether
 * a delegated targets role covers a target path (TUF 1.0 §5.6.7.2,
 * `DelegatedRole.isDelegatedPath`). The real package is ~25 KB minified with
 * brace expansion, extglobs and character classes that no Sigstore delegation
 * uses (`registry.npmjs.org/*` is the only pattern there), so only `*` and `?`
 * are understood, with minimatch's rule that neither matches a leading dot.
 * Any other glob syntax matches nothing: a delegation Provenant cannot read is
 * not followed, so the target is not found and the refresh fails, rather than
 * trusting a role for paths it was never given.
 */
const UNSUPPORTED = /[[\]{}!\\]|[+@!]\(/;

export function minimatch(segment: string, pattern: string): boolean {
  if (UNSUPPORTED.test(pattern)) return false;
  // As minimatch: an empty path part matches only an empty pattern (`*` needs a character).
  if (segment === '') return pattern === '';
  if (segment.startsWith('.') && !pattern.startsWith('.')) return false;
  return matchFrom(segment, 0, pattern, 0);
}

function matchFrom(s: string, i: number, p: string, j: number): boolean {
  while (j < p.length) {
    const c = p[j]!;
    if (c === '*') {
      // Collapse runs of stars, then try every split (segments are short).
      while (p[j] === '*') j++;
      if (j === p.length) return true;
      for (let k = i; k <= s.length; k++) if (matchFrom(s, k, p, j)) return true;
      return false;
    }
    if (i >= s.length || (c !== '?' && c !== s[i])) return false;
    i++;
    j++;
  }
  return i === s.length;
}

/**
 * PEP 440 versions, only as far as distribution filenames need them: parse
 * the permitted spellings and reduce a version to a key such that two
 * versions have the same key exactly when PEP 440 calls them equal
 * (`1.0` == `1.0.0`, `1.0-alpha1` == `1.0a1`, `1.0-1` == `1.0.post1`).
 * https://packaging.python.org/en/latest/specifications/version-specifiers/
 */

// Public version with the alternative spellings of "Normalization" in the
// spec; case-insensitive. Each optional part is anchored by its letters, so
// matching stays linear.
const VERSION = new RegExp(
  [
    '^v?',
    '(?:(?<epoch>\\d+)!)?',
    '(?<release>\\d+(?:\\.\\d+)*)',
    '(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>\\d+)?)?',
    '(?:-(?<postImplicit>\\d+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN>\\d+)?)?',
    '(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>\\d+)?)?',
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  ].join(''),
  'i',
);

const PRE_LETTER: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/** The equality key of a PEP 440 version, or undefined if it is not one. */
export function versionKey(version: string): string | undefined {
  if (version.length > 200) return undefined;
  const g = VERSION.exec(version.trim())?.groups;
  if (!g) return undefined;
  const release = g.release!.split('.').map(int);
  // Trailing zeros do not change a release: 1.0 == 1.0.0.
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  let key = `${int(g.epoch ?? '0')}!${release.join('.')}`;
  if (g.preL !== undefined) key += `${PRE_LETTER[g.preL.toLowerCase()]}${int(g.preN ?? '0')}`;
  if (g.postImplicit !== undefined) key += `.post${int(g.postImplicit)}`;
  else if (g.postL !== undefined) key += `.post${int(g.postN ?? '0')}`;
  if (g.devL !== undefined) key += `.dev${int(g.devN ?? '0')}`;
  if (g.local !== undefined) {
    // Local segments compare as numbers when numeric, else case-insensitively.
    key += `+${g.local.split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? int(p) : p.toLowerCase())).join('.')}`;
  }
  return key;
}

export function versionsEqual(a: string, b: string): boolean {
  const ka = versionKey(a);
  return ka !== undefined && ka === versionKey(b);
}

function int(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/**
 * The version line of a PEP 440 version for the history window: the epoch and
 * the first release segment, or the first two when the first is 0 (the rule
 * npm's SemVer lines follow: `0.x` minors break like majors). Undefined when
 * the version is not PEP 440.
 */
export function pep440VersionLine(version: string): string | undefined {
  if (version.length > 200) return undefined;
  const g = VERSION.exec(version.trim())?.groups;
  if (!g) return undefined;
  const release = g.release!.split('.').map(int);
  const epoch = int(g.epoch ?? '0');
  const prefix = epoch === '0' ? '' : `${epoch}!`;
  return release[0] === '0' ? `${prefix}0.${release[1] ?? '0'}` : `${prefix}${release[0]}`;
}

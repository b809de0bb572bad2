/**
 * homebrew-core formula names as formulae.brew.sh's URLs write them:
 * lowercase letters, digits and `+ - _ . @` (`python@3.12`, `gtk+3`,
 * `libxml++`), starting with a letter or digit; at most 100 characters.
 */
const FORMULA = /^[a-z0-9][a-z0-9+_.@-]{0,99}$/;

export function isValidFormulaName(name: string): boolean {
  return FORMULA.test(name) && !name.includes('..');
}

/** `/formula/<name>` (formulae.brew.sh pages never name a version: the API serves only the current one). */
export function parseFormulaPath(pathname: string): { name: string } | null {
  const m = /^\/formula\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return isValidFormulaName(name) ? { name } : null;
}

/** `https://formulae.brew.sh/api/formula/<name>.json`. */
export const formulaApiUrl = (name: string) => `https://formulae.brew.sh/api/formula/${encodeURIComponent(name)}.json`;

/**
 * The gem's declared source (the GitHub repositories its `source_code_uri`
 * and `homepage_uri` metadata name, per version) against the repository in
 * the certificate; the certificate's repository must be one of them.
 *
 * Decision (issue 15, VERDICTS.md "failed: … or the registry's own data
 * contradicts it"): when the gem names GitHub repositories and the
 * certificate's source repository is none of them, the .gem is `failed`
 * (SOURCE_REPOSITORY_MISMATCH), with the certificate's identity kept on the
 * artifact so the popup can say who did build it. The metadata travels inside
 * the signed .gem, so a gem built from one repository that names another is
 * a contradiction in the release itself, and with the trusted-publisher
 * configuration private it is the one statement of the expected repository
 * that does not depend on what the user saw before. A gem that names no
 * GitHub repository (a homepage elsewhere, no metadata) is not compared.
 * Known cost: a repository renamed or moved without updating the gemspec
 * reads as failed until the metadata follows; names compare case-insensitively
 * and `.git`, `/tree/…` and `www.` are ignored to keep that to real moves.
 */

// First path segments of github.com that are not owners.
const NOT_OWNERS = new Set(['orgs', 'sponsors', 'marketplace', 'apps', 'topics', 'collections', 'settings', 'features', 'about', 'enterprise', 'login']);

/** `owner/repo`, lower-cased, of a GitHub repository URL; undefined for anything else. */
export function githubRepositoryOf(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || (u.hostname !== 'github.com' && u.hostname !== 'www.github.com')) return undefined;
  const [owner, repo] = u.pathname.split('/').filter((s) => s !== '');
  if (owner === undefined || repo === undefined || NOT_OWNERS.has(owner.toLowerCase())) return undefined;
  const name = repo.replace(/\.git$/i, '');
  if (!/^[A-Za-z0-9-]+$/.test(owner) || !/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`.toLowerCase();
}

export const DECLARED_SOURCE_KEYS = ['source_code_uri', 'homepage_uri'] as const;

/** The GitHub repositories the version's metadata names, lower-cased `owner/repo`, without duplicates. */
export function declaredRepositories(metadata: Readonly<Record<string, string>>): string[] {
  const found = DECLARED_SOURCE_KEYS.map((k) => (metadata[k] === undefined ? undefined : githubRepositoryOf(metadata[k])));
  return [...new Set(found.filter((r): r is string => r !== undefined))];
}

export type SourceComparison =
  | { outcome: 'agrees'; repository: string }
  | { outcome: 'not-declared' }
  | { outcome: 'disagrees'; declared: string[]; certificate: string | undefined };

/** `certificateRepositoryUrl`: the certificate's Source Repository URI (`https://github.com/owner/repo`). */
export function compareSourceRepository(metadata: Readonly<Record<string, string>>, certificateRepositoryUrl: string | undefined): SourceComparison {
  const declared = declaredRepositories(metadata);
  if (declared.length === 0) return { outcome: 'not-declared' };
  const certificate = certificateRepositoryUrl === undefined ? undefined : githubRepositoryOf(certificateRepositoryUrl);
  if (certificate !== undefined && declared.includes(certificate)) return { outcome: 'agrees', repository: certificate };
  return { outcome: 'disagrees', declared, certificate };
}

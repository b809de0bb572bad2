import { pageDetector } from '../../pages/page-match';
import type { RegistryPage, RegistrySite } from '../descriptor';

/**
 * GitHub release pages and the API URLs that belong to them. Pure: URL in,
 * reference out, so the content script and the tests share one parser.
 *
 *   https://github.com/sigstore/cosign/releases/tag/v2.4.1   → { owner, repo, tag: 'v2.4.1' }
 *   https://github.com/sigstore/cosign/releases/latest       → { owner, repo } (tag resolved by the API)
 *   https://github.com/org/repo/releases/tag/release%2F1.0   → tag 'release/1.0' (tags may hold slashes)
 */
export const GITHUB_SITE = 'github.com';
export const GITHUB_API_ORIGIN = 'https://api.github.com';

export interface GithubReleaseRef {
  owner: string;
  repo: string;
  /** Absent for `/releases/latest`: the releases API names the tag. */
  tag?: string;
}

// GitHub's own rules: owners are 1–39 letters, digits and hyphens, not starting
// with one (a few old accounts end in one or repeat it, so those are allowed);
// repository names 1–100 of letters, digits, `.`, `_`, `-`, but not `.`/`..`.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export function isValidOwner(owner: string): boolean {
  return OWNER.test(owner);
}

export function isValidRepo(repo: string): boolean {
  return REPO.test(repo) && repo !== '.' && repo !== '..';
}

/**
 * A tag as git allows it (git-check-ref-format, for one ref name): no control
 * characters, space, `~^:?*[\`, no `..`, `@{`, `//`, no leading `-` or `/`,
 * no trailing `/`, `.` or `.lock`; at most 255 characters.
 */
export function isValidTag(tag: string): boolean {
  if (tag.length === 0 || tag.length > 255) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(tag)) return false;
  if (tag.includes('..') || tag.includes('@{') || tag.includes('//') || tag === '@') return false;
  if (tag.startsWith('-') || tag.startsWith('/') || tag.endsWith('/') || tag.endsWith('.') || tag.endsWith('.lock')) return false;
  return tag.split('/').every((part) => !part.startsWith('.'));
}

export function isValidReleaseRef(ref: GithubReleaseRef): boolean {
  return isValidOwner(ref.owner) && isValidRepo(ref.repo) && (ref.tag === undefined || isValidTag(ref.tag));
}

/** The release a github.com URL shows, or undefined for any other page. */
export function parseGithubReleaseUrl(input: string | URL): GithubReleaseRef | undefined {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname !== GITHUB_SITE || url.port !== '') return undefined;
  const parts = url.pathname.split('/').slice(1);
  if (parts.at(-1) === '') parts.pop();
  const [owner, repo, releases, kind, ...rest] = parts;
  if (owner === undefined || repo === undefined || releases !== 'releases') return undefined;
  let ref: GithubReleaseRef;
  if (kind === 'latest' && rest.length === 0) ref = { owner, repo };
  else if (kind === 'tag' && rest.length > 0) {
    let tag: string;
    try {
      tag = rest.map(decodeURIComponent).join('/');
    } catch {
      return undefined;
    }
    ref = { owner, repo, tag };
  } else return undefined;
  return isValidReleaseRef(ref) ? ref : undefined;
}

/** `owner/repo`, as badges and pins name the package. */
export function repositoryName(ref: Pick<GithubReleaseRef, 'owner' | 'repo'>): string {
  return `${ref.owner}/${ref.repo}`;
}

export function releasePageUrl(ref: GithubReleaseRef): string {
  const base = `https://${GITHUB_SITE}/${ref.owner}/${ref.repo}/releases`;
  return ref.tag === undefined ? `${base}/latest` : `${base}/tag/${ref.tag.split('/').map(encodeURIComponent).join('/')}`;
}

/** `GET /repos/{owner}/{repo}/releases/tags/{tag}` or `/releases/latest`. */
export function releaseApiUrl(ref: GithubReleaseRef): string {
  const base = `${GITHUB_API_ORIGIN}/repos/${ref.owner}/${ref.repo}/releases`;
  return ref.tag === undefined ? `${base}/latest` : `${base}/tags/${encodeURIComponent(ref.tag)}`;
}

/** `GET /repos/{owner}/{repo}/attestations/sha256:{digest}` (one page of up to 100). */
export function attestationsApiUrl(ref: Pick<GithubReleaseRef, 'owner' | 'repo'>, sha256Hex: string): string {
  return `${GITHUB_API_ORIGIN}/repos/${ref.owner}/${ref.repo}/attestations/sha256:${sha256Hex}?per_page=100`;
}

/** The release a page path shows, as the descriptor names it: `owner/repo` and the tag (absent for `/releases/latest`). */
export function parseGithubReleasePath(pathname: string): { name: string; version?: string } | null {
  const ref = parseGithubReleaseUrl(`https://${GITHUB_SITE}${pathname.startsWith('/') ? pathname : `/${pathname}`}`);
  if (!ref) return null;
  const name = repositoryName(ref);
  return ref.tag === undefined ? { name } : { name, version: ref.tag };
}

/** `owner/repo` as the descriptor's name, or undefined when it is not one. */
export function splitRepositoryName(name: string): Pick<GithubReleaseRef, 'owner' | 'repo'> | undefined {
  const [owner, repo, ...rest] = name.split('/');
  if (owner === undefined || repo === undefined || rest.length > 0 || !isValidOwner(owner) || !isValidRepo(repo)) return undefined;
  return { owner, repo };
}

/** Who GitHub releases are and where (data only: safe links and host lists read it without bundling any parser). */
export const githubSite = {
  ecosystem: 'github',
  label: 'GitHub releases',
  siteHosts: [GITHUB_SITE],
  // Nothing through fetchRegistryJSON: github-fetch.ts alone reaches the REST API (the only
  // host a token goes to) and where a `bundle_url` points (without credentials), and
  // lib/trust/github-trust.ts GitHub's TUF repository.
  apiHosts: [],
  adapterHosts: ['api.github.com', 'tmaproduction.blob.core.windows.net', 'tuf-repo.github.com'],
  // Added after the first store release: asked for when the user turns GitHub on.
  hostAccess: 'optional',
  listsFiles: true,
} as const satisfies RegistrySite<'github'>;

/** GitHub's page part (lib/registries/descriptor.ts): what github.content.ts bundles. */
export const githubPage = {
  ...githubSite,
  // All of github.com: Turbo navigates from a repository page to a release without a page load.
  contentMatches: ['https://github.com/*'],
  itemWord: 'release',
  pathHint: '/<owner>/<repo>/releases/tag/<tag>',
  detect: (location) => pageDetector(location, githubSite, parseGithubReleasePath),
  // A release page's title (the release name): the inline h1 at the top of the release box.
  titleSelector: '.Box-body h1.d-inline',
  clientSideNavigation: true,
  // Owners and repositories are case-insensitive on GitHub.
  normalizeName: (name: string) => name.toLowerCase(),
  isValidName: (name: string) => splitRepositoryName(name) !== undefined,
  invalidNameHint: 'Not a GitHub repository (owner/repo).',
} as const satisfies RegistryPage<'github'>;

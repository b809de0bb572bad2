import type { EarlierVersion } from '../../history/version-lists';
import { githubError } from './errors';
import { fetchApiJSON, type GithubClient } from './github-fetch';
import { GITHUB_API_ORIGIN, isValidTag, releaseApiUrl, type GithubReleaseRef } from './page';
import { releaseListSchema, releaseSchema } from './schema';

/** The tag `/releases/latest` shows now (GitHub's "latest": the newest non-prerelease, non-draft release). */
export async function githubLatestTag(client: GithubClient, repo: Pick<GithubReleaseRef, 'owner' | 'repo'>): Promise<string> {
  const url = releaseApiUrl(repo);
  const release = await fetchApiJSON(client, url, releaseSchema);
  if (!release) throw githubError('RELEASE_NOT_FOUND', url);
  return release.tag_name;
}

/** Pages of the releases list read at most: 500 releases, a few requests of a budget of 60 an hour. */
export const MAX_RELEASE_PAGES = 5;
const PAGE_SIZE = 100;

/**
 * Releases published before `tag`, newest first by publish time. The list is
 * read a page of 100 at a time, newest first, and only as far as needed: until
 * the tag and `limit` releases published before it are seen, the list ends, or
 * MAX_RELEASE_PAGES pages were read (a tag older than that has no history
 * here). Most pages need one request. Drafts and unpublished releases are left out.
 */
export async function githubEarlierTags(client: GithubClient, repo: Pick<GithubReleaseRef, 'owner' | 'repo'>, tag: string, limit: number): Promise<EarlierVersion[]> {
  const published: { version: string; publishedAt: string; at: number }[] = [];
  let current: { at: number } | undefined;
  for (let page = 1; page <= MAX_RELEASE_PAGES; page++) {
    const list = (await fetchApiJSON(client, releasesPageUrl(repo, page), releaseListSchema)) ?? [];
    for (const r of list) {
      const at = r.published_at ? Date.parse(r.published_at) : NaN;
      if (r.draft || !Number.isFinite(at) || !isValidTag(r.tag_name)) continue;
      published.push({ version: r.tag_name, publishedAt: r.published_at!, at });
      if (r.tag_name === tag) current = { at };
    }
    if (list.length < PAGE_SIZE) break;
    if (current && published.filter((r) => r.at < current!.at).length >= limit) break;
  }
  if (!current) return [];
  const before = current.at;
  return published
    .filter((r) => r.at < before)
    .sort((a, b) => b.at - a.at)
    .slice(0, limit)
    .map(({ version, publishedAt }) => ({ version, publishedAt }));
}

/** The first page keeps the short URL (and so the cached answer) it always had. */
function releasesPageUrl(repo: Pick<GithubReleaseRef, 'owner' | 'repo'>, page: number): string {
  const base = `${GITHUB_API_ORIGIN}/repos/${repo.owner}/${repo.repo}/releases?per_page=${PAGE_SIZE}`;
  return page === 1 ? base : `${base}&page=${page}`;
}

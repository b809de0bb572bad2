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

/**
 * Releases published before `tag`, newest first by publish time, from the
 * first page of the releases list (100 releases, one request: the budget is
 * 60 an hour). Drafts and unpublished releases are left out; a tag not on
 * that page has no history here.
 */
export async function githubEarlierTags(client: GithubClient, repo: Pick<GithubReleaseRef, 'owner' | 'repo'>, tag: string, limit: number): Promise<EarlierVersion[]> {
  const url = `${GITHUB_API_ORIGIN}/repos/${repo.owner}/${repo.repo}/releases?per_page=100`;
  const list = (await fetchApiJSON(client, url, releaseListSchema)) ?? [];
  const published = list.flatMap((r) => {
    const at = r.published_at ? Date.parse(r.published_at) : NaN;
    return r.draft || !Number.isFinite(at) || !isValidTag(r.tag_name) ? [] : [{ version: r.tag_name, publishedAt: r.published_at!, at }];
  });
  const current = published.find((r) => r.version === tag);
  if (!current) return [];
  return published
    .filter((r) => r.at < current.at)
    .sort((a, b) => b.at - a.at)
    .slice(0, limit)
    .map(({ version, publishedAt }) => ({ version, publishedAt }));
}

import type { Identity } from '../report/model';
import { FORGE_ORIGIN, type Forge } from './issuers';
import { builderLabel } from './known-builders';

/**
 * How an identity is said in words, everywhere it is shown: the badge's
 * short line, the alert sentences and the verdict sentence. Text only; the
 * links are built in lib/ui/identity.ts through safeLink.
 */

interface Repository {
  forge: Forge;
  /** `owner/repo`, or `group/sub/project` on GitLab. */
  path: string;
  url: string;
}

const FORGE_BY_HOST = Object.fromEntries(Object.entries(FORGE_ORIGIN).map(([forge, origin]) => [new URL(origin).hostname, forge as Forge]));

/** A GitHub or GitLab repository URL, split; undefined for anything else. */
export function parseRepositoryUrl(url: string | undefined): Repository | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const forge = Object.hasOwn(FORGE_BY_HOST, parsed.hostname) ? FORGE_BY_HOST[parsed.hostname] : undefined;
  if (parsed.protocol !== 'https:' || !forge || parsed.search || parsed.hash || parsed.username || parsed.port) return undefined;
  const segments = parsed.pathname.replace(/\/+$/, '').split('/').slice(1);
  const enough = forge === 'github' ? segments.length === 2 : segments.length >= 2;
  if (!enough || segments.some((s) => s === '' || s === '.' || s === '..' || s === '-')) return undefined;
  const path = segments.map(decodeSegment).join('/');
  return { forge, path, url: `https://${parsed.hostname}/${segments.join('/')}` };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `https://github.com/owner/repo` → `owner/repo`; any other URL as it is.
 * Display only (nothing links from it), so a light match is enough.
 */
function repositoryName(url: string): string {
  return url.replace(/^https:\/\/(?:github|gitlab)\.com\/(?=[^/])/, '').replace(/\/+$/, '');
}

/** `.github/workflows/release.yml` → `release.yml` */
function workflowFile(path: string | undefined): string | undefined {
  return path?.slice(path.lastIndexOf('/') + 1) || undefined;
}

const MAX_LINE = 80;

function clip(text: string): string {
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}\u2026` : text;
}

/**
 * The one-line description: `owner/repo · release.yml`, a Google service
 * account's email, or undefined when there is nothing to say. Badge rows,
 * file lists, alert tables and the pin form show this.
 */
export function identityLine(identity: Identity | undefined): string | undefined {
  if (!identity) return undefined;
  if (identity.publisherKind === 'google') {
    const who = identity.email ?? identity.subjectAlternativeName;
    return who ? clip(who) : undefined;
  }
  if (identity.publisherKind === 'npm-registry') return 'npm registry signature';
  const repo = identity.repositoryUrl ? repositoryName(identity.repositoryUrl) : undefined;
  const parts = [repo, workflowFile(identity.workflowPath)].filter((p): p is string => !!p);
  if (parts.length > 0) return clip(parts.join(' \u00B7 '));
  return identity.subjectAlternativeName ? clip(identity.subjectAlternativeName) : undefined;
}

/** Who, inside a sentence: `owner/repo (release.yml)` or the service account (alert reasons, acknowledgements). */
export function describeIdentity(identity: Identity): string {
  if (identity.email) return identity.email;
  const repo = identity.repositoryUrl ? repositoryName(identity.repositoryUrl) : 'an unknown repository';
  const workflow = workflowFile(identity.workflowPath);
  return workflow ? `${repo} (${workflow})` : repo;
}

/**
 * The long description, as much as the identity says:
 * `sigstore/sigstore-js with publish.yml from commit 0652899`; for a release
 * a known builder built for its source, the builder first:
 * `the SLSA Node.js builder v1.6.0 for owner/repo with release.yml from commit …`.
 */
export function identityDescription(identity: Identity | undefined): string | undefined {
  if (!identity) return undefined;
  const by = parseRepositoryUrl(identity.repositoryUrl)?.path ?? identity.repositoryUrl ?? identity.email ?? identity.subjectAlternativeName;
  if (!by) return undefined;
  const workflow = workflowFile(identity.workflowPath);
  const commit = identity.commit && /^[0-9a-f]{7,}$/i.test(identity.commit) ? identity.commit.slice(0, 7).toLowerCase() : undefined;
  const source = `${by}${workflow ? ` with ${workflow}` : ''}${commit ? ` from commit ${commit}` : ''}`;
  const builder = builderLabel(identity.builder);
  return builder ? `the ${builder} for ${source}` : source;
}

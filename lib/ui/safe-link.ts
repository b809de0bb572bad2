import { SITE_HOSTS } from '../registries/sites';

/**
 * The only hosts a Provenant link may point at. Identities come from
 * certificates and registry responses, so a URL shown to a person is data an
 * attacker may have chosen: only `https:` to these exact hosts becomes a link,
 * everything else is shown as text (never as `javascript:`, `data:` or a
 * look-alike host).
 */
export const LINK_HOSTS: ReadonlySet<string> = new Set(['github.com', 'gitlab.com', 'search.sigstore.dev', ...SITE_HOSTS]);

/** The URL, normalized, if it may be a link; otherwise undefined. */
export function safeLink(url: string | undefined | null): string | undefined {
  if (!url || url.length > 2048) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return undefined;
  if (!LINK_HOSTS.has(parsed.hostname)) return undefined;
  return parsed.href;
}

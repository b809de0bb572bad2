import type { ComponentChildren } from 'preact';
import { safeLink } from '../lib/ui/safe-link';

/**
 * A link only when safeLink allows the URL; otherwise the same text, unlinked.
 * Opens in a new tab without giving it a handle on this page.
 */
export function SafeAnchor({ href, children }: { href: string | undefined; children: ComponentChildren }) {
  const url = safeLink(href);
  if (!url) return <span>{children}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** Right after the package title, or a fixed corner where the page has none. */
export type BadgePlacement = 'inline' | 'corner';

/**
 * Puts the host right after the title, or at the end of <body> (the badge then
 * draws itself in a fixed corner). Moves the one existing host; never copies.
 */
export function placeHost(host: Element, doc: Document, titleSelector: string): BadgePlacement {
  const title = doc.querySelector(titleSelector);
  if (title?.parentElement) {
    if (title.nextElementSibling !== host) title.after(host);
    return 'inline';
  }
  if (host.parentElement !== doc.body) doc.body.append(host);
  return 'corner';
}

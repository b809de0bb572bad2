/**
 * The badge's shadow host: a custom element with an open shadow root holding
 * the badge's stylesheet and one container for Preact.
 *
 * Written here rather than taken from WXT's `createShadowRootUi`, which pulls
 * about 10 KB of mounting machinery into every registry page and fetches its
 * stylesheet from a web-accessible resource (a resource pages can probe for).
 * The root stays open: the automation contract and Playwright read through it.
 */
export interface ShadowHost {
  readonly host: HTMLElement;
  readonly container: HTMLElement;
}

/**
 * `all: initial` on the host keeps the page's inherited styles (font, colour,
 * line-height, direction) from reaching the badge; the page cannot select
 * inside the shadow root, and the stylesheet cannot select outside it.
 */
export const HOST_RESET = ':host{all:initial !important}';

export function createShadowHost(doc: Document, tag: string, css: string): ShadowHost {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `${HOST_RESET}\n${css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  return { host, container };
}

import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/**
 * A linkedom document for rendering Preact components in vitest (no browser,
 * no jsdom). Preact creates nodes through the global `document`, so it is
 * swapped in for the duration of a test.
 */
export function createDom(html = '<!doctype html><html><head></head><body></body></html>') {
  const { window, document } = parseHTML(html);
  return { window, document };
}

type Dom = ReturnType<typeof createDom>;
const saved: { document?: unknown; window?: unknown; raf?: unknown } = {};

export function installDom(dom: Dom = createDom()): Dom {
  const g = globalThis as Record<string, unknown>;
  saved.document = g.document;
  saved.window = g.window;
  g.document = dom.document;
  g.window = dom.window;
  return dom;
}

export function uninstallDom(): void {
  const g = globalThis as Record<string, unknown>;
  g.document = saved.document;
  g.window = saved.window;
}

/** Renders into a fresh container and flushes effects. */
export async function mount(vnode: ComponentChild, dom: Dom): Promise<HTMLElement> {
  const container = dom.document.createElement('div');
  dom.document.body.appendChild(container);
  await act(() => {
    render(vnode, container);
  });
  return container as unknown as HTMLElement;
}

/** Lets pending promises settle and Preact re-render. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export function click(el: Element | null, dom: Dom): Promise<void> {
  if (!el) throw new Error('nothing to click');
  return act(() => {
    el.dispatchEvent(new dom.window.Event('click', { bubbles: true }));
  });
}

export function typeInto(el: Element | null, value: string, dom: Dom): Promise<void> {
  if (!el) throw new Error('no field');
  return act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
  });
}

export function submit(form: Element | null, dom: Dom): Promise<void> {
  if (!form) throw new Error('no form');
  return act(() => {
    form.dispatchEvent(new dom.window.Event('submit', { bubbles: true, cancelable: true }));
  });
}


/**
 * Settles until `probe` returns something truthy. Effects that follow a state
 * change made outside act() (a resolved fake API call) are scheduled by
 * Preact for after the next paint, which here is a timer, not act's flush.
 */
export async function until<T>(probe: () => T | null | undefined | false, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`until: condition not met within ${timeoutMs} ms`);
    await settle(1);
    await new Promise((r) => setTimeout(r, 20));
  }
}

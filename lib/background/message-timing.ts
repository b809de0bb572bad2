declare const PROVENANT_DIAGNOSTICS: boolean;

/** One message as the worker handled it, by the wall clock (comparable with a page's `Date.now()`). */
export interface MessageTiming {
  type: string;
  receivedAt: number;
  answeredAt: number;
}

const LIMIT = 200;
const timings: MessageTiming[] = [];

/**
 * Starts timing a message in diagnostics builds (`npm run bench` lines the
 * worker's share of a badge up with the page's); returns what to call when it
 * is answered. A production build compiles this to nothing.
 */
export function timeMessage(message: unknown): (() => void) | undefined {
  if (!PROVENANT_DIAGNOSTICS) return undefined;
  const type = typeof (message as { type?: unknown } | null)?.type === 'string' ? (message as { type: string }).type : '?';
  const receivedAt = Date.now();
  return () => {
    if (timings.length >= LIMIT) timings.shift();
    timings.push({ type, receivedAt, answeredAt: Date.now() });
  };
}

/** The timings recorded since the last call. */
export function takeMessageTimings(): MessageTiming[] {
  return timings.splice(0);
}

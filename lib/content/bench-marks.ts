declare const PROVENANT_DIAGNOSTICS: boolean;

/** The badge's steps that `npm run bench` lines up with the worker's (tools/bench-browser.ts). */
export type BenchStep = 'script-start' | 'verdict-asked' | 'verdict-answered';

/**
 * A performance mark carrying the wall clock, in diagnostics builds only
 * (`npm run build:diagnostics`): the bench compares it with the worker's own
 * clock. A production build compiles the body away, so a registry page never
 * sees Provenant's marks in its performance timeline.
 */
export function benchMark(step: BenchStep): void {
  if (PROVENANT_DIAGNOSTICS) performance.mark(`provenant:${step}`, { detail: Date.now() });
}

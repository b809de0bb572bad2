/**
 * When every registry's badge script starts (manifest and runtime-registered
 * scripts alike): once the page is parsed and the browser has a moment.
 *
 * `npm run bench` measures the alternatives on the same build (its "When the
 * badge script starts" table; README "Performance"). `document_start` brings a
 * cached badge 7–25 ms sooner, but the page's own parse finishes 10–55 ms
 * later: the question, the worker's answer and the toolbar paint compete with
 * the parser for the CPU. `document_end` gains 0–12 ms, and puts the badge
 * into npmjs.com's server-rendered header before the page's scripts hydrate
 * it, where a foreign node can cost a hydration mismatch. A badge a few
 * milliseconds later is the better trade than every registry page slower.
 * The badge still copes with an earlier start: components/badge/run-badge.tsx
 * draws once the document is parsed.
 */
export const BADGE_RUN_AT = 'document_idle';

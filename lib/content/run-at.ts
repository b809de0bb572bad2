/**
 * When every registry's badge script starts: before the page is parsed. The
 * badge's release comes from the URL alone, so its verdict is asked for at
 * once and is on its way while the page loads; the badge is drawn once the
 * document is parsed (components/badge/run-badge.tsx). Started at
 * `document_idle`, the question waited for the parse and then queued behind
 * the page's load work (issue 14: ~170 ms against ~130 ms to a cached badge).
 */
export const BADGE_RUN_AT = 'document_start';

/**
 * The loudest of these alert levels (docs/verdicts.md); undefined when there
 * are none. Anything but `medium` counts as high: a missing or unknown level
 * never makes an alert quieter. It imports nothing (the `AlertLevel` type lives
 * with its zod schema in ./alerts), so the content script can use it without zod.
 */
export function highestLevel(levels: readonly unknown[]): 'high' | 'medium' | undefined {
  if (levels.length === 0) return undefined;
  return levels.every((l) => l === 'medium') ? 'medium' : 'high';
}

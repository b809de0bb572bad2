import type { BadgeStatus } from '../lib/policy/verdict';

/**
 * One shape per state (check, half disc, slashed circle, question mark,
 * cross, warning triangle, circular arrow, dots), so states differ by shape
 * as well as colour. Decorative: the words beside it carry the meaning.
 * Each shape is a stroked path plus an optional filled one.
 */
const RING = 'M8 1.4a6.6 6.6 0 1 1 0 13.2a6.6 6.6 0 1 1 0-13.2';
const dot = (x: number, y: number, r: number) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const SHAPES: Record<BadgeStatus, readonly [stroke: string, fill?: string]> = {
  pending: ['', dot(3, 8, 1.5) + dot(8, 8, 1.5) + dot(13, 8, 1.5)],
  verified: [`${RING}M5 8.2l2 2 4-4.4`],
  partial: [RING, 'M8 1.4a6.6 6.6 0 0 1 0 13.2z'],
  absent: [`${RING}M3.4 12.6l9.2-9.2`],
  unsupported: [`${RING}M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.5`, dot(8, 11.6, 0.6)],
  failed: [`${RING}M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8`],
  mismatch: ['M8 1.6L14.8 13.8H1.2zM8 6v3.6', dot(8, 11.7, 0.6)],
  error: ['M13.2 6.4A5.4 5.4 0 1 0 13.4 9M13.6 2.8v3.8H9.8'],
};

export function StatusIcon({ status, size = 16 }: { status: BadgeStatus; size?: number }) {
  const [stroke, fill] = SHAPES[status];
  return (
    <svg class={`pv-icon pv-icon-${status}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {stroke ? <path d={stroke} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" /> : null}
      {fill ? <path d={fill} fill="currentColor" /> : null}
    </svg>
  );
}

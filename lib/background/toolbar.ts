import type { BadgeStatus } from '../policy/verdict';

/**
 * The toolbar badge: short text plus a title sentence, so the state is never
 * conveyed by colour alone.
 */
export const TOOLBAR: Record<BadgeStatus, { text: string; color: string; title: string }> = {
  pending: { text: '\u2026', color: '#5f6368', title: 'Provenant: checking provenance\u2026' },
  verified: { text: 'OK', color: '#137333', title: 'Provenant: provenance verified' },
  partial: { text: 'PART', color: '#8a5a00', title: 'Provenant: some files have verified provenance, others have none' },
  absent: { text: 'NONE', color: '#5f6368', title: 'Provenant: this version has no provenance' },
  unsupported: { text: '?', color: '#5f6368', title: 'Provenant: valid attestations from a publisher Provenant cannot check' },
  failed: { text: 'FAIL', color: '#b3261e', title: 'Provenant: provenance verification FAILED' },
  mismatch: { text: 'PIN!', color: '#b3261e', title: 'Provenant: built by a different identity than you pinned' },
  error: { text: 'ERR', color: '#8a5a00', title: 'Provenant: could not finish checking; will retry' },
};

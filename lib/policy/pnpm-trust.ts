import { isValidPackageName } from '../registries/npm/names';
import type { Pin } from './pins';

/**
 * What pnpm can enforce for the npm packages pinned here. pnpm has no
 * identity fields: its `trustPolicy: no-downgrade` (pnpm ≥ 10.21) refuses to
 * install a version whose trust evidence is weaker than an earlier version's
 * (staged publish > trusted publisher > provenance > none), for every
 * package; it cannot say "built by this repository". So the export is that
 * one setting for pnpm-workspace.yaml, with the pinned packages listed in a
 * comment as the ones not to put in `trustPolicyExclude`.
 */
export function exportPnpmTrust(pins: readonly Pin[]): string {
  // Names go into YAML comments: only valid npm names (no line breaks) are written.
  const names = [...new Set(pins.filter((p) => p.ecosystem === 'npm' && isValidPackageName(p.package)).map((p) => p.package))].sort();
  const lines = [
    '# For pnpm-workspace.yaml: what pnpm can enforce for the npm packages pinned in Provenant.',
    '# pnpm has no identity fields; no-downgrade refuses a version with weaker trust evidence than an earlier one.',
    'trustPolicy: no-downgrade',
  ];
  if (names.length > 0) {
    lines.push('# Pinned in Provenant (keep them out of trustPolicyExclude):');
    for (const name of names) lines.push(`#   ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

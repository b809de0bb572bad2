import type { GithubReleaseRef } from '../github/page';
import type { Bottle } from './schema';

/**
 * Who may attest a homebrew-core bottle, as brew checks it
 * (`Library/Homebrew/attestation.rb`; tests/fixtures/github/NOTES.md):
 * - a GitHub Actions build provenance (SLSA v1) from the `Homebrew/homebrew-core`
 *   repository, any workflow (several build bottles), whose statement names
 *   the bottle file (`:all` bottles: any name starting `<name>--<version>`);
 * - only when homebrew-core has no attestation for the digest: the backfill
 *   made for older bottles by `trailofbits/homebrew-brew-verify`, whose
 *   subject is `<sha256 hex of the bottle URL>--<bottle file name>`, signed no
 *   later than 2024-03-14 (brew's BACKFILL_CUTOFF; later ones are refused).
 */
export interface BottleRules {
  readonly repository: Pick<GithubReleaseRef, 'owner' | 'repo'>;
  /** Whether a statement's subject name stands for this bottle. */
  names(subjectName: string, bottle: Bottle, version: string): Promise<boolean>;
  /** The latest signing time accepted (ISO), if any. */
  readonly signedNoLaterThan?: string;
}

export const HOMEBREW_CORE: BottleRules = {
  repository: { owner: 'Homebrew', repo: 'homebrew-core' },
  names: async (subjectName, bottle, version) =>
    bottle.tag === 'all' ? subjectName.startsWith(`${bottle.filename.slice(0, bottle.filename.indexOf('--'))}--${version}`) : subjectName === bottle.filename,
};

export const BACKFILL_CUTOFF = '2024-03-14T00:00:00.000Z';

export const HOMEBREW_BACKFILL: BottleRules = {
  repository: { owner: 'trailofbits', repo: 'homebrew-brew-verify' },
  names: async (subjectName, bottle) => bottle.url !== undefined && subjectName === `${await sha256Hex(bottle.url)}--${bottle.filename}`,
  signedNoLaterThan: BACKFILL_CUTOFF,
};

/** homebrew-core first; the backfill only when homebrew-core has none. */
export const HOMEBREW_RULES: readonly BottleRules[] = [HOMEBREW_CORE, HOMEBREW_BACKFILL];

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

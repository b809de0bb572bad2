import type { BadgeStatus } from '../policy/verdict';
import type { Identity } from '../report/model';
import { identityDescription } from '../identity/describe';

/**
 * One plain sentence beside the status: what this verdict means and what it
 * does not. "Verified" is about where a release was built, never about
 * whether its code is safe; every other state says what is (not) known.
 * Shown in the popup and in the badge's details panel.
 */

const NOT_SAFE = 'this does not mean the code is safe';

/**
 * The sentence for a status; `identity` is the verified one (verified, partial, mismatch).
 * `noPublicLog`: the release verified against a Sigstore instance that keeps no public
 * log (GitHub's own), so the sentence must not claim a log entry (docs/verdicts.md).
 */
export function verdictSentence(status: BadgeStatus, identity?: Identity, noPublicLog = false): string {
  const built = identityDescription(identity);
  const recorded = noPublicLog ? 'signed on GitHub\u2019s own Sigstore instance, which keeps no public transparency log (its timestamp authority proves when)' : 'recorded in a public transparency log';
  switch (status) {
    case 'verified':
      return built ? `Built by ${built}, and ${recorded} \u2014 ${NOT_SAFE}.` : `Built by the CI build its signature names, and ${recorded} \u2014 ${NOT_SAFE}.`;
    case 'partial':
      return `Some files were built by ${built ?? 'the CI build their signatures name'} and ${recorded}; the others have no provenance, so where they were built is unknown \u2014 ${NOT_SAFE}.`;
    case 'absent':
      return 'The registry has no provenance for this version, so nobody can tell from here where it was built; many honest packages do not publish it yet.';
    case 'unsupported':
      return 'This release has signed provenance, but from a publisher Provenant cannot check, so Provenant does not say where it was built.';
    case 'failed':
      return 'A signature or its link to these files did not check out, so where this release was built is not known \u2014 treat it with suspicion until you know why.';
    case 'mismatch':
      return `Built by ${built ?? 'an identity'}, which is not the identity you pinned \u2014 someone else may have published this release.`;
    case 'error':
      return 'Provenant could not finish checking, so this says nothing about the release yet; it will try again.';
    case 'pending':
      return 'Provenant is still checking; nothing is known about this release yet.';
  }
}

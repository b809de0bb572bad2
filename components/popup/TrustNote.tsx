import type { ReleaseReport } from '../../lib/report/model';
import { TRUST_REFRESH_FAILED } from '../../lib/trust/verify-with-trust';

/**
 * Shown when the verdict depends on Sigstore trust material Provenant could
 * not refresh: where to see it and refresh it by hand.
 */
export function TrustNote({ report, optionsUrl }: { report: ReleaseReport | undefined; optionsUrl: string }) {
  if (report?.code !== TRUST_REFRESH_FAILED) return null;
  return (
    <p class="hint trust-note" data-trust-note="refresh-failed">
      This result depends on Sigstore&rsquo;s trust material, which Provenant keeps current from Sigstore&rsquo;s TUF
      repository. The options page shows the material in use and has a &ldquo;Refresh now&rdquo; button:{' '}
      <a href={optionsUrl} target="_blank" rel="noopener">
        open it
      </a>
      .
    </p>
  );
}

import type { ReleaseReport } from '../../lib/report/model';
import { outcomeSentence } from '../../lib/ui/code-text';
import { identityLine } from '../../lib/identity/describe';
import { tlogLink } from '../../lib/ui/identity';
import { ARTIFACT_STATUS_WORDS } from '../../lib/ui/status-text';
import { SafeAnchor } from '../SafeAnchor';
import { StatusIcon } from '../StatusIcon';

/**
 * PyPI: one row per distribution file, each with its own status. When the
 * verified files do not share one publisher, each row names who built it and
 * the files a publisher-changed alert points at are flagged: a stolen upload
 * token can add one file built elsewhere to a legitimate release.
 */
export function FileList({ report, flagged = [] }: { report: ReleaseReport; flagged?: readonly string[] }) {
  if (report.artifacts.length === 0) return null;
  const verified = report.artifacts.filter((a) => a.status === 'verified');
  const perFile = flagged.length > 0 || (verified.length > 1 && report.identity === undefined);
  return (
    <section aria-labelledby="pv-files-heading">
      <h2 id="pv-files-heading">Files ({report.artifacts.length})</h2>
      <ul class="files">
        {report.artifacts.map((a) => {
          const entry = a.attestations.flatMap((t) => t.tlog)[0];
          const note = a.status === 'verified' ? undefined : outcomeSentence(a);
          const isFlagged = flagged.includes(a.name);
          const builtBy = perFile && a.status === 'verified' ? (identityLine(a.identity) ?? 'identity not recorded') : undefined;
          return (
            <li key={a.name} class={`file file-${a.status}${isFlagged ? ' file-flagged' : ''}`} data-file={a.name} data-file-status={a.status} data-file-flagged={isFlagged ? 'publisher-changed' : undefined}>
              <span class="file-status">
                <StatusIcon status={a.status} size={14} />
                {ARTIFACT_STATUS_WORDS[a.status]}
              </span>
              <span class="file-name">{a.name}</span>
              {entry?.logIndex ? (
                <span class="file-log">
                  log entry <SafeAnchor href={tlogLink(entry)}>{entry.logIndex}</SafeAnchor>
                </span>
              ) : a.status === 'verified' && a.noPublicLog ? (
                <span class="file-log" title={a.noPublicLog} data-file-no-public-log>
                  no public log entry
                </span>
              ) : null}
              {builtBy ? (
                <span class="file-identity" data-file-identity>
                  {isFlagged ? '\u26A0 another publisher: ' : 'built by '}
                  <code>{builtBy}</code>
                </span>
              ) : null}
              {note ? <span class="file-note">{note}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

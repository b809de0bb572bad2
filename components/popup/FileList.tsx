import type { ReleaseReport } from '../../lib/report/model';
import { outcomeSentence } from '../../lib/ui/code-text';
import { tlogLink } from '../../lib/ui/identity';
import { ARTIFACT_STATUS_WORDS } from '../../lib/ui/status-text';
import { SafeAnchor } from '../SafeAnchor';
import { StatusIcon } from '../StatusIcon';

/** PyPI: one row per distribution file, each with its own status. */
export function FileList({ report }: { report: ReleaseReport }) {
  if (report.artifacts.length === 0) return null;
  return (
    <section aria-labelledby="pv-files-heading">
      <h2 id="pv-files-heading">Files ({report.artifacts.length})</h2>
      <ul class="files">
        {report.artifacts.map((a) => {
          const entry = a.attestations.flatMap((t) => t.tlog)[0];
          const note = a.status === 'verified' ? undefined : outcomeSentence(a);
          return (
            <li key={a.name} class={`file file-${a.status}`} data-file={a.name} data-file-status={a.status}>
              <span class="file-status">
                <StatusIcon status={a.status} size={14} />
                {ARTIFACT_STATUS_WORDS[a.status]}
              </span>
              <span class="file-name">{a.name}</span>
              {entry?.logIndex ? (
                <span class="file-log">
                  log entry <SafeAnchor href={tlogLink(entry)}>{entry.logIndex}</SafeAnchor>
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

import type { TimelineRow } from '../../lib/ui/history-text';
import { approverWords, timelineStatusWords } from '../../lib/ui/history-text';
import { LocalTimeText } from '../LocalTimeText';
import { StatusIcon } from '../StatusIcon';

/** A dashed ring: a version the history walk did not reach, distinct from every verdict's shape. */
function UncheckedIcon() {
  return (
    <svg class="pv-icon pv-icon-unchecked" width={14} height={14} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.4a6.6 6.6 0 1 1 0 13.2a6.6 6.6 0 1 1 0-13.2" fill="none" stroke="currentColor" stroke-width="1.4" stroke-dasharray="2.4 2.2" />
    </svg>
  );
}

/**
 * The release and the versions before it, newest first: date, status in
 * words and shape, who built it, and where the alerts point.
 */
export function Timeline({ rows }: { rows: readonly TimelineRow[] }) {
  return (
    <section class="timeline" aria-labelledby="pv-timeline-heading">
      <h2 id="pv-timeline-heading">Version history</h2>
      {rows.length <= 1 ? <p class="hint">No earlier versions to compare with yet.</p> : null}
      <ol class="timeline-list">
        {rows.map((row) => (
          <li
            key={row.version}
            class={`tl-row tl-${row.status}${row.marks.length > 0 ? ` tl-alert tl-alert-${row.alertLevel ?? 'high'}` : ''}${row.current ? ' tl-current' : ''}`}
            data-timeline-version={row.version}
            data-timeline-status={row.status}
            data-timeline-alert={row.marks.length > 0 ? [...new Set(row.marks.map((m) => m.kind))].join(' ') : undefined}
            aria-current={row.current ? 'true' : undefined}
          >
            <span class="tl-version">
              {row.version}
              {row.current ? <span class="tl-this"> (this version)</span> : null}
            </span>
            <span class="tl-status">
              {row.status === 'unchecked' ? <UncheckedIcon /> : <StatusIcon status={row.status} size={14} />}
              {timelineStatusWords(row.status)}
            </span>
            {row.publishedAt ? (
              <span class="tl-date">
                <LocalTimeText iso={row.publishedAt} precision="day" />
              </span>
            ) : null}
            {row.identity ? <span class="tl-identity">{row.identity}</span> : null}
            {row.approver ? (
              <span class="tl-approver" data-timeline-approver={row.approver}>
                {approverWords(row.approver)}
              </span>
            ) : null}
            {row.marks.map((m) => (
              <span class="tl-mark" key={`${m.kind}:${m.role}`} data-timeline-mark={m.kind}>
                {m.role === 'here' ? '\u26A0 ' : '\u2192 '}
                {m.text}
              </span>
            ))}
          </li>
        ))}
      </ol>
      {rows.some((r) => r.status === 'unchecked') ? (
        <p class="hint">
          Provenant checks earlier versions newest first by publish time until it has the newest verified one of this
          version line and the newest overall, which the alerts compare with; the others are listed as not checked.
        </p>
      ) : null}
    </section>
  );
}

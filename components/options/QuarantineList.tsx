import { useEffect, useState } from 'preact/hooks';
import { exportQuarantine, type QuarantineEntry } from '../../lib/storage/quarantine';

const WHAT: Record<string, string> = { pins: 'Pins', acks: 'Acknowledged alerts', settings: 'Settings' };
const PREVIEW = 160;

/** A short, single-line view of a stored value; text only. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}\u2026` : text;
}

/**
 * Stored data Provenant could not read (issue 11, finding 6): listed, never
 * dropped, with an export so it can be restored by hand or reported.
 */
export function QuarantineList({ load }: { load: () => Promise<QuarantineEntry[]> }) {
  const [entries, setEntries] = useState<QuarantineEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [downloadUrl, setDownloadUrl] = useState<string | undefined>();

  useEffect(() => {
    load().then(setEntries, (e) => setError(e instanceof Error ? e.message : String(e)));
  }, [load]);
  useEffect(() => {
    if (!entries || entries.length === 0) return;
    const url = URL.createObjectURL(new Blob([exportQuarantine(entries)], { type: 'application/json' }));
    setDownloadUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [entries]);

  if (error) {
    return (
      <section aria-labelledby="quarantine-heading">
        <h2 id="quarantine-heading">Unreadable stored data</h2>
        <p class="field-error" role="alert">
          Could not load it: {error}
        </p>
      </section>
    );
  }
  if (!entries || entries.length === 0) return null;
  return (
    <section class="quarantine" aria-labelledby="quarantine-heading" data-quarantine-count={entries.length}>
      <h2 id="quarantine-heading">Unreadable stored data ({entries.length})</h2>
      <p class="hint">
        Provenant found stored data it could not read and set it aside instead of dropping it. It is not used; export it to
        restore it by hand (for example, re-import pins from it) or to report the problem.
      </p>
      <ul class="plain">
        {entries.map((q, i) => (
          <li key={`${q.key}:${q.at}:${i}`} data-quarantine-key={q.key} data-quarantine-whole={q.whole ? 'true' : undefined}>
            <strong>{WHAT[q.key] ?? q.key}</strong>
            {q.whole ? ' (the whole list)' : ' (one entry)'}, set aside {q.at}: <code>{preview(q.value)}</code>
          </li>
        ))}
      </ul>
      {downloadUrl ? (
        <p>
          <a href={downloadUrl} download="provenant-unreadable-data.json" data-quarantine-export>
            Export the unreadable data
          </a>
        </p>
      ) : null}
    </section>
  );
}

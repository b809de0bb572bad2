import { localTime, type LocalTimeOptions } from '../lib/ui/local-time';

/**
 * A time in the reader's zone, with the exact UTC instant as the tooltip
 * and in `datetime`; the raw value as text when it is no time at all.
 */
export function LocalTimeText({ iso, precision }: { iso: string; precision?: LocalTimeOptions['precision'] }) {
  const time = localTime(iso, { precision });
  if (!time) return <span>{iso}</span>;
  return (
    <time dateTime={time.utc} title={time.utc}>
      {time.text}
    </time>
  );
}

/**
 * Times as a person reads them: in the browser's own time zone (what the
 * clock on their screen says), with the exact UTC instant kept beside it for
 * a tooltip and a `<time datetime>`, so nothing is lost by converting.
 */
export interface LocalTime {
  /** What is shown, e.g. `6 Dec 2026, 16:02 GMT+9` (date only for days). */
  text: string;
  /** The instant in ISO 8601 UTC, e.g. `2026-12-06T07:02:11.000Z`. */
  utc: string;
}

export interface LocalTimeOptions {
  /** An IANA zone; default the browser's (tests pass one so they do not depend on the machine). */
  timeZone?: string;
  /** Default the browser's language. */
  locale?: string;
  /** `day` for dates such as a publish day; `minute` (default) for signing and checking times. */
  precision?: 'day' | 'minute';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(options: LocalTimeOptions): Intl.DateTimeFormat {
  const key = `${options.locale ?? ''}|${options.timeZone ?? ''}|${options.precision ?? 'minute'}`;
  let f = formatters.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions =
      options.precision === 'day'
        ? { year: 'numeric', month: 'short', day: 'numeric' }
        : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
    f = new Intl.DateTimeFormat(options.locale, { ...fields, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
    formatters.set(key, f);
  }
  return f;
}

/** The time in the reader's zone and the UTC instant; undefined for anything that is no time. */
export function localTime(iso: string | undefined, options: LocalTimeOptions = {}): LocalTime | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  return { text: formatter(options).format(date), utc: date.toISOString() };
}

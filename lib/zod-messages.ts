/**
 * The messages of zod's English locale (`zod/locales` en) for the issues
 * Provenant's schemas can raise, without the locale's dictionaries for string
 * formats and sizes Provenant never checks (~2 kB of the worker's bundle).
 * tests/zod-messages.test.ts compares every message with zod's own locale, so
 * a zod upgrade that rewords one fails there.
 */

/** The fields of a zod issue these messages read (zod's `$ZodRawIssue`, loosely). */
export interface IssueFields {
  readonly code?: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly origin?: string;
  readonly exact?: boolean;
  readonly inclusive?: boolean;
  readonly maximum?: unknown;
  readonly minimum?: unknown;
  readonly format?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly includes?: string;
  readonly pattern?: unknown;
  readonly divisor?: unknown;
  readonly keys?: readonly string[];
  readonly options?: readonly unknown[];
}

/** Units of the sized things zod measures (others read "to be"). */
const SIZE_UNITS: Readonly<Record<string, string>> = { string: 'characters', file: 'bytes', array: 'items', set: 'items', map: 'entries' };

/** Names of the string formats Provenant's schemas check; any other format reads as its own name, as in zod. */
const FORMAT_NAMES: Readonly<Record<string, string>> = { regex: 'input', url: 'URL' };

function literal(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return `"${value}"`;
  return `${value as string}`;
}

/** zod's name for a value's type: `null`, `array`, a class name, or `typeof`. */
function typeOf(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor = (value as { constructor?: { name?: unknown } }).constructor;
    if (proto !== Object.prototype && 'constructor' in value && ctor) return ctor.name as string;
  }
  return typeof value;
}

function sizeMessage(word: 'Too big' | 'Too small', issue: IssueFields, bound: unknown, strict: '<' | '>'): string {
  const relation = issue.exact ? 'exactly ' : issue.inclusive ? `${strict}=` : strict;
  const unit = issue.origin === undefined ? undefined : SIZE_UNITS[issue.origin];
  // zod's too_big says "value" for an issue without origin; too_small says "undefined".
  const what = word === 'Too big' ? (issue.origin ?? 'value') : issue.origin;
  return unit
    ? `${word}: expected ${what} to have ${relation}${String(bound)} ${unit}`
    : `${word}: expected ${what} to be ${relation}${String(bound)}`;
}

/** The English message of a zod issue, as zod's `en` locale words it. */
export function englishIssueMessage(issue: IssueFields): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected === 'nan' ? 'NaN' : issue.expected}, received ${typeOf(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values ?? [];
      return values.length === 1 ? `Invalid input: expected ${literal(values[0])}` : `Invalid option: expected one of ${values.map(literal).join('|')}`;
    }
    case 'too_big':
      return sizeMessage('Too big', issue, issue.maximum, '<');
    case 'too_small':
      return sizeMessage('Too small', issue, issue.minimum, '>');
    case 'invalid_format':
      switch (issue.format) {
        case 'starts_with':
          return `Invalid string: must start with "${issue.prefix}"`;
        case 'ends_with':
          return `Invalid string: must end with "${issue.suffix}"`;
        case 'includes':
          return `Invalid string: must include "${issue.includes}"`;
        case 'regex':
          return `Invalid string: must match pattern ${String(issue.pattern)}`;
        default:
          return `Invalid ${(issue.format !== undefined && FORMAT_NAMES[issue.format]) || issue.format}`;
      }
    case 'not_multiple_of':
      return `Invalid number: must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      return `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map(literal).join(', ')}`;
    }
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_union':
      if (Array.isArray(issue.options) && issue.options.length > 0) return `Invalid discriminator value. Expected ${issue.options.map((o) => `'${String(o)}'`).join(' | ')}`;
      return issue.inclusive === false ? 'Invalid input: more than one option matched' : 'Invalid input';
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    default:
      return 'Invalid input';
  }
}

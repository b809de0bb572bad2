import { describe, expect, it } from 'vitest';
import { en } from 'zod/locales';
import * as z from '../../lib/zod';
import { englishIssueMessage, type IssueFields } from '../../lib/zod-messages';

/**
 * lib/zod.ts registers its own English messages instead of zod's locale: every
 * issue a schema raises must read as zod's `en` words it. The raw issue is
 * caught through zod's global error hook and given to both.
 */
const zodEnglish = en().localeError as (issue: IssueFields) => string | { message: string } | undefined;

function messagesFor(schema: z.ZodMiniType, input: unknown): { ours: string[]; zods: string[]; parsed: string[] } {
  const raw: IssueFields[] = [];
  // customError is asked before the locale; answering nothing leaves the message to it.
  z.config({ customError: (issue) => void raw.push(issue as IssueFields) });
  let captured;
  try {
    captured = z.safeParse(schema, input);
    // zod finalizes the issues (and asks for their messages) when the error is first read.
    expect(captured.error).toBeDefined();
  } finally {
    z.config({ customError: undefined });
  }
  const parsed = z.safeParse(schema, input);
  expect(captured.success, 'the case must fail').toBe(false);
  expect(parsed.success).toBe(false);
  const zods = raw.map((issue) => {
    const m = zodEnglish(issue);
    return typeof m === 'string' ? m : (m?.message ?? '');
  });
  return { ours: raw.map(englishIssueMessage), zods, parsed: parsed.error!.issues.map((i) => i.message) };
}

class Point {}
const cases: [string, z.ZodMiniType, unknown][] = [
  ['string given a number', z.string(), 1],
  ['number given a string', z.number(), 'x'],
  ['number given NaN', z.number(), NaN],
  ['number given Infinity', z.number(), Infinity],
  ['int given a fraction', z.int(), 1.5],
  ['int given too large a number', z.int(), 2 ** 60],
  ['boolean given null', z.boolean(), null],
  ['object given an array', z.object({ a: z.string() }), []],
  ['object given a Date', z.object({ a: z.string() }), new Date(0)],
  ['object given a class instance', z.object({ a: z.string() }), new Point()],
  ['object given a Map', z.object({ a: z.string() }), new Map()],
  ['object given a null-prototype object', z.array(z.string()), Object.create(null)],
  ['missing field', z.object({ a: z.string() }), {}],
  ['nested field', z.object({ a: z.object({ b: z.array(z.number()) }) }), { a: { b: [1, 'x'] } }],
  ['literal', z.literal('npm'), 'pypi'],
  ['numeric literal', z.literal(3), 4],
  ['bigint literal', z.literal(3n), 4n],
  ['enum', z.enum(['npm', 'pypi']), 'gem'],
  ['string min', z.string().check(z.minLength(3)), 'ab'],
  ['string max', z.string().check(z.maxLength(3)), 'abcd'],
  ['string exact', z.string().check(z.length(3)), 'ab'],
  ['array min', z.array(z.string()).check(z.minLength(1)), []],
  ['array max', z.array(z.string()).check(z.maxLength(1)), ['a', 'b']],
  ['number gt', z.number().check(z.gt(0)), 0],
  ['number gte', z.number().check(z.gte(1)), 0],
  ['number lt', z.number().check(z.lt(0)), 0],
  ['number lte', z.number().check(z.lte(-1)), 0],
  ['multiple of', z.number().check(z.multipleOf(5)), 7],
  ['url', z.url(), 'not a url'],
  ['regex', z.string().check(z.regex(/^[a-f0-9]{64}$/)), 'xyz'],
  ['starts with', z.string().check(z.startsWith('https://')), 'http://x'],
  ['ends with', z.string().check(z.endsWith('.whl')), 'x.zip'],
  ['includes', z.string().check(z.includes('@')), 'x'],
  ['one unknown key', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }],
  ['two unknown keys', z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 }],
  ['record key', z.record(z.string().check(z.regex(/^[a-z]+$/)), z.number()), { A: 1 }],
  ['record value', z.record(z.string(), z.number()), { a: 'x' }],
  ['union', z.union([z.string(), z.number()]), true],
  ['discriminated union', z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]), { kind: 'c' }],
  ['exclusive union', z.xor([z.string(), z.string().check(z.minLength(1))]), 'ab'],
  ['refine without message', z.string().check(z.refine((s) => s.length > 5)), 'abc'],
  ['set element', z.set(z.number()), new Set(['x'])],
  ['map key', z.map(z.number(), z.string()), new Map([['x', 'y']])],
];

describe('zod issue messages (lib/zod-messages.ts)', () => {
  it.each(cases)('%s: the same message as zod’s English locale', (_name, schema, input) => {
    const { ours, zods, parsed } = messagesFor(schema, input);
    expect(zods.length).toBeGreaterThan(0);
    expect(ours).toEqual(zods);
    // And lib/zod.ts really registers them: what a parse reports is among them.
    for (const message of parsed) expect(zods).toContain(message);
  });

  it('issues without the fields zod sets read as zod words them', () => {
    const issues: IssueFields[] = [
      { code: 'too_big', maximum: 3, inclusive: true },
      { code: 'too_small', minimum: 3 },
      { code: 'invalid_format', format: 'url' },
      { code: 'invalid_value', values: ['a', 1, 2n, null] },
      { code: 'custom' },
      { code: 'invalid_union', inclusive: false },
    ];
    for (const issue of issues) expect(englishIssueMessage(issue)).toBe(zodEnglish(issue));
  });
});

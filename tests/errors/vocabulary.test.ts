import { describe, expect, it } from 'vitest';
import { ProvenantError, isProvenantError } from '../../lib/errors/provenant-error';
import { failureOf } from '../../lib/errors/report-fields';
import { ERRORS, REPORT_FAMILIES, reportCodeMeaning, trustSentence, type ErrorFamily } from '../../lib/errors/vocabulary';
import { zodIssue } from '../../lib/errors/zod-issue';
import * as z from '../../lib/zod';

const families = Object.keys(ERRORS) as ErrorFamily[];
const codesWhere = (family: ErrorFamily, test: (m: { status: string; retryable: boolean }) => boolean) =>
  Object.entries(ERRORS[family])
    .filter(([, m]) => test(m))
    .map(([code]) => code)
    .sort();

describe('the error vocabulary', () => {
  it('a report code names one meaning: the report families never share a code', () => {
    const seen = new Map<string, string>();
    for (const family of REPORT_FAMILIES) {
      for (const code of Object.keys(ERRORS[family])) {
        expect(seen.get(code), `${code} in ${family} and ${seen.get(code)}`).toBeUndefined();
        seen.set(code, family);
      }
    }
  });

  it('every sentence is one a person can read: capitalised, ending in a full stop', () => {
    for (const family of families) for (const m of Object.values(ERRORS[family])) expect(m.sentence).toMatch(/^[A-Z].{20,}\.$/);
  });

  // The statuses and retry rules the adapters gave before the tables were joined (issue 10).
  it.each<[ErrorFamily, string, string[]]>([
    ['verify', 'failed', Object.keys(ERRORS.verify).sort()],
    ['registry', 'error', Object.keys(ERRORS.registry).sort()],
    // With the GitHub adapter's table folded in and Homebrew's two codes and RubyGems's two (issue 15), and the builder codes of issue 13.
    ['release', 'failed', ['ATTESTATIONS_MISSING', 'BACKFILL_TOO_LATE', 'BUNDLE_UNREADABLE', 'DUPLICATE_ATTESTATION', 'FILE_NOT_IN_RELEASE', 'INTEGRITY_UNSUPPORTED', 'PREDICATE_TYPE_MISMATCH', 'PROVENANCE_INCONSISTENT', 'REPOSITORY_MISMATCH', 'SOURCE_REPOSITORY_MISMATCH']],
    ['release', 'unsupported', ['BUILDER_REF_UNPINNED', 'BUILDER_UNKNOWN', 'PROVENANCE_UNSUPPORTED', 'UNSUPPORTED_PREDICATE', 'UNSUPPORTED_PUBLISHER', 'UNSUPPORTED_SIGNER']],
    [
      'release',
      'error',
      ['API_ERROR', 'ATTESTATIONS_DISABLED', 'BUNDLE_UNAVAILABLE', 'FORMULA_VERSION_GONE', 'GITHUB_RATE_LIMITED', 'INTERNAL_ERROR', 'INVALID_GEM', 'INVALID_PACKAGE', 'INVALID_RELEASE', 'RELEASE_NOT_FOUND', 'TOKEN_REJECTED', 'TRUST_REFRESH_FAILED'],
    ],
  ])('%s codes with status %s', (family, status, codes) => {
    expect(codesWhere(family, (m) => m.status === status)).toEqual(codes);
  });

  it.each<[ErrorFamily, string[]]>([
    ['verify', []],
    ['registry', ['NETWORK', 'RATE_LIMITED', 'SERVER_ERROR', 'TIMEOUT']],
    ['release', ['API_ERROR', 'ATTESTATIONS_DISABLED', 'BUNDLE_UNAVAILABLE', 'FORMULA_VERSION_GONE', 'GITHUB_RATE_LIMITED', 'TRUST_REFRESH_FAILED']],
  ])('%s codes retried by themselves', (family, codes) => {
    expect(codesWhere(family, (m) => m.retryable)).toEqual(codes);
  });

  it('GitHub\u2019s rate limit is its own code, whose sentence names the token that raises it (the registry family\u2019s does not)', () => {
    expect(reportCodeMeaning('GITHUB_RATE_LIMITED')?.sentence).toMatch(/60 requests an hour.*token in the options/);
    expect(reportCodeMeaning('RATE_LIMITED')?.sentence).not.toMatch(/token/);
  });

  it('the trust refresh keeps its own sentences for the words it shares with the registries', () => {
    expect(trustSentence('NETWORK')).toMatch(/TUF repository/);
    expect(reportCodeMeaning('NETWORK')?.sentence).toMatch(/registry/);
    expect(trustSentence('SIGNATURE_INVALID')).toBeUndefined();
    expect(reportCodeMeaning('ROLLBACK')).toBeUndefined();
  });
});

describe('ProvenantError', () => {
  it('takes sentence, status and retryability from the vocabulary', () => {
    const e = new ProvenantError('registry', 'RATE_LIMITED', 'https://registry.npmjs.org/x', { httpStatus: 429 });
    expect([e.sentence, e.status, e.retryable, e.httpStatus, e.message]).toEqual([ERRORS.registry.RATE_LIMITED.sentence, 'error', true, 429, 'RATE_LIMITED: https://registry.npmjs.org/x']);
    expect(isProvenantError(e, 'registry')).toBe(true);
    expect(isProvenantError(e, 'trust')).toBe(false);
    expect(new ProvenantError('release', 'ATTESTATIONS_MISSING', 'x', { retryable: true }).retryable).toBe(true);
  });

  it.each<[string, unknown, object]>([
    ['a verify error: failed, no retry key', new ProvenantError('verify', 'SUBJECT_MISMATCH', 'd'), { status: 'failed', code: 'SUBJECT_MISMATCH', message: ERRORS.verify.SUBJECT_MISMATCH.sentence, detail: 'd' }],
    ['a registry error: error, retryable either way', new ProvenantError('registry', 'NOT_FOUND', 'u'), { status: 'error', code: 'NOT_FOUND', message: ERRORS.registry.NOT_FOUND.sentence, detail: 'u', retryable: false }],
    ['a release error retried this once', new ProvenantError('release', 'ATTESTATIONS_MISSING', 'd', { retryable: true }), { status: 'failed', code: 'ATTESTATIONS_MISSING', message: ERRORS.release.ATTESTATIONS_MISSING.sentence, detail: 'd', retryable: true }],
    ['an unsupported build', new ProvenantError('release', 'PROVENANCE_UNSUPPORTED', 'd'), { status: 'unsupported', code: 'PROVENANCE_UNSUPPORTED', message: ERRORS.release.PROVENANCE_UNSUPPORTED.sentence, detail: 'd' }],
    ['anything else: INTERNAL_ERROR', new TypeError('x is undefined'), { status: 'error', code: 'INTERNAL_ERROR', message: ERRORS.release.INTERNAL_ERROR.sentence, detail: 'TypeError: x is undefined' }],
    ['a thrown string', 'boom', { status: 'error', code: 'INTERNAL_ERROR', message: ERRORS.release.INTERNAL_ERROR.sentence, detail: 'boom' }],
  ])('as report fields: %s', (_, e, fields) => {
    expect(failureOf(e)).toEqual(fields);
  });

  it('an unexpected exception\u2019s detail is bounded', () => {
    expect(failureOf(new Error('x'.repeat(10_000))).detail.length).toBe(500);
  });
});

describe('zodIssue', () => {
  const schema = z.object({ a: z.object({ b: z.array(z.string()) }) });
  it.each<[string, unknown, string]>([
    ['a nested path', { a: { b: ['ok', 7] } }, 'a.b.1: '],
    ['the value itself', 'not an object', '(root): '],
  ])('%s', (_, value, start) => {
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(zodIssue(parsed.error).startsWith(start)).toBe(true);
  });
  it('names the root as asked', () => {
    const parsed = schema.safeParse(null);
    if (parsed.success) throw new Error('parsed');
    expect(zodIssue(parsed.error, 'its predicate')).toMatch(/^its predicate: ./);
  });
});

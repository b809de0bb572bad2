import { describe, expect, it } from 'vitest';
import { badgeStatusSchema, type Verdict } from '../../lib/policy/verdict';
import { TOOLBAR } from '../../lib/background/toolbar';
import { codeSentence, outcomeSentence, verdictReason } from '../../lib/ui/code-text';
import { predicateLabel, STATUS_SENTENCES, STATUS_TONE, STATUS_WORDS } from '../../lib/ui/status-text';
import { isFinalStatus } from '../../lib/policy/status';
import { ERRORS } from '../../lib/errors/vocabulary';

const ALL = badgeStatusSchema.options;

describe('status words and sentences', () => {
  it('cover exactly the badge statuses of the protocol', () => {
    expect(Object.keys(STATUS_WORDS).sort()).toEqual([...ALL].sort());
    expect(Object.keys(STATUS_TONE).sort()).toEqual([...ALL].sort());
    expect(Object.keys(STATUS_SENTENCES).sort()).toEqual([...ALL].sort());
  });

  it('give every state its own words (never colour alone)', () => {
    const words = ALL.map((s) => STATUS_WORDS[s]);
    expect(new Set(words).size).toBe(ALL.length);
    for (const s of ALL) expect(STATUS_SENTENCES[s].length).toBeGreaterThan(STATUS_WORDS[s].length);
  });

  it('says "Not the pinned identity" for a mismatch, loudly toned', () => {
    expect(STATUS_WORDS.mismatch).toBe('Not the pinned identity');
    expect(STATUS_TONE.mismatch).toBe('bad');
    expect(STATUS_TONE.failed).toBe('bad');
    expect(STATUS_TONE.verified).toBe('good');
  });

  it('agrees with the toolbar on which states are alarming', () => {
    // The toolbar paints failures red (#b3261e); the badge must not call them anything milder.
    for (const s of ALL) expect(TOOLBAR[s].color === '#b3261e').toBe(STATUS_TONE[s] === 'bad');
  });

  it.each([
    ['pending', false],
    ['error', false],
    ['verified', true],
    ['partial', true],
    ['absent', true],
    ['unsupported', true],
    ['failed', true],
    ['mismatch', true],
  ] as const)('%s is final: %s', (status, final) => {
    expect(isFinalStatus(status)).toBe(final);
  });
});

describe('code sentences', () => {
  it.each([
    ['SIGNATURE_INVALID', ERRORS.verify.SIGNATURE_INVALID.sentence],
    ['SUBJECT_MISMATCH', ERRORS.verify.SUBJECT_MISMATCH.sentence],
    ['TIMEOUT', ERRORS.registry.TIMEOUT.sentence],
    ['SERVER_ERROR', ERRORS.registry.SERVER_ERROR.sentence],
  ])('%s', (code, sentence) => {
    expect(codeSentence(code)).toBe(sentence);
  });

  it('has PyPI- and npm-specific sentences too', () => {
    expect(codeSentence('UNSUPPORTED_PUBLISHER')).toMatch(/Trusted Publisher/);
    expect(codeSentence('INVALID_PACKAGE')).toMatch(/npm package name/);
  });

  it('knows nothing about unknown or inherited keys', () => {
    expect(codeSentence('NO_SUCH_CODE')).toBeUndefined();
    expect(codeSentence('toString')).toBeUndefined();
    expect(codeSentence(undefined)).toBeUndefined();
  });

  it('prefers the outcome\u2019s own message', () => {
    expect(outcomeSentence({ message: 'Own words.', code: 'TIMEOUT' })).toBe('Own words.');
    expect(outcomeSentence({ message: '  ', code: 'TIMEOUT' })).toBe(ERRORS.registry.TIMEOUT.sentence);
    expect(outcomeSentence({})).toBeUndefined();
  });
});

describe('verdictReason', () => {
  const verdict = (status: Verdict['status'], report: Partial<Verdict['report']> = {}): Verdict => ({
    status,
    report: { ecosystem: 'npm', package: 'x', version: '1.0.0', status: status === 'mismatch' ? 'verified' : (status as 'verified'), artifacts: [], checkedAt: '2026-01-01T00:00:00Z', ...report },
    pinDifferences: [],
  });

  it('uses the report\u2019s sentence for failures and errors', () => {
    expect(verdictReason(verdict('failed', { message: 'The signature does not match.' }))).toBe('The signature does not match.');
    expect(verdictReason(verdict('error', { code: 'TIMEOUT' }))).toBe(ERRORS.registry.TIMEOUT.sentence);
  });

  it('falls back to the state\u2019s sentence', () => {
    expect(verdictReason(verdict('absent'))).toBe(STATUS_SENTENCES.absent);
    expect(verdictReason(undefined)).toBe(STATUS_SENTENCES.pending);
  });

  it('explains a mismatch by the pin, not by the verified report', () => {
    expect(verdictReason(verdict('mismatch', { message: 'all good' }))).toBe(STATUS_SENTENCES.mismatch);
  });
});

describe('predicateLabel', () => {
  it.each([
    ['https://slsa.dev/provenance/v1', 'SLSA provenance v1'],
    ['https://docs.pypi.org/attestations/publish/v1', 'PyPI publish attestation'],
    ['https://github.com/npm/attestation/tree/main/specs/publish/v0.1', 'npm publish attestation'],
    ['https://example.com/custom/v9', 'https://example.com/custom/v9'],
  ])('%s', (type, label) => {
    expect(predicateLabel(type)).toBe(label);
  });
});

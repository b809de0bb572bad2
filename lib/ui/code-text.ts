import type { BadgeStatus, Verdict } from '../policy/verdict';
import { reportCodeMeaning } from '../errors/vocabulary';
import { STATUS_SENTENCES } from './status-text';

/** The sentence for a report's code, for outcomes that carry a code but no message. */
export function codeSentence(code: string | undefined): string | undefined {
  return reportCodeMeaning(code)?.sentence;
}

/** A person's sentence for an outcome: its message, else its code's sentence. */
export function outcomeSentence(outcome: { message?: string | undefined; code?: string | undefined }): string | undefined {
  return outcome.message?.trim() || codeSentence(outcome.code);
}

/**
 * Why the verdict is what it is, in plain words: the report's own sentence
 * (or its code's) when it has one, else the state's.
 */
export function verdictReason(verdict: Pick<Verdict, 'status' | 'report'> | undefined): string {
  if (!verdict) return STATUS_SENTENCES.pending;
  // A mismatch is about the pin; the report itself says "verified".
  if (verdict.status === 'mismatch' || verdict.status === 'verified') return STATUS_SENTENCES[verdict.status];
  return outcomeSentence(verdict.report) ?? STATUS_SENTENCES[verdict.status];
}

/**
 * Whether the details add the verdict's reason under its sentence: not for
 * `verified` and `mismatch`, whose sentence says it all (the reason would
 * only repeat it), nor `pending`, which has none yet.
 */
export function showsReason(status: BadgeStatus): boolean {
  return status !== 'verified' && status !== 'mismatch' && status !== 'pending';
}

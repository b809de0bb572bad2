import { REGISTRY_ERROR_CODES } from '../net/registry-error';
import type { BadgeStatus, Verdict } from '../policy/verdict';
import { NPM_ERROR_CODES } from '../registries/npm/errors';
import { PYPI_CODES } from '../registries/pypi/errors';
import { VERIFY_ERROR_CODES } from '../verify/errors';
import { TRUST_REFRESH_FAILED, TRUST_REFRESH_FAILED_MESSAGE } from '../trust/verify-with-trust';
import { STATUS_SENTENCES } from './status-text';

/**
 * The sentence for a pipeline code, for outcomes that carry a code but no
 * message (the code sets do not overlap: see lib/registries/npm/errors.ts).
 */
export function codeSentence(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (Object.hasOwn(VERIFY_ERROR_CODES, code)) return VERIFY_ERROR_CODES[code as keyof typeof VERIFY_ERROR_CODES];
  if (Object.hasOwn(REGISTRY_ERROR_CODES, code)) return REGISTRY_ERROR_CODES[code as keyof typeof REGISTRY_ERROR_CODES];
  if (Object.hasOwn(PYPI_CODES, code)) return PYPI_CODES[code as keyof typeof PYPI_CODES];
  if (Object.hasOwn(NPM_ERROR_CODES, code)) return NPM_ERROR_CODES[code as keyof typeof NPM_ERROR_CODES].sentence;
  if (code === TRUST_REFRESH_FAILED) return TRUST_REFRESH_FAILED_MESSAGE;
  return undefined;
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

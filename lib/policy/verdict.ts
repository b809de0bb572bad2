import * as z from '../zod';
import { releaseReportSchema, identitySchema, type ReleaseReport } from '../report/model';
import { matchPin, MAX_PIN_IDENTITIES, pinSchema, type Pin, type PinDifference } from './pins';
import { hasVerifiedProvenance, verifiedIdentities } from './status';

/**
 * What the badge, toolbar and popup show: the release report judged against
 * the user's pin. `mismatch` exists only here: the report is cryptographically
 * verified, but by someone other than the pinned identity.
 */
export const badgeStatusSchema = z.enum(['pending', 'verified', 'partial', 'absent', 'unsupported', 'failed', 'mismatch', 'error']);
export type BadgeStatus = z.infer<typeof badgeStatusSchema>;

export const pinDifferenceSchema = z.object({
  field: z.enum(['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'ref', 'environment', 'issuer', 'email', 'builder']),
  expected: z.string(),
  actual: z.optional(z.string()),
});

export const verdictSchema = z.object({
  status: badgeStatusSchema,
  report: releaseReportSchema,
  pin: z.optional(pinSchema),
  pinDifferences: z.array(pinDifferenceSchema),
  /**
   * Which of the pin's accepted identities the comparison shows (an index
   * into `pin.identities`): the one that matched, or, on a mismatch, the
   * closest one, whose differences are `pinDifferences`.
   */
  pinCompared: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(MAX_PIN_IDENTITIES - 1))),
  /** Whether the identity in `pinCompared` matched. */
  pinMatched: z.optional(z.boolean()),
  /** Identity compared against the pin (the release's shared identity). */
  actualIdentity: z.optional(identitySchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

export function judge(report: ReleaseReport, pin: Pin | undefined): Verdict {
  const base = { report, pin, pinDifferences: [] as PinDifference[], actualIdentity: report.identity };
  if (!pin || !hasVerifiedProvenance(report.status)) {
    return { ...base, status: report.status };
  }
  // Every verified artifact must match one of the accepted identities (not necessarily the same one).
  const identities = verifiedIdentities(report.artifacts);
  if (identities.length === 0 && report.identity) identities.push(report.identity);
  // Nothing verified carries an identity: a pin cannot be satisfied by nobody.
  if (identities.length === 0) {
    const first = pin.identities[0]!;
    return { ...base, pinDifferences: [{ field: 'repositoryUrl', expected: first.repositoryUrl ?? first.workflowPath ?? first.issuer ?? first.email ?? '', actual: undefined }], pinCompared: 0, pinMatched: false, status: 'mismatch' };
  }
  const matches = identities.map((id) => matchPin(pin, id));
  const failing = matches.find((m) => m.matched === undefined);
  if (!failing || failing.matched !== undefined) return { ...base, pinCompared: matches[0]!.matched, pinMatched: true, status: report.status };
  const diffs = matches.flatMap((m) => (m.matched === undefined && m.closest === failing.closest ? m.differences : []));
  return { ...base, pinDifferences: dedupe(diffs), pinCompared: failing.closest, pinMatched: false, status: 'mismatch' };
}

function dedupe(diffs: PinDifference[]): PinDifference[] {
  const seen = new Set<string>();
  return diffs.filter((d) => {
    const k = `${d.field}\u0000${d.expected}\u0000${d.actual ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

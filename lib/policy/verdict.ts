import * as z from '../zod';
import { releaseReportSchema, identitySchema, type ReleaseReport } from '../report/model';
import { comparePin, pinSchema, type Pin, type PinDifference } from './pins';
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
  /** Identity compared against the pin (the release's shared identity). */
  actualIdentity: z.optional(identitySchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

export function judge(report: ReleaseReport, pin: Pin | undefined): Verdict {
  const base = { report, pin, pinDifferences: [] as PinDifference[], actualIdentity: report.identity };
  if (!pin || !hasVerifiedProvenance(report.status)) {
    return { ...base, status: report.status };
  }
  // A pinned package whose verified artifacts disagree on identity cannot match one pin.
  const identities = verifiedIdentities(report.artifacts);
  if (identities.length === 0 && report.identity) identities.push(report.identity);
  // Nothing verified carries an identity: a pin cannot be satisfied by nobody.
  const diffs = identities.length === 0 ? [{ field: 'repositoryUrl' as const, expected: pin.repositoryUrl ?? pin.workflowPath ?? pin.issuer ?? '', actual: undefined }] : identities.flatMap((id) => comparePin(pin, id));
  const unique = dedupe(diffs);
  return { ...base, pinDifferences: unique, status: unique.length > 0 ? 'mismatch' : report.status };
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

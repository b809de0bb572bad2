import { verifiedFirst } from '../../lib/policy/status';
import { approverWords } from '../../lib/ui/history-text';
import type { Verdict } from '../../lib/policy/verdict';
import type { ReleaseReport } from '../../lib/report/model';
import { noPublicLogSentence } from '../../lib/report/no-public-log';
import {
  attestationKinds,
  builderOf,
  commitUrl,
  describedIdentity,
  firstTlogEntry,
  repositoryLink,
  tlogLink,
  verifiedRunLink,
  workflowFileUrl,
} from '../../lib/ui/identity';
import { parseRepositoryUrl } from '../../lib/identity/describe';
import { issuerName } from '../../lib/ui/issuer-name';
import { predicateLabel, publisherLabel } from '../../lib/ui/status-text';
import { FieldRow } from '../FieldRow';
import { LocalTimeText } from '../LocalTimeText';
import { SafeAnchor } from '../SafeAnchor';

const NONE = '\u2014';

/**
 * Who built the release and where that is recorded. Every value comes from
 * the verified certificate (via the report) and is rendered as text; links
 * go through SafeAnchor.
 */
export function ReleaseDetails({ verdict }: { verdict: Verdict }) {
  const identity = describedIdentity(verdict);
  const tlog = firstTlogEntry(verdict.report);
  const signedAt = verifiedSigningTime(verdict.report);
  const kinds = attestationKinds(verdict.report);
  const approver = verdict.report.stagedApprover;
  const noPublicLog = noPublicLogSentence(verdict.report);
  if (!identity && !tlog && kinds.length === 0 && !approver) return null;

  const builder = builderOf(identity);
  const google = identity?.publisherKind === 'google';
  const repoText = parseRepositoryUrl(identity?.repositoryUrl)?.path ?? identity?.repositoryUrl;
  const run = verifiedRunLink(verdict);
  const issuer = identity?.issuer ? issuerName(identity.issuer) : undefined;

  return (
    <section aria-labelledby="pv-build-heading">
      <h2 id="pv-build-heading">How it was built</h2>
      <dl class="fields">
        {identity ? <FieldRow label="Publisher">{publisherLabel(identity.publisherKind)}</FieldRow> : null}
        {approver ? (
          <FieldRow label="Staged release" field="approver">
            {approverWords(approver)}
          </FieldRow>
        ) : null}
        <FieldRow label={google ? 'Service account' : builder ? 'Source repository' : 'Repository'} field="repository">
          {google ? (identity?.email ?? identity?.subjectAlternativeName ?? NONE) : repoText ? <SafeAnchor href={repositoryLink(identity)}>{repoText}</SafeAnchor> : NONE}
        </FieldRow>
        {builder ? (
          <FieldRow label={builder.known ? 'Built by' : 'Built by (reusable workflow)'} field="builder">
            <SafeAnchor href={builder.url}>{builder.label}</SafeAnchor>
          </FieldRow>
        ) : null}
        <FieldRow label="Workflow" field="workflow">
          {identity?.workflowPath ? <SafeAnchor href={workflowFileUrl(identity)}>{identity.workflowPath}</SafeAnchor> : NONE}
        </FieldRow>
        <FieldRow label="Commit" field="commit">
          {identity?.commit ? (
            <SafeAnchor href={commitUrl(identity)}>
              <code title={identity.commit}>{identity.commit.slice(0, 12)}</code>
            </SafeAnchor>
          ) : (
            NONE
          )}
        </FieldRow>
        {run ? (
          <FieldRow label="Workflow run" field="run">
            <SafeAnchor href={run}>Build summary</SafeAnchor>
          </FieldRow>
        ) : null}
        <FieldRow label="Ref" field="ref">
          {identity?.ref ? <code>{identity.ref}</code> : NONE}
        </FieldRow>
        <FieldRow label="Trigger" field="trigger">
          {identity?.trigger ?? NONE}
        </FieldRow>
        <FieldRow label="Runner" field="runner">
          {identity?.runnerEnvironment ?? NONE}
        </FieldRow>
        {identity?.environment ? <FieldRow label="Environment">{identity.environment}</FieldRow> : null}
        <FieldRow label="Issuer" field="issuer">
          {issuer ? <span title={issuer.url}>{issuer.name}</span> : NONE}
        </FieldRow>
        <FieldRow label="Transparency log entry" field="logIndex">
          {tlog?.logIndex ? <SafeAnchor href={tlogLink(tlog)}>{tlog.logIndex}</SafeAnchor> : noPublicLog ? <span data-no-public-log>{noPublicLog}</span> : NONE}
        </FieldRow>
        {signedAt ? (
          <FieldRow label="Signed at" field="signedAt">
            <LocalTimeText iso={signedAt} />
          </FieldRow>
        ) : null}
        {kinds.length > 0 ? (
          <FieldRow label="Attestations">
            <ul class="plain">
              {kinds.map((k) => (
                <li key={k}>{predicateLabel(k)}</li>
              ))}
            </ul>
          </FieldRow>
        ) : null}
      </dl>
    </section>
  );
}

/**
 * The verified signing time (RFC 3161 or the log's signed integrated time),
 * from verified artifacts first, as firstTlogEntry orders them. The report
 * carries an integrated time only when the log signed it.
 */
function verifiedSigningTime(report: ReleaseReport): string | undefined {
  for (const attestation of verifiedFirst(report.artifacts).flatMap((a) => a.attestations)) {
    const time = attestation.signedAt ?? attestation.tlog.find((t) => t.integratedTime)?.integratedTime;
    if (time) return time;
  }
  return undefined;
}

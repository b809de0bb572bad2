import { IDENTITY_BOUND_KINDS, type Acknowledgement, type Alert, type AlertKind } from '../history/alerts';
import type { HistoryView } from '../messages/protocol';
import { showsBuilder } from '../policy/status';
import type { BadgeStatus } from '../policy/verdict';
import type { Identity } from '../report/model';
import { describeIdentity, identityLine } from '../identity/describe';
import { STATUS_WORDS } from './status-text';
import type { Ecosystem } from '../report/model';

/**
 * How the popup and the options page word a package's provenance history
 * (issue #5): alert titles and why they matter, the timeline's rows with the
 * alert points marked, and the identity fields set side by side. Pure, so the
 * wording is tested without a browser; the badge keeps its shorter ALERT_WORDS.
 */

export const ALERT_TITLES: Record<AlertKind, string> = {
  'provenance-lost': 'Provenance lost',
  'publisher-changed': 'Publisher changed',
  'self-hosted-runner': 'Built on a self-hosted runner',
  'registry-disagrees': 'Registry disagrees',
};

/** Why each alert matters, for a person who has never heard of attestations. */
export const ALERT_WHY: Record<AlertKind, string> = {
  'provenance-lost':
    'Releases published with a stolen token usually have no provenance while the ones before them had it (the Nx and ultralytics compromises looked exactly like this). It can also mean the maintainers stopped publishing from CI.',
  'publisher-changed':
    'A different repository, workflow or issuer built this release than the one before. A maintainer may have moved the release workflow, or someone else may be publishing now.',
  'self-hosted-runner':
    'Self-hosted runners are machines the repository owner runs, outside the CI provider\u2019s isolation; the provenance says less about how the build was protected.',
  'registry-disagrees':
    'The registry itself says this release has provenance, yet what it serves is missing or does not verify. Provenance can be stripped or altered between the registry and you, or the registry is in an inconsistent state; either way, do not rely on this release until it verifies.',
};

export function alertTitle(kind: string): string {
  return Object.hasOwn(ALERT_TITLES, kind) ? ALERT_TITLES[kind as AlertKind] : kind;
}

/** Words for a timeline status: a release status, or `unchecked` (not reached by the history walk). */
export function timelineStatusWords(status: BadgeStatus | 'unchecked'): string {
  return status === 'unchecked' ? 'Not checked' : STATUS_WORDS[status];
}

/** A publish time as the exact UTC instant; shown in the reader's zone by components/LocalTimeText. */
export function validTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export interface TimelineMark {
  kind: AlertKind;
  /** `here`: the version the alert is about; `before`: the earlier version it compares with. */
  role: 'here' | 'before';
  text: string;
}

export interface TimelineRow {
  version: string;
  status: BadgeStatus | 'unchecked';
  /** When it was published (ISO 8601 UTC), when the registry says. */
  publishedAt: string | undefined;
  /** `owner/repo · workflow.yml`, when the release verified far enough to name its builder. */
  identity: string | undefined;
  /** npm staged publishing: who the registry says approved the release (unsigned). */
  approver: string | undefined;
  current: boolean;
  marks: TimelineMark[];
  /** The highest level of the alerts marking this row (its outline: red for high, amber for medium). */
  alertLevel: 'high' | 'medium' | undefined;
}

const MARK_TEXT: Record<AlertKind, Record<TimelineMark['role'], string>> = {
  'provenance-lost': { here: 'provenance lost here', before: 'last verified version' },
  'publisher-changed': { here: 'new publisher', before: 'previous publisher' },
  'self-hosted-runner': { here: 'self-hosted runner', before: 'compared with' },
  'registry-disagrees': { here: 'registry disagrees', before: 'compared with' },
};

/**
 * The current release, then the earlier versions newest first, each marked
 * with the (shown) alerts that point at it.
 */
export function timelineRows(view: HistoryView, current: { status: BadgeStatus; identity: Identity | undefined; publishedAt?: string | undefined; stagedApprover?: string | undefined }): TimelineRow[] {
  const rows: TimelineRow[] = [
    {
      version: view.version,
      status: current.status,
      publishedAt: validTime(current.publishedAt),
      identity: showsBuilder(current.status) ? identityLine(current.identity) : undefined,
      approver: current.stagedApprover,
      current: true,
      marks: [],
      alertLevel: undefined,
    },
    ...view.entries.map(
      (e): TimelineRow => ({
        version: e.version,
        status: e.status,
        publishedAt: validTime(e.publishedAt),
        identity: showsBuilder(e.status) ? identityLine(e.identity) : undefined,
        approver: e.stagedApprover,
        current: false,
        marks: [],
        alertLevel: undefined,
      }),
    ),
  ];
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  const mark = (version: string | undefined, kind: AlertKind, role: TimelineMark['role']) => {
    const row = version === undefined ? undefined : byVersion.get(version);
    if (row && !row.marks.some((m) => m.kind === kind && m.role === role)) row.marks.push({ kind, role, text: MARK_TEXT[kind][role] });
  };
  const level = (version: string | undefined, alertLevel: 'high' | 'medium') => {
    const row = version === undefined ? undefined : byVersion.get(version);
    if (row) row.alertLevel = row.alertLevel === 'high' || alertLevel === 'high' ? 'high' : 'medium';
  };
  for (const alert of view.alerts) {
    mark(alert.version, alert.kind, 'here');
    mark(alert.previousVersion, alert.kind, 'before');
    // A level this build cannot read counts as high.
    const alertLevel = alert.level === 'medium' ? 'medium' : 'high';
    level(alert.version, alertLevel);
    level(alert.previousVersion, alertLevel);
  }
  return rows;
}

const COMPARED_FIELDS = [
  ['repositoryUrl', 'Repository'],
  ['repositoryId', 'Repository id'],
  ['owner', 'Owner'],
  ['ownerId', 'Owner id'],
  ['workflowPath', 'Workflow'],
  ['issuer', 'Issuer'],
  ['email', 'Service account'],
  ['ref', 'Ref'],
  ['trigger', 'Trigger'],
] as const satisfies readonly (readonly [keyof Identity, string])[];

/**
 * How one field compares: `changed` is what the alert counts as a new
 * publisher; `differs` is a difference it does not count (each release has its
 * own ref; an owner's name may change while its id stays); `missing` when only
 * one side's certificate records the field (older ones lack the numeric ids).
 */
export type ComparedState = 'changed' | 'same' | 'differs' | 'missing';

export interface ComparedField {
  field: keyof Identity;
  label: string;
  previous: string | undefined;
  current: string | undefined;
  state: ComparedState;
}

export const COMPARED_MARKERS: Record<ComparedState, string> = {
  changed: '\u2260 changed',
  same: '= same',
  differs: '\u2260 differs, not a publisher change',
  missing: '? recorded on one side only',
};

/**
 * publisher-changed: the previous and the current identity side by side, one
 * row per field either side names, each marked with how it compares.
 */
export function comparedIdentities(alert: Pick<Alert, 'previousIdentity' | 'identity' | 'changed'>): ComparedField[] {
  const changed = new Set(alert.changed ?? []);
  return COMPARED_FIELDS.filter(([f]) => alert.previousIdentity?.[f] !== undefined || alert.identity?.[f] !== undefined).map(([field, label]) => {
    const previous = alert.previousIdentity?.[field];
    const current = alert.identity?.[field];
    const state: ComparedState = changed.has(field)
      ? 'changed'
      : previous === undefined || current === undefined
        ? 'missing'
        : previous === current || (field === 'repositoryUrl' && previous.toLowerCase() === current.toLowerCase())
          ? 'same'
          : 'differs';
    return { field, label, previous, current, state };
  });
}

const CHANGE_LABELS: Record<string, string> = {
  repositoryUrl: 'Repository',
  repositoryId: 'Repository id',
  ownerId: 'Owner id',
  workflowPath: 'Workflow',
  issuer: 'Issuer',
  email: 'Service account',
  trigger: 'Trigger',
  refKind: 'Ref pattern',
  builder: 'Builder',
};

export interface ChangedField {
  field: string;
  label: string;
  previous: string | undefined;
  current: string | undefined;
}

/**
 * publisher-changed: only the fields that changed, each with its value before
 * and now: what the popup shows first (the full side-by-side stays one click
 * away). The ref pattern shows the refs themselves, the builder its URI.
 */
export function changedFields(alert: Pick<Alert, 'previousIdentity' | 'identity' | 'changed'>): ChangedField[] {
  const value = (id: Identity | undefined, field: string): string | undefined => {
    if (!id) return undefined;
    if (field === 'refKind') return id.ref;
    if (field === 'builder') return id.buildSignerUri;
    return Object.hasOwn(id, field) ? id[field as keyof Identity] : undefined;
  };
  return (alert.changed ?? []).map((field) => ({
    field,
    label: Object.hasOwn(CHANGE_LABELS, field) ? CHANGE_LABELS[field]! : field,
    previous: value(alert.previousIdentity, field),
    current: value(alert.identity, field),
  }));
}

/** How loud an alert reads, in words beside its title (never colour alone). */
export function alertLevelWords(level: 'high' | 'medium'): string {
  return level === 'high' ? 'High' : 'Medium';
}

/** The acknowledgement the popup sends for an alert: this version only, or every version of the package. */
export function ackFor(alert: Pick<Alert, 'kind' | 'version' | 'identity'>, release: { ecosystem: Ecosystem; package: string }, scope: 'version' | 'package'): Omit<Acknowledgement, 'at'> {
  const base = { ecosystem: release.ecosystem, package: release.package, kind: alert.kind };
  // Bound to the identity the alert names, so a later, different one is not hidden.
  const bound = IDENTITY_BOUND_KINDS.has(alert.kind) && alert.identity ? { ...base, identity: alert.identity } : base;
  return scope === 'version' ? { ...bound, version: alert.version } : bound;
}

/** `provenance-lost for every version of sigstore` and the like, for lists and notices. */
export function describeAck(ack: Pick<Acknowledgement, 'kind' | 'package' | 'version' | 'identity'>): string {
  const who = ack.identity ? ` (${describeIdentity(ack.identity)})` : '';
  return `${alertTitle(ack.kind)}${who} for ${ack.version === undefined ? 'every version' : `version ${ack.version}`} of ${ack.package}`;
}

/** A stable token for one acknowledgement (data attributes, keys). */
export function ackKey(ack: Pick<Acknowledgement, 'ecosystem' | 'package' | 'kind' | 'version'>): string {
  return `${ack.ecosystem}:${ack.package}:${ack.kind}:${ack.version ?? '*'}`;
}

/** The approver line: the registry's claim, said to be one (npm staged publishing). */
export function approverWords(approver: string): string {
  return `approved by ${approver} \u2014 registry\u2019s claim, not signed`;
}

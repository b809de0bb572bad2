import * as z from '../zod';
import { describeIdentity } from '../identity/describe';
import { comparePin, type Pin } from '../policy/pins';
import { ecosystemSchema, identitySchema, releaseStatusSchema, type Identity, type ReleaseStatus } from '../report/model';
import { versionLineLabel } from './version-order';
import { alertLevel, hasVerifiedProvenance, losesProvenance, publisherChangeLevel, verifiedAsOne } from '../policy/status';

/**
 * Alerts from a package's provenance history. They catch what signatures
 * alone do not: the Nx (npm, Aug 2025) and ultralytics (PyPI, Dec 2024)
 * releases were published with stolen tokens and simply had no provenance,
 * while the versions before them did.
 */
export const alertKindSchema = z.enum(['provenance-lost', 'publisher-changed', 'self-hosted-runner']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const historyEntrySchema = z.object({
  version: z.string(),
  publishedAt: z.optional(z.string()),
  status: z.union([releaseStatusSchema, z.literal('unchecked')]),
  identity: z.optional(identitySchema),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** How loud an alert is (the shared table of statuses and alerts, docs/verdicts.md). */
export const alertLevelSchema = z.enum(['high', 'medium']);
export type AlertLevel = z.infer<typeof alertLevelSchema>;

/**
 * Which earlier release an alert compares with (docs/verdicts.md, "History
 * window"): the newest verified release of the same version line, or, when
 * the line has none, the newest verified release published before it.
 */
export const comparedWithSchema = z.enum(['version-line', 'overall']);
export type ComparedWith = z.infer<typeof comparedWithSchema>;

export const alertSchema = z.object({
  kind: alertKindSchema,
  level: alertLevelSchema,
  version: z.string(),
  /** The earlier verified version the alert compares with. */
  previousVersion: z.optional(z.string()),
  /** How `previousVersion` was chosen; absent when the alert compares with no earlier release. */
  comparedWith: z.optional(comparedWithSchema),
  previousIdentity: z.optional(identitySchema),
  identity: z.optional(identitySchema),
  /** Identity fields that changed, for publisher-changed. */
  changed: z.optional(z.array(z.string())),
  /** publisher-changed: the release's files whose publisher differs (from the previous release's, or from the release's other files). */
  files: z.optional(z.array(z.string())),
  message: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The identity fields whose change means "someone else publishes this now". */
const PUBLISHER_FIELDS = ['repositoryId', 'repositoryUrl', 'ownerId', 'workflowPath', 'issuer', 'email'] as const;

/** One verified file of the release and the identity its certificate names. */
export interface VerifiedFile {
  name: string;
  identity: Identity;
}

const LOST_WORDS: Partial<Record<ReleaseStatus, string>> = {
  failed: 'failed provenance verification',
  partial: 'has files without provenance',
  unsupported: 'has attestations Provenant cannot check',
  absent: 'has no provenance',
};

export interface AlertInput {
  current: {
    version: string;
    status: ReleaseStatus;
    identity?: Identity | undefined;
    /**
     * Every verified artifact with its identity. A release's files are
     * checked one by one: a stolen upload token can add a file built
     * elsewhere next to the legitimate ones, so each is compared, not only
     * the identity they share.
     */
    artifacts?: readonly VerifiedFile[];
  };
  /** Earlier versions, newest first by publish time; only verified ones are compared with. */
  earlier: readonly HistoryEntry[];
  pin?: Pin | undefined;
  /** The current release's version line; without it every comparison is with the newest overall. */
  line?: { label: string; contains(version: string): boolean } | undefined;
}

/** An earlier release an alert compares with, and how it was chosen. */
interface Reference {
  entry: HistoryEntry;
  comparedWith: ComparedWith;
}

/** The newest earlier entry that qualifies, of the version line first, else overall. */
function findReference(earlier: readonly HistoryEntry[], qualifies: (e: HistoryEntry) => boolean, line: AlertInput['line']): Reference | undefined {
  const inLine = line ? earlier.find((e) => qualifies(e) && line.contains(e.version)) : undefined;
  if (inLine) return { entry: inLine, comparedWith: 'version-line' };
  const overall = earlier.find(qualifies);
  return overall ? { entry: overall, comparedWith: 'overall' } : undefined;
}

/** The sentence saying which comparison an alert came from. */
function comparisonWords(ref: Reference, line: AlertInput['line']): string {
  const label = line ? versionLineLabel(line.label) : undefined;
  if (ref.comparedWith === 'version-line') return `${ref.entry.version} is the newest earlier verified release of the ${label} line.`;
  return label
    ? `${ref.entry.version} is the newest verified release published before it; no earlier ${label} release was verified.`
    : `${ref.entry.version} is the newest verified release published before it.`;
}

export function computeAlerts({ current, earlier, pin, line }: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  // A backport (1.0.1 after 2.0.0) is compared with its own line first: that
  // is who last published 1.x. Only a line without a verified release falls
  // back to the newest overall, so a release in an old or new line is never
  // compared with nothing.
  const lost = findReference(earlier, (e) => e.status === 'verified', line);
  const previous = lost?.entry;
  // What a publisher change is measured against: the newest verified version whose files agree on one identity.
  const publisherRef = findReference(earlier, verifiedAsOne, line);
  // A first-use pin was taken from whatever version was seen first, possibly
  // this very one after a change; only a pin the user made outranks the history.
  const userPin = pin?.source === 'first-use' ? undefined : pin;

  // A pin (even one taken on first use, from a verified release) says
  // provenance is expected for every release of the package.
  if (losesProvenance(current.status) && (previous || pin)) {
    const what = LOST_WORDS[current.status] ?? 'has no provenance';
    const why = previous
      ? `but ${previous.version} was verified${previous.identity ? ` as built by ${describeIdentity(previous.identity)}` : ''}`
      : 'but the package is pinned, which says its releases carry verified provenance';
    alerts.push({
      kind: 'provenance-lost',
      level: alertLevel('provenance-lost'),
      version: current.version,
      ...(lost ? { previousVersion: lost.entry.version, comparedWith: lost.comparedWith, previousIdentity: lost.entry.identity } : {}),
      message: `${current.version} ${what}, ${why}.${lost ? ` ${comparisonWords(lost, line)}` : ''}`,
    });
  }

  // A pin is the user's explicit statement of who publishes, but only about
  // the fields it names: it silences a change of exactly those fields, and
  // only where they matched. A pin naming just a workflow says nothing about
  // the repository (issue 11, finding 2).
  if (hasVerifiedProvenance(current.status)) {
    const changedAlert = publisherChange(current, publisherRef, userPin, line);
    if (changedAlert) alerts.push(changedAlert);
  }

  const selfHosted = [current.identity, ...(current.artifacts ?? []).map((f) => f.identity)].find((i) => i?.runnerEnvironment === 'self-hosted');
  if (hasVerifiedProvenance(current.status) && selfHosted) {
    alerts.push({
      kind: 'self-hosted-runner',
      level: alertLevel('self-hosted-runner'),
      version: current.version,
      identity: selfHosted,
      message: `${current.version} was built on a self-hosted runner, which the repository owner controls outside the CI provider's isolation.`,
    });
  }
  return alerts;
}

/**
 * publisher-changed for the current release: its verified files compared
 * with the previous verified release's publisher, or, without one, with
 * each other (the publisher most files share stands for the release).
 */
function publisherChange(current: AlertInput['current'], ref: Reference | undefined, pin: Pin | undefined, line: AlertInput['line']): Alert | undefined {
  const previous = ref?.entry;
  const files: VerifiedFile[] = current.artifacts?.length ? [...current.artifacts] : current.identity ? [{ name: '', identity: current.identity }] : [];
  if (files.length === 0) return undefined;
  const reference = previous?.identity ?? mostShared(files);
  const changedFields = (id: Identity) => {
    const pinned = pin ? pinnedAndMatched(pin, id) : new Set<string>();
    return PUBLISHER_FIELDS.filter((f) => !pinned.has(f) && differs(reference[f], id[f], f));
  };
  const differing = files.filter((f) => changedFields(f.identity).length > 0);
  if (differing.length === 0) return undefined;
  const changed = PUBLISHER_FIELDS.filter((f) => differing.some((d) => changedFields(d.identity).includes(f)));
  const level = publisherChangeLevel(changed);
  const first = differing[0]!.identity;
  // Which files differ is worth saying only when the release has several (a PyPI release; an npm release has one tarball).
  const named = files.length > 1 ? differing.filter((f) => f.name !== '').map((f) => f.name) : [];
  const mixed = files.length > differing.length;
  const message = previous
    ? mixed
      ? `Some files of ${current.version} were built by another publisher than ${previous.version}: ${fileList(differing)}; ${previous.version} by ${describeIdentity(reference)}. ${comparisonWords(ref!, line)}`
      : `${current.version} was built by ${describeIdentity(first)}; ${previous.version} by ${describeIdentity(reference)}. ${comparisonWords(ref!, line)}`
    : `The files of ${current.version} were built by different publishers: ${fileList(differing)}; the others by ${describeIdentity(reference)}.`;
  return {
    kind: 'publisher-changed',
    level,
    version: current.version,
    ...(ref ? { previousVersion: ref.entry.version, comparedWith: ref.comparedWith } : {}),
    previousIdentity: reference,
    identity: first,
    changed: [...changed],
    ...(named.length > 0 ? { files: named } : {}),
    message,
  };
}

/** The publisher fields a pin names and that hold for this identity: a change of only these is what the user said to expect. */
function pinnedAndMatched(pin: Pin, identity: Identity): Set<string> {
  const failed = new Set<string>(comparePin(pin, identity).map((d) => d.field));
  return new Set(PUBLISHER_FIELDS.filter((f) => pin[f] !== undefined && !failed.has(f)));
}

/** The identity most files share (the first file's on a tie), by the publisher fields. */
function mostShared(files: readonly VerifiedFile[]): Identity {
  let best = files[0]!.identity;
  let bestCount = 0;
  for (const f of files) {
    const count = files.filter((g) => PUBLISHER_FIELDS.every((k) => !differs(f.identity[k], g.identity[k], k))).length;
    if (count > bestCount) {
      best = f.identity;
      bestCount = count;
    }
  }
  return best;
}

const MAX_FILES_NAMED = 5;

function fileList(files: readonly VerifiedFile[]): string {
  const shown = files.slice(0, MAX_FILES_NAMED).map((f) => `${f.name || 'a file'} by ${describeIdentity(f.identity)}`);
  const more = files.length - shown.length;
  return more > 0 ? `${shown.join('; ')} and ${more} more` : shown.join('; ');
}

function differs(a: string | undefined, b: string | undefined, field: string): boolean {
  if (a === undefined && b === undefined) return false;
  // Older certificates lack the numeric ids; a missing value on one side is not a change.
  if ((field === 'repositoryId' || field === 'ownerId') && (a === undefined || b === undefined)) return false;
  if (field === 'repositoryUrl' && a && b) return a.toLowerCase() !== b.toLowerCase();
  return a !== b;
}

export const acknowledgementSchema = z.object({
  ecosystem: ecosystemSchema,
  package: z.string(),
  /** Absent: every version of the package. */
  version: z.optional(z.string()),
  kind: alertKindSchema,
  /**
   * The identity the alert named when it was acknowledged. A publisher-changed
   * or self-hosted-runner acknowledgement holds only for that identity: "this
   * new publisher is expected" must not hide the next, different one (issue 11,
   * finding 10).
   */
  identity: z.optional(identitySchema),
  at: z.string(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** Alert kinds about a particular identity; their acknowledgements are bound to it. */
export const IDENTITY_BOUND_KINDS: ReadonlySet<AlertKind> = new Set(['publisher-changed', 'self-hosted-runner']);

/** Whether two identities name the same publisher (the fields publisher-changed compares). */
export function samePublisher(a: Identity, b: Identity): boolean {
  return PUBLISHER_FIELDS.every((f) => !differs(a[f], b[f], f));
}

export function isAcknowledged(alert: Alert, ecosystem: string, pkg: string, acks: readonly Acknowledgement[]): boolean {
  return acks.some((a) => {
    if (a.ecosystem !== ecosystem || a.package !== pkg || a.kind !== alert.kind) return false;
    if (a.version !== undefined && a.version !== alert.version) return false;
    if (!IDENTITY_BOUND_KINDS.has(alert.kind) || !alert.identity) return true;
    // Bound to the identity it acknowledged; an unbound one (stored before
    // identities were recorded) still holds for its own version, never for all.
    return a.identity ? samePublisher(a.identity, alert.identity) : a.version !== undefined;
  });
}

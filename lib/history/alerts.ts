import * as z from '../zod';
import { describeIdentity } from '../identity/describe';
import { comparePin, type Pin, type PinIdentity } from '../policy/pins';
import { ecosystemSchema, identitySchema, releaseStatusSchema, type Identity, type ReleaseStatus } from '../report/model';
import { versionLineLabel } from './version-order';
import { alertLevel, hasVerifiedProvenance, losesProvenance, publisherChangeLevel, verifiedAsOne } from '../policy/status';

/**
 * Alerts from a package's provenance history. They catch what signatures
 * alone do not: the Nx (npm, Aug 2025) and ultralytics (PyPI, Dec 2024)
 * releases were published with stolen tokens and simply had no provenance,
 * while the versions before them did.
 */
export const alertKindSchema = z.enum(['provenance-lost', 'publisher-changed', 'self-hosted-runner', 'registry-disagrees']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const historyEntrySchema = z.object({
  version: z.string(),
  publishedAt: z.optional(z.string()),
  status: z.union([releaseStatusSchema, z.literal('unchecked')]),
  identity: z.optional(identitySchema),
  /** npm staged publishing: the approver the registry names (unsigned; shown in the timeline only). */
  stagedApprover: z.optional(z.string().check(z.maxLength(214))),
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
  /**
   * publisher-changed: the release's files whose publisher differs (from the previous release's, or from the release's other files);
   * registry-disagrees: the files whose provenance the registry claims and Provenant did not find or verify.
   */
  files: z.optional(z.array(z.string())),
  /** registry-disagrees: what the registry claimed, and what Provenant found (sentences). */
  claimed: z.optional(z.string().check(z.maxLength(1000))),
  found: z.optional(z.string().check(z.maxLength(1000))),
  /** The one sentence: which versions, what changed, and which comparison fired. */
  message: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

/** The identity fields whose change means "someone else publishes this now". */
const PUBLISHER_FIELDS = ['repositoryId', 'repositoryUrl', 'ownerId', 'workflowPath', 'issuer', 'email'] as const;

/**
 * What publisher-changed compares: the publisher fields, and how the same
 * repository builds (docs/verdicts.md: trigger, ref pattern, builder). The
 * latter three are medium by publisherChangeLevel; acknowledgements and pins
 * are bound to the publisher fields only.
 */
const CHANGE_FIELDS = [...PUBLISHER_FIELDS, 'trigger', 'refKind', 'builder'] as const;
type ChangeField = (typeof CHANGE_FIELDS)[number];

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

/**
 * A file the registry says has provenance that Provenant could not fetch or
 * verify (lib/report/model.ts, `registryClaim`): the registry contradicts
 * itself, or what it serves was altered.
 */
export interface Disagreement {
  /** The file (PyPI) or tarball purl (npm). */
  file: string;
  /** What the registry claimed, as a clause: "the packument's dist.attestations announces SLSA provenance v1". */
  claimed: string;
  /** What was found, as a clause: "the attestations endpoint answers 404". */
  found: string;
}

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
    /** Files whose provenance the registry claims and that did not verify. */
    disagreements?: readonly Disagreement[];
  };
  /** Earlier versions, newest first by publish time; only verified ones are compared with. */
  earlier: readonly HistoryEntry[];
  pin?: Pin | undefined;
  /**
   * The current release's version line; without it every comparison is with
   * the newest overall. `newer(v)`: whether v is of a newer line than the
   * current release (a backport's comparison with it alone raises nothing).
   */
  line?: { label: string; contains(version: string): boolean; newer?(version: string): boolean } | undefined;
}

/** An earlier release an alert compares with, and how it was chosen. */
interface Reference {
  entry: HistoryEntry;
  comparedWith: ComparedWith;
}

/**
 * The newest earlier entry that qualifies, of the version line first, else
 * overall. A backport (1.0.1 published after 2.0.0) whose own line has no
 * such release is not compared with a newer line at all: a line maintained
 * apart from the newest one may well build differently, and reporting that
 * is the false alarm pnpm's trustPolicy is criticised for (pnpm #10622).
 */
function findReference(earlier: readonly HistoryEntry[], qualifies: (e: HistoryEntry) => boolean, line: AlertInput['line']): Reference | undefined {
  const inLine = line ? earlier.find((e) => qualifies(e) && line.contains(e.version)) : undefined;
  if (inLine) return { entry: inLine, comparedWith: 'version-line' };
  const overall = earlier.find(qualifies);
  if (!overall || line?.newer?.(overall.version)) return undefined;
  return { entry: overall, comparedWith: 'overall' };
}

/** Which comparison an alert came from (docs/verdicts.md, "History window"), as a noun phrase for the earlier release. */
function comparisonWords(ref: Reference, line: AlertInput['line']): string {
  const label = line ? versionLineLabel(line.label) : undefined;
  if (ref.comparedWith === 'version-line') return `the newest verified ${label} release`;
  return label ? `the newest verified release overall (no earlier ${label} release was verified)` : 'the newest verified release overall';
}

export function computeAlerts({ current, earlier, pin, line }: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  // A backport (1.0.1 after 2.0.0) is compared with its own line first: that
  // is who last published 1.x. Only a line without a verified release falls
  // back to the newest overall, and never to a newer line.
  const lost = findReference(earlier, (e) => e.status === 'verified', line);
  const previous = lost?.entry;
  // What a publisher change is measured against: the newest verified version whose files agree on one identity.
  const publisherRef = findReference(earlier, verifiedAsOne, line);
  // A first-use pin was taken from whatever version was seen first, possibly
  // this very one after a change; only a pin the user made outranks the history.
  const userPin = pin?.source === 'first-use' ? undefined : pin;

  const disagreement = registryDisagrees(current);
  if (disagreement) alerts.push(disagreement);

  // A pin (even one taken on first use, from a verified release) says
  // provenance is expected for every release of the package.
  if (losesProvenance(current.status) && (previous || pin)) {
    const what = LOST_WORDS[current.status] ?? 'has no provenance';
    const why = previous
      ? `but ${previous.version}, ${comparisonWords(lost!, line)}, was verified${previous.identity ? ` as built by ${describeIdentity(previous.identity)}` : ''}`
      : 'but the package is pinned, which says its releases carry verified provenance';
    alerts.push({
      kind: 'provenance-lost',
      level: alertLevel('provenance-lost'),
      version: current.version,
      ...(lost ? { previousVersion: lost.entry.version, comparedWith: lost.comparedWith, previousIdentity: lost.entry.identity } : {}),
      message: `${current.version} ${what}, ${why}.`,
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
 * registry-disagrees: the registry said this release has provenance (the
 * packument's dist.attestations, PyPI's simple index or Integrity API) and
 * what it served did not verify or was not there. Needs no history: the
 * registry contradicts itself within one release.
 */
function registryDisagrees(current: AlertInput['current']): Alert | undefined {
  const all = current.disagreements ?? [];
  const first = all[0];
  if (!first || current.status === 'error') return undefined;
  const which = all.length === 1 ? (first.file.startsWith('pkg:') ? '' : ` for ${first.file}`) : ` for ${all.length} files`;
  return {
    kind: 'registry-disagrees',
    level: alertLevel('registry-disagrees'),
    version: current.version,
    ...(all.length > 1 || !first.file.startsWith('pkg:') ? { files: all.map((d) => d.file) } : {}),
    claimed: first.claimed,
    found: first.found,
    message: `The registry says ${current.version} has provenance${which} (${first.claimed}), but ${first.found}.`,
  };
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
    if (pin && betweenAccepted(pin, reference, id)) return [];
    const pinned = pin ? fieldsThePinAccepts(pin, id) : new Set<string>();
    return changedBetween(reference, id).filter((f) => !pinned.has(f));
  };
  const differing = files.filter((f) => changedFields(f.identity).length > 0);
  if (differing.length === 0) return undefined;
  const changed = CHANGE_FIELDS.filter((f) => differing.some((d) => changedFields(d.identity).includes(f)));
  const level = publisherChangeLevel(changed);
  const first = differing[0]!.identity;
  // Which files differ is worth saying only when the release has several (a PyPI release; an npm release has one tarball).
  const named = files.length > 1 ? differing.filter((f) => f.name !== '').map((f) => f.name) : [];
  const mixed = files.length > differing.length;
  const message = previous
    ? mixed
      ? `Some files of ${current.version} were built by another publisher than ${previous.version} (${describeIdentity(reference)}): ${fileList(differing)}; ${previous.version} is ${comparisonWords(ref!, line)}.`
      : `${changeSentence(previous.version, reference, current.version, first, changed)}; ${previous.version} is ${comparisonWords(ref!, line)}.`
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

/** The compared fields that differ between two identities. */
function changedBetween(before: Identity, after: Identity): ChangeField[] {
  const changed = CHANGE_FIELDS.filter((f) => differs(valueOf(before, f), valueOf(after, f), f));
  // Where both builds ran their own repository's workflow, the builder is the workflow: its change is said once, as the workflow's.
  return ownWorkflow(before) && ownWorkflow(after) ? changed.filter((f) => f !== 'builder') : changed;
}

function valueOf(identity: Identity, field: ChangeField): string | undefined {
  if (field === 'refKind') return refKind(identity.ref);
  if (field === 'builder') return builderOf(identity);
  return identity[field];
}

/** What kind of ref a build ran from: a release tag, a branch, a pull request (the ref "pattern", not the ref itself: each release has its own tag). */
function refKind(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('refs/tags/')) return 'tag';
  if (ref.startsWith('refs/heads/')) return 'branch';
  if (ref.startsWith('refs/pull/') || ref.startsWith('refs/merge-requests/')) return 'pull request';
  return undefined;
}

/** The workflow that signed (Fulcio's Build Signer URI) without its ref: the builder. */
function builderOf(identity: Identity): string | undefined {
  const uri = identity.buildSignerUri;
  if (!uri) return undefined;
  const at = uri.indexOf('@');
  return at === -1 ? uri : uri.slice(0, at);
}

function ownWorkflow(identity: Identity): boolean {
  const builder = builderOf(identity);
  return builder === undefined || (identity.repositoryUrl !== undefined && identity.workflowPath !== undefined && builder.toLowerCase() === `${identity.repositoryUrl}/${identity.workflowPath}`.toLowerCase());
}

/** `release.yml` from `.github/workflows/release.yml`. */
function fileName(path: string | undefined): string {
  return path ? path.slice(path.lastIndexOf('/') + 1) : 'an unnamed workflow';
}

/**
 * One sentence naming both versions and what changed: "1.4.0 was built by
 * release.yml, 1.5.0 by publish.yml in the same repository (o/r)". A change of
 * who holds the publishing rights (repository, owner, issuer, account) is
 * said as such; otherwise only what changed within the repository is named.
 */
function changeSentence(beforeVersion: string, before: Identity, version: string, after: Identity, changed: readonly ChangeField[]): string {
  const has = (f: ChangeField) => changed.includes(f);
  if (has('repositoryUrl') || has('repositoryId') || has('ownerId') || has('issuer') || has('email')) {
    const why = has('repositoryUrl')
      ? 'another repository'
      : has('repositoryId')
        ? `a repository of the same name with another id (${before.repositoryId} \u2192 ${after.repositoryId}): it was deleted and re-created, or replaced`
        : has('ownerId')
          ? `the repository's owner changed (owner id ${before.ownerId} \u2192 ${after.ownerId})`
          : has('issuer')
            ? `another identity provider (${before.issuer ?? 'none'} \u2192 ${after.issuer ?? 'none'})`
            : 'another signing account';
    return `${beforeVersion} was built by ${describeIdentity(before)}, ${version} by ${describeIdentity(after)}: ${why}`;
  }
  const how = (id: Identity) =>
    [
      has('workflowPath') ? `by ${fileName(id.workflowPath)}` : undefined,
      has('trigger') ? `on ${id.trigger ?? 'an unrecorded trigger'}` : undefined,
      has('refKind') ? `from a ${refKind(id.ref) ?? 'ref'}` : undefined,
      has('builder') ? `with the builder ${builderOf(id) ?? 'not recorded'}` : undefined,
    ]
      .filter((w): w is string => w !== undefined)
      .join(' ');
  const repo = after.repositoryUrl ? describeIdentity({ ...after, workflowPath: undefined }) : undefined;
  return `${beforeVersion} was built ${how(before)}, ${version} ${how(after)} in the same repository${repo ? ` (${repo})` : ''}`;
}

/**
 * The publisher fields whose change the user's pin says to expect for this
 * identity. A pin accepts a set of identities; when one of them matches
 * wholly, a change to the fields it names is a change between identities the
 * user accepts, and raises no publisher-changed (issue 13, part 5). Fields it
 * leaves open still alert: an accepted identity naming only a workflow says
 * nothing about the repository (issue 11, finding 2). When none matches, only
 * fields that every accepted identity names and that hold are taken, so a
 * mixture of two identities is not accepted field by field.
 */
function fieldsThePinAccepts(pin: Pin, identity: Identity): Set<string> {
  const whole = pin.identities.filter((accepted) => comparePin(accepted, identity).length === 0);
  if (whole.length > 0) return new Set(whole.flatMap(namedPublisherFields));
  const holding = pin.identities.map((accepted) => namedAndHolding(accepted, identity));
  return new Set(PUBLISHER_FIELDS.filter((f) => holding.every((h) => h.has(f))));
}

/**
 * A move from one identity the pin accepts to another one it accepts (a
 * package with several trusted publishers): the user said both publish it,
 * so nothing about the move is news, not even how the second one builds.
 * Within one accepted identity, what it does not name is still compared.
 */
function betweenAccepted(pin: Pin, before: Identity, after: Identity): boolean {
  const matching = (id: Identity) => new Set(pin.identities.flatMap((accepted, i) => (comparePin(accepted, id).length === 0 ? [i] : [])));
  const was = matching(before);
  const now = matching(after);
  return was.size > 0 && now.size > 0 && ![...now].some((i) => was.has(i));
}

function namedPublisherFields(accepted: PinIdentity): string[] {
  return PUBLISHER_FIELDS.filter((f) => accepted[f] !== undefined);
}

/** The publisher fields an accepted identity names and that hold for this identity. */
function namedAndHolding(accepted: PinIdentity, identity: Identity): Set<string> {
  const failed = new Set<string>(comparePin(accepted, identity).map((d) => d.field));
  return new Set(namedPublisherFields(accepted).filter((f) => !failed.has(f)));
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

/** Fields an older certificate may lack: a value on one side only is not a change. */
const SOMETIMES_UNRECORDED: ReadonlySet<string> = new Set(['repositoryId', 'ownerId', 'trigger', 'refKind', 'builder']);

function differs(a: string | undefined, b: string | undefined, field: string): boolean {
  if (a === undefined && b === undefined) return false;
  // Older certificates lack the numeric ids, the trigger and the build signer; a missing value on one side is not a change.
  if (SOMETIMES_UNRECORDED.has(field) && (a === undefined || b === undefined)) return false;
  if ((field === 'repositoryUrl' || field === 'builder') && a && b) return a.toLowerCase() !== b.toLowerCase();
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

import type { Request } from '../messages/protocol';
import type { PackagePage } from '../pages/package-page';
import type { Pin } from '../policy/pins';
import type { BadgeStatus, Verdict } from '../policy/verdict';
import type { ArtifactReport, AttestationSummary, Identity, ReleaseReport, TlogRef } from '../report/model';
import { ECOSYSTEMS } from '../registries/sites';
import { STATUS_WORDS } from '../ui/status-text';
import { isBag, unwrap, type Bag } from './worker-answer';

/**
 * The whole verdict, for the badge's details panel, read from the worker's
 * answer by hand for the reason lib/content/badge-verdict.ts gives (no zod in
 * the content script). Every field the popup's components read is checked
 * for its type and kept; anything else is dropped. Values stay text: the
 * components render them as text and pass links through safeLink.
 */

const text = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(v as T) ? (v as T) : undefined);
const MAX_ITEMS = 256;

function list<T>(v: unknown, read: (raw: unknown) => T | undefined): T[] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, MAX_ITEMS).map(read).filter((x): x is T => x !== undefined);
}

/** The string fields of `raw` named in `keys`, the others left out. */
function strings<K extends string>(raw: Bag, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = text(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const PUBLISHER_KINDS = ['github', 'gitlab', 'google', 'npm-registry', 'other'] as const;
const IDENTITY_TEXT = [
  'issuer', 'subjectAlternativeName', 'repositoryUrl', 'repositoryId', 'owner', 'ownerId', 'workflowPath', 'ref', 'commit', 'trigger',
  'runnerEnvironment', 'visibility', 'buildSignerUri', 'builder', 'buildConfigUri', 'runInvocationUri', 'environment', 'email',
] as const;
const ARTIFACT_STATUSES = ['verified', 'failed', 'absent', 'unsupported', 'error'] as const;
const RELEASE_STATUSES = ['verified', 'partial', 'failed', 'absent', 'unsupported', 'error'] as const;
const PIN_FIELDS = ['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'ref', 'environment', 'issuer', 'email', 'builder'] as const;
/** lib/policy/pins.ts MAX_PIN_IDENTITIES, repeated: importing it would bring zod into the content script. */
const MAX_PIN_IDENTITIES = 16;
const PIN_TEXT = ['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'refPattern', 'environment', 'issuer', 'email', 'builder'] as const;

function readIdentity(raw: unknown): Identity | undefined {
  if (!isBag(raw)) return undefined;
  const publisherKind = oneOf(raw.publisherKind, PUBLISHER_KINDS);
  return publisherKind ? { publisherKind, ...strings(raw, IDENTITY_TEXT) } : undefined;
}

function readTlog(raw: unknown): TlogRef | undefined {
  if (!isBag(raw)) return undefined;
  const logId = text(raw.logId);
  const kind = text(raw.kind);
  const rekorVersion = raw.rekorVersion === 1 || raw.rekorVersion === 2 ? raw.rekorVersion : undefined;
  if (logId === undefined || kind === undefined || rekorVersion === undefined) return undefined;
  return { logId, kind, rekorVersion, ...strings(raw, ['logIndex', 'integratedTime', 'searchUrl'] as const) };
}

function readAttestation(raw: unknown): AttestationSummary | undefined {
  if (!isBag(raw)) return undefined;
  const predicateType = text(raw.predicateType);
  const signer = oneOf(raw.signer, ['certificate', 'npm-registry-key'] as const);
  if (predicateType === undefined || !signer) return undefined;
  return { predicateType, signer, tlog: list(raw.tlog, readTlog), ...strings(raw, ['signedAt'] as const) };
}

function readArtifact(raw: unknown): ArtifactReport | undefined {
  if (!isBag(raw) || !isBag(raw.digest)) return undefined;
  const name = text(raw.name);
  const status = oneOf(raw.status, ARTIFACT_STATUSES);
  const algorithm = oneOf(raw.digest.algorithm, ['sha256', 'sha512'] as const);
  const hex = text(raw.digest.hex, 256);
  if (name === undefined || !status || !algorithm || hex === undefined) return undefined;
  const identity = readIdentity(raw.identity);
  return {
    name,
    status,
    digest: { algorithm, hex },
    attestations: list(raw.attestations, readAttestation),
    ...strings(raw, ['code', 'message', 'detail'] as const),
    ...(identity ? { identity } : {}),
  };
}

function readReport(raw: unknown): ReleaseReport | undefined {
  if (!isBag(raw)) return undefined;
  const ecosystem = oneOf(raw.ecosystem, ECOSYSTEMS);
  const status = oneOf(raw.status, RELEASE_STATUSES);
  const pkg = text(raw.package, 214);
  const version = text(raw.version, 128);
  const checkedAt = text(raw.checkedAt, 64);
  if (!ecosystem || !status || pkg === undefined || version === undefined || checkedAt === undefined) return undefined;
  const identity = readIdentity(raw.identity);
  return {
    ecosystem,
    package: pkg,
    version,
    status,
    checkedAt,
    artifacts: list(raw.artifacts, readArtifact),
    ...strings(raw, ['code', 'message', 'detail'] as const),
    ...(text(raw.stagedApprover, 214) !== undefined ? { stagedApprover: text(raw.stagedApprover, 214)! } : {}),
    ...(identity ? { identity } : {}),
  };
}

function readPin(raw: unknown, report: ReleaseReport): Pin | undefined {
  if (!isBag(raw)) return undefined;
  // Shown only as the "expected" column of the comparison; it never decides anything here.
  const identities = list(raw.identities, (i) => (isBag(i) ? strings(i, PIN_TEXT) : undefined)).slice(0, MAX_PIN_IDENTITIES);
  if (identities.length === 0) return undefined;
  return { ecosystem: report.ecosystem, package: report.package, source: 'manual', createdAt: text(raw.createdAt, 64) ?? '', identities };
}

export function readPanelVerdict(raw: unknown): Verdict | undefined {
  if (!isBag(raw) || !Object.hasOwn(STATUS_WORDS, raw.status as string)) return undefined;
  const report = readReport(raw.report);
  if (!report) return undefined;
  const actualIdentity = readIdentity(raw.actualIdentity);
  const pin = readPin(raw.pin, report);
  return {
    status: raw.status as BadgeStatus,
    report,
    pinDifferences: list(raw.pinDifferences, (d) => {
      if (!isBag(d)) return undefined;
      const field = oneOf(d.field, PIN_FIELDS);
      const expected = text(d.expected);
      return field && expected !== undefined ? { field, expected, ...strings(d, ['actual'] as const) } : undefined;
    }),
    ...(pin && typeof raw.pinCompared === 'number' && Number.isInteger(raw.pinCompared) && raw.pinCompared >= 0 && raw.pinCompared < pin.identities.length ? { pinCompared: raw.pinCompared } : {}),
    ...(typeof raw.pinMatched === 'boolean' ? { pinMatched: raw.pinMatched } : {}),
    ...(actualIdentity ? { actualIdentity } : {}),
    ...(pin ? { pin } : {}),
  };
}

export interface PanelAlert {
  kind: string;
  version: string;
  message: string;
}

export interface PanelDetails {
  verdict: Verdict;
  alerts: PanelAlert[];
}

/**
 * What the panel shows, through the two requests a content script may send
 * (`verdict/get` answers from the worker's cache by now, `history/get` with
 * the alerts). A history that fails leaves the verdict standing.
 */
export async function requestPanelDetails(sendMessage: (message: Request) => Promise<unknown>, page: PackagePage): Promise<PanelDetails> {
  const verdict = readPanelVerdict(unwrap(await sendMessage({ type: 'verdict/get', page })));
  if (!verdict) throw new Error('malformed verdict');
  let alerts: PanelAlert[] = [];
  try {
    const history = unwrap(await sendMessage({ type: 'history/get', page }));
    if (isBag(history)) {
      alerts = list(history.alerts, (a) => {
        if (!isBag(a)) return undefined;
        const kind = text(a.kind, 64);
        const version = text(a.version, 128);
        const message = text(a.message);
        return kind !== undefined && version !== undefined && message !== undefined ? { kind, version, message } : undefined;
      });
    }
  } catch {
    // The verdict stands on its own; alerts are an addition.
  }
  return { verdict, alerts };
}

/** `details/open`: true only if the worker says the toolbar popup opened. */
export async function requestOpenPopup(sendMessage: (message: Request) => Promise<unknown>, page: PackagePage): Promise<boolean> {
  try {
    const answer = unwrap(await sendMessage({ type: 'details/open', page }));
    return isBag(answer) && answer.opened === true;
  } catch {
    // Refused (rate limit, another page) or the worker is away: the badge shows its own panel.
    return false;
  }
}

import type { AlertLevel } from '../history/alerts';
import { highestLevel } from '../policy/status';
import type { Request } from '../messages/protocol';
import type { PackagePage } from '../pages/package-page';
import type { BadgeStatus } from '../policy/verdict';
import type { Identity } from '../report/model';
import { STATUS_WORDS } from '../ui/status-text';
import { isBag, unwrap } from './worker-answer';

/**
 * What the in-page badge needs from a verdict, read from the background's
 * answer without zod: the content script runs on every registry page, and
 * zod would more than double its size. Extension pages validate the whole
 * verdict with the protocol's schemas (lib/messages/client.ts); here every
 * field the badge reads is checked, and nothing else leaves this module.
 */
export interface BadgeVerdict {
  status: BadgeStatus;
  /** The release the verdict is about (empty when it could not be resolved). */
  version: string;
  identity: Identity | undefined;
  message: string | undefined;
  /** Set when a verified file has no public log entry (GitHub's own Sigstore instance): the title says so in words. */
  noPublicLog?: string | undefined;
  /** The user turned this registry off (REGISTRY_OFF): nothing of it is shown, not even this badge. */
  registryOff?: boolean;
}

const text = (v: unknown, max = 2048): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
const IDENTITY_TEXT = ['repositoryUrl', 'workflowPath', 'email', 'subjectAlternativeName'] as const;

function readIdentity(raw: unknown): Identity | undefined {
  // An unknown kind only changes how the line is worded (lib/ui/identity.ts), never what is trusted.
  if (!isBag(raw) || typeof raw.publisherKind !== 'string') return undefined;
  const identity: Identity = { publisherKind: raw.publisherKind as Identity['publisherKind'] };
  for (const key of IDENTITY_TEXT) {
    const value = text(raw[key]);
    if (value !== undefined) identity[key] = value;
  }
  return identity;
}

// `data-alert` is a space-separated token list: only token-shaped alerts can go in it.
const tokens = (list: unknown[]): string[] => [...new Set(list.filter((a): a is string => typeof a === 'string' && /^[\w.:-]{1,64}$/.test(a)))].slice(0, 16);

function readNoPublicLog(artifacts: unknown): string | undefined {
  if (!Array.isArray(artifacts)) return undefined;
  for (const a of artifacts.slice(0, 1000)) if (isBag(a) && a.status === 'verified' && text(a.noPublicLog)) return text(a.noPublicLog);
  return undefined;
}

export function readBadgeVerdict(raw: unknown): BadgeVerdict | undefined {
  if (!isBag(raw) || !Object.hasOwn(STATUS_WORDS, raw.status as string)) return undefined;
  const report = raw.report;
  const version = isBag(report) ? text(report.version, 128) : undefined;
  if (!isBag(report) || version === undefined) return undefined;
  return {
    status: raw.status as BadgeStatus,
    version,
    identity: readIdentity(raw.actualIdentity) ?? readIdentity(report.identity),
    message: text(report.message),
    noPublicLog: readNoPublicLog(report.artifacts),
    ...(report.code === 'REGISTRY_OFF' ? { registryOff: true } : {}),
  };
}

/**
 * `verdict/get`, a content script's main request. The answer is
 * the protocol's envelope (`{ok, value}` or `{ok: false, error}`); anything
 * else, or a verdict of the wrong shape, throws.
 */
export async function requestBadgeVerdict(
  sendMessage: (message: Request) => Promise<unknown>,
  page: PackagePage,
  retry: boolean,
): Promise<BadgeVerdict> {
  const verdict = readBadgeVerdict(unwrap(await sendMessage(retry ? { type: 'verdict/get', page, retry } : { type: 'verdict/get', page })));
  if (!verdict) throw new Error('malformed verdict');
  return verdict;
}

export interface HistoryAlerts {
  kinds: string[];
  /** The highest level among them (`data-alert-level`); undefined without alerts. */
  level: AlertLevel | undefined;
}

/**
 * `history/get`: the kinds of the (unacknowledged) alerts from the package's
 * earlier versions, e.g. `provenance-lost`, and the highest of their levels.
 * Asked after the verdict is final.
 */
export async function requestHistoryAlerts(sendMessage: (message: Request) => Promise<unknown>, page: PackagePage): Promise<HistoryAlerts> {
  const value = unwrap(await sendMessage({ type: 'history/get', page }));
  if (!isBag(value) || !Array.isArray(value.alerts)) throw new Error('malformed history');
  const kinds = tokens(value.alerts.map((a) => (isBag(a) ? a.kind : undefined)));
  // An alert of unknown level is shown as high: a missing level must not make an alert quieter.
  const level = kinds.length === 0 ? undefined : highestLevel(value.alerts.map((a) => (isBag(a) ? a.level : undefined)));
  return { kinds, level };
}

import { Buffer, type TransparencyLogEntry } from '../vendor/sigstore.generated.js';

/**
 * What a person may be shown about a verified transparency-log entry. Only
 * fields the log's signature covers are reported: the inclusion promise (SET)
 * signs the body, integrated time, global log index and log id; an inclusion
 * proof proves only the body's position in the tree its checkpoint signs.
 */
export interface TlogEntrySummary {
  /**
   * Authenticated index: the global index the inclusion promise signs (Rekor v1),
   * or the index the inclusion proof proves (Rekor v2, whose logs have a single
   * index). Undefined for a Rekor v1 entry without an inclusion promise: its
   * proof covers only a shard-local index, and the top-level one is unsigned.
   */
  logIndex: string | undefined;
  /** Hex of the log's key id. */
  logId: string;
  kind: string;
  kindVersion: string;
  /** Rekor v2 entries carry no integrated time; their time comes from a TSA. */
  rekorVersion: 1 | 2;
  /** ISO time the log signed, in its inclusion promise, that it integrated the entry. */
  integratedTime: string | undefined;
  hasInclusionProof: boolean;
  hasInclusionPromise: boolean;
  /** search.sigstore.dev, only for a signed global index in the public-good Rekor v1 log. */
  searchUrl: string | undefined;
}

// Key id of rekor.sigstore.dev, the only log search.sigstore.dev looks up by index
// (it cannot read Rekor v2 logs; a staging or private log's index names another entry there).
const PUBLIC_GOOD_REKOR_V1_LOG_ID = 'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d';

// Rekor v2 introduced these two kinds at 0.0.2; intoto/0.0.2 is a Rekor v1 kind.
function isRekorV2(kind: string, version: string): boolean {
  return (kind === 'dsse' || kind === 'hashedrekord') && version === '0.0.2';
}

/** Call only after sigstore-js verified the entry: a present inclusion promise is then a valid one. */
export function summarizeTlogEntry(entry: TransparencyLogEntry): TlogEntrySummary {
  const kind = entry.kindVersion?.kind ?? 'unknown';
  const kindVersion = entry.kindVersion?.version ?? 'unknown';
  const rekorVersion = isRekorV2(kind, kindVersion) ? 2 : 1;
  const logId = Buffer.from(entry.logId.keyId).toString('hex');
  const promised = entry.inclusionPromise !== undefined;
  const integrated = promised && entry.integratedTime && entry.integratedTime !== '0' ? Number(entry.integratedTime) : undefined;
  const logIndex = rekorVersion === 2 ? entry.inclusionProof?.logIndex : promised ? entry.logIndex : undefined;
  return {
    logIndex,
    logId,
    kind,
    kindVersion,
    rekorVersion,
    integratedTime: integrated === undefined ? undefined : new Date(integrated * 1000).toISOString(),
    hasInclusionProof: entry.inclusionProof !== undefined,
    hasInclusionPromise: promised,
    searchUrl:
      rekorVersion === 1 && promised && logId === PUBLIC_GOOD_REKOR_V1_LOG_ID
        ? `https://search.sigstore.dev/?logIndex=${encodeURIComponent(entry.logIndex)}`
        : undefined,
  };
}

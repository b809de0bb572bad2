import { Buffer, type TransparencyLogEntry } from '../vendor/sigstore.generated.js';

export interface TlogEntrySummary {
  logIndex: string;
  /** Hex of the log's key id. */
  logId: string;
  kind: string;
  kindVersion: string;
  /** Rekor v2 entries carry no integrated time; their time comes from a TSA. */
  rekorVersion: 1 | 2;
  /** ISO time the log says it integrated the entry (Rekor v1 only). */
  integratedTime: string | undefined;
  hasInclusionProof: boolean;
  hasInclusionPromise: boolean;
  /** search.sigstore.dev indexes the Rekor v1 log only. */
  searchUrl: string | undefined;
}

// Rekor v2 introduced these two kinds at 0.0.2; intoto/0.0.2 is a Rekor v1 kind.
function isRekorV2(kind: string, version: string): boolean {
  return (kind === 'dsse' || kind === 'hashedrekord') && version === '0.0.2';
}

export function summarizeTlogEntry(entry: TransparencyLogEntry): TlogEntrySummary {
  const kind = entry.kindVersion?.kind ?? 'unknown';
  const kindVersion = entry.kindVersion?.version ?? 'unknown';
  const integrated = entry.integratedTime && entry.integratedTime !== '0' ? Number(entry.integratedTime) : undefined;
  return {
    logIndex: entry.logIndex,
    logId: Buffer.from(entry.logId.keyId).toString('hex'),
    kind,
    kindVersion,
    rekorVersion: isRekorV2(kind, kindVersion) ? 2 : 1,
    integratedTime: integrated === undefined ? undefined : new Date(integrated * 1000).toISOString(),
    hasInclusionProof: entry.inclusionProof !== undefined,
    hasInclusionPromise: entry.inclusionPromise !== undefined,
    searchUrl: isRekorV2(kind, kindVersion)
      ? undefined
      : `https://search.sigstore.dev/?logIndex=${encodeURIComponent(entry.logIndex)}`,
  };
}

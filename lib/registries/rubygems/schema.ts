import * as z from '../../zod';
import { isValidGemVersion, isValidPlatform } from './names';

/**
 * The two rubygems.org API responses the adapter reads, parsed with zod.
 * Shapes: rubygems/rubygems.org `app/models/version.rb#payload` (versions) and
 * `app/controllers/api/v1/attestations_controller.rb` (attestations); recorded
 * examples in tests/fixtures/rubygems/api-recorded/.
 */

// Only the fields the adapter uses; the rest (authors, downloads, …) may change freely.
const versionRecordShape = z.looseObject({
  number: z.string(),
  platform: z.string(),
  // Checked one by one in readRecord: a bad optional field must not cost the record.
  sha: z.optional(z.unknown()),
  created_at: z.optional(z.unknown()),
  metadata: z.optional(z.unknown()),
});

/** One published version of a gem, as far as verification and history need it. */
export interface GemVersionRecord {
  number: string;
  platform: string;
  /** sha256 of the .gem, lower-case hex; undefined when the record has none or a malformed one. */
  sha256: string | undefined;
  /** Publish time (ISO 8601), when the record carries a usable one. */
  createdAt: string | undefined;
  /** The gem's own metadata (gemspec `metadata`): only string values are kept. */
  metadata: Record<string, string>;
  /** What was wrong with the record's optional fields, for the report's detail. */
  problems: string[];
}

export interface VersionList {
  records: GemVersionRecord[];
  /** Entries that name no usable number and platform, left out (index and reason). */
  skipped: { index: number; reason: string }[];
}

/** Gems with thousands of versions exist (aws-sdk-*, google-protobuf): bound the work, not the registry. */
export const MAX_VERSION_RECORDS = 20_000;

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * The versions list, record by record: a malformed entry is skipped (and
 * said so) instead of making the whole gem unverifiable, and a malformed
 * optional field (a missing `sha`, an unreadable `created_at`, metadata
 * that is not an object of strings) is dropped and noted on its record.
 * Throws only when the response is not a list at all.
 */
export function parseVersionList(json: unknown): VersionList {
  if (!Array.isArray(json)) throw new TypeError('the versions response is not a JSON array');
  if (json.length > MAX_VERSION_RECORDS) throw new RangeError(`the versions response lists ${json.length} versions, limit ${MAX_VERSION_RECORDS}`);
  const records: GemVersionRecord[] = [];
  const skipped: VersionList['skipped'] = [];
  json.forEach((raw, index) => {
    const parsed = versionRecordShape.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ index, reason: `${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const r = parsed.data;
    if (!isValidGemVersion(r.number) || !isValidPlatform(r.platform)) {
      skipped.push({ index, reason: `not a version and platform: ${JSON.stringify(`${r.number} ${r.platform}`.slice(0, 100))}` });
      return;
    }
    records.push(readRecord(r));
  });
  return { records, skipped };
}

function readRecord(r: z.infer<typeof versionRecordShape>): GemVersionRecord {
  const problems: string[] = [];
  let sha256: string | undefined;
  if (typeof r.sha === 'string' && SHA256_HEX.test(r.sha)) sha256 = r.sha.toLowerCase();
  else problems.push(r.sha === undefined || r.sha === null ? 'no sha' : 'sha is not a SHA-256 hex digest');
  let createdAt: string | undefined;
  if (typeof r.created_at === 'string' && !Number.isNaN(Date.parse(r.created_at))) createdAt = r.created_at;
  else problems.push('no usable created_at');
  const metadata: Record<string, string> = {};
  if (r.metadata !== undefined && r.metadata !== null) {
    if (typeof r.metadata === 'object' && !Array.isArray(r.metadata)) {
      for (const [k, v] of Object.entries(r.metadata)) if (typeof v === 'string') metadata[k] = v;
    } else problems.push('metadata is not an object');
  }
  return { number: r.number, platform: r.platform, sha256, createdAt, metadata, problems };
}

/**
 * Attestations of one version: a JSON array of Sigstore bundles, `[]` when
 * there are none. Each bundle is parsed by the verification core
 * (lib/verify/verify-bundle.ts), after the repairs in ./repair.ts.
 */
export const attestationsResponseSchema = z.array(z.unknown());

import * as z from '../zod';
import { Buffer, coreCrypto } from '../vendor/sigstore.generated.js';
import { MAX_STATEMENT_BYTES } from './limits';
import { ProvenantError } from '../errors/provenant-error';
import { zodIssue } from '../errors/zod-issue';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const digestSetSchema = z.record(z.string(), z.string());

/** in-toto Statement v0.1 and v1 (https://github.com/in-toto/attestation/tree/main/spec). */
export const inTotoStatementSchema = z.object({
  _type: z.enum(['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1']),
  subject: z.array(z.object({ name: z.optional(z.string()), digest: digestSetSchema })),
  predicateType: z.string().check(z.minLength(1)),
  predicate: z.optional(z.unknown()),
});

export type InTotoStatement = z.infer<typeof inTotoStatementSchema>;

export function parseInTotoStatement(payload: Uint8Array, payloadType: string): InTotoStatement {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new ProvenantError('verify', 'STATEMENT_INVALID', `DSSE payload type is ${JSON.stringify(payloadType)}, expected ${IN_TOTO_PAYLOAD_TYPE}`);
  }
  if (payload.length > MAX_STATEMENT_BYTES) {
    throw new ProvenantError('verify', 'INPUT_TOO_LARGE', `statement is ${payload.length} bytes, limit ${MAX_STATEMENT_BYTES}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (e) {
    throw new ProvenantError('verify', 'STATEMENT_INVALID', `statement is not UTF-8 JSON: ${(e as Error).message}`);
  }
  const parsed = inTotoStatementSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProvenantError('verify', 'STATEMENT_INVALID', `statement ${zodIssue(parsed.error)}`);
  }
  return parsed.data;
}

/** True when some subject carries exactly this digest (hex compared case-insensitively). */
export function statementHasSubjectDigest(statement: InTotoStatement, algorithm: string, hex: string): boolean {
  const wanted = hex.toLowerCase();
  return statement.subject.some((s) => s.digest[algorithm]?.toLowerCase() === wanted);
}

// The subject digests an artifact's bytes are hashed with to find its subject.
const SUBJECT_HASHES = ['sha256', 'sha384', 'sha512'] as const;

/**
 * True when some subject names at least one digest Provenant can compute and
 * every such digest it names is this artifact's. npm's statements carry only
 * sha512, GitHub's and PyPI's sha256; a subject that names two must not match
 * on one while the other names a different file.
 */
export function statementHasSubjectBytes(statement: InTotoStatement, bytes: Uint8Array): boolean {
  const computed = new Map<string, string>();
  const digestOf = (algorithm: (typeof SUBJECT_HASHES)[number]) => {
    let hex = computed.get(algorithm);
    if (hex === undefined) {
      hex = coreCrypto.digest(algorithm, Buffer.from(bytes)).toString('hex');
      computed.set(algorithm, hex);
    }
    return hex;
  };
  return statement.subject.some((s) => {
    const named = SUBJECT_HASHES.filter((algorithm) => typeof s.digest[algorithm] === 'string');
    return named.length > 0 && named.every((algorithm) => s.digest[algorithm]!.toLowerCase() === digestOf(algorithm));
  });
}

import * as z from '../zod';
import { ecosystemSchema, type Identity } from '../report/model';

/**
 * An identity pin: what the user expects a package's releases to be built by.
 * Every field that is set must match; unset fields are not checked. Numeric
 * repository and owner ids survive renames and defeat look-alike take-overs
 * (a deleted account's name re-registered by someone else gets new ids).
 */
/**
 * Length limits on every field (issue 11, finding 5): a pin comes from an
 * import file as well as from the user, and each field is compared on every
 * judgement. The limits are generous for real values (GitHub names: 39 + 100
 * characters; an environment name: 255; numeric ids: 64-bit).
 */
export const PIN_LIMITS = {
  url: 1024,
  id: 20,
  workflowPath: 1024,
  refPattern: 256,
  environment: 255,
  email: 254,
  builder: 1024,
  createdAt: 64,
} as const;

/** How many pins one import from another tool's file may carry (PEP 751: one per package). */
export const MAX_IMPORTED_PINS = 10_000;

/** How many identities one pin may accept: enough for every trusted publisher a package has, small enough to show and compare. */
export const MAX_PIN_IDENTITIES = 16;

/**
 * One accepted identity. Every field that is set must match; unset fields
 * are not checked.
 */
export const pinIdentitySchema = z.object({
  repositoryUrl: z.optional(z.string().check(z.maxLength(PIN_LIMITS.url), z.url(), z.startsWith('https://'))),
  repositoryId: z.optional(z.string().check(z.maxLength(PIN_LIMITS.id), z.regex(/^\d+$/, 'repository id is a number'))),
  ownerId: z.optional(z.string().check(z.maxLength(PIN_LIMITS.id), z.regex(/^\d+$/, 'owner id is a number'))),
  workflowPath: z.optional(z.string().check(z.minLength(1), z.maxLength(PIN_LIMITS.workflowPath))),
  /** Glob over the git ref, `*` matching any run of characters, e.g. `refs/tags/v*`. */
  refPattern: z.optional(z.string().check(z.minLength(1), z.maxLength(PIN_LIMITS.refPattern))),
  environment: z.optional(z.string().check(z.minLength(1), z.maxLength(PIN_LIMITS.environment))),
  issuer: z.optional(z.string().check(z.maxLength(PIN_LIMITS.url), z.url())),
  /** The signing certificate's email SAN: what identifies a Google service-account publisher. */
  email: z.optional(z.string().check(z.maxLength(PIN_LIMITS.email), z.regex(/^[^@\s]+@[^@\s]+$/, 'an email address'))),
  /**
   * The builder the release must be built by (a known builder, e.g. the SLSA
   * generator's Node.js builder), as `<workflow URL>@<ref>` with `*` as in
   * refPattern: `…/builder_nodejs_slsa3.yml@refs/tags/v*`.
   */
  builder: z.optional(z.string().check(z.minLength(1), z.maxLength(PIN_LIMITS.builder), z.startsWith('https://'))),
}).check(
  z.refine((p) => p.repositoryUrl || p.repositoryId || p.workflowPath || p.issuer || p.email, {
    message: 'a pin must name at least a repository, a workflow, an issuer or a signer email',
  }),
);
export type PinIdentity = z.infer<typeof pinIdentitySchema>;

/**
 * A pin holds the identities the user accepts ("any of these"): a package
 * can have several trusted publishers (npm since 2026, PyPI since 2023), and
 * a release matches the pin if any one of them matches.
 */
export const pinSchema = z.object({
  ecosystem: ecosystemSchema,
  package: z.string().check(z.minLength(1), z.maxLength(214)),
  identities: z.array(pinIdentitySchema).check(z.minLength(1, 'a pin must accept at least one identity'), z.maxLength(MAX_PIN_IDENTITIES, `a pin accepts at most ${MAX_PIN_IDENTITIES} identities`)),
  source: z._default(z.enum(['manual', 'popup', 'first-use', 'import']), 'manual'),
  createdAt: z.string().check(z.maxLength(PIN_LIMITS.createdAt)),
});
export type Pin = z.infer<typeof pinSchema>;

/** The fields an identity is made of, in the order they are shown. */
export const PIN_IDENTITY_FIELDS = ['repositoryUrl', 'repositoryId', 'ownerId', 'workflowPath', 'refPattern', 'environment', 'issuer', 'email', 'builder'] as const;

/**
 * The pin shape stored and exported before pins held a set (stored pins v1,
 * pin files v1: one identity's fields beside the package), lifted into the
 * current shape without judging it: the result still has to pass pinSchema.
 * Anything else is returned as it is.
 */
export function liftLegacyPin(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.hasOwn(raw, 'identities')) return raw;
  const rest: Record<string, unknown> = {};
  const identity: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) ((PIN_IDENTITY_FIELDS as readonly string[]).includes(k) ? identity : rest)[k] = v;
  return { ...rest, identities: [identity] };
}

export const pinFileSchema = z.object({
  format: z.literal('provenant-pins'),
  version: z.literal(2),
  pins: z.array(pinSchema),
});

export interface PinDifference {
  field: 'repositoryUrl' | 'repositoryId' | 'ownerId' | 'workflowPath' | 'ref' | 'environment' | 'issuer' | 'email' | 'builder';
  expected: string;
  actual: string | undefined;
}

export function pinKey(ecosystem: string, pkg: string): string {
  return `${ecosystem}:${pkg}`;
}

/** Differences between one accepted identity and the verified one; empty means it matches. */
export function comparePin(pin: PinIdentity, identity: Identity): PinDifference[] {
  const diffs: PinDifference[] = [];
  const check = (field: PinDifference['field'], expected: string | undefined, actual: string | undefined, equal = (a: string, b: string) => a === b) => {
    if (expected === undefined) return;
    if (actual === undefined || !equal(expected, actual)) diffs.push({ field, expected, actual });
  };
  check('repositoryUrl', pin.repositoryUrl, identity.repositoryUrl, sameUrl);
  check('repositoryId', pin.repositoryId, identity.repositoryId);
  check('ownerId', pin.ownerId, identity.ownerId);
  check('workflowPath', pin.workflowPath, identity.workflowPath);
  check('ref', pin.refPattern, identity.ref, (pattern, ref) => globMatch(pattern, ref));
  check('environment', pin.environment, identity.environment);
  check('issuer', pin.issuer, identity.issuer);
  check('email', pin.email, identity.email);
  const builder = builderDifference(pin, identity);
  if (builder) diffs.push(builder);
  return diffs;
}

/**
 * A pin naming a builder holds only for a release built by a builder that
 * matches it (`*` as in refPattern); a release built by its own workflow has
 * no builder, so it does not match. Every other pin field is about the source.
 */
export function builderDifference(pin: Pick<PinIdentity, 'builder'>, identity: Pick<Identity, 'builder'>): PinDifference | undefined {
  if (pin.builder === undefined) return undefined;
  if (identity.builder !== undefined && globMatch(pin.builder, identity.builder)) return undefined;
  return { field: 'builder', expected: pin.builder, actual: identity.builder };
}

/** The pin fields a verified identity can fill: every one the pin supports. */
export type PinIdentityFields = PinIdentity;

/**
 * How a verified identity stands against a pin: `matched` is the index of
 * the first accepted identity that matches; without one, `closest` is the
 * accepted identity with the fewest differences, and those differences.
 */
export type PinMatch = { matched: number } | { matched?: undefined; closest: number; differences: PinDifference[] };

export function matchPin(pin: Pin, identity: Identity): PinMatch {
  let closest = 0;
  let differences: PinDifference[] | undefined;
  for (const [index, accepted] of pin.identities.entries()) {
    const diffs = comparePin(accepted, identity);
    if (diffs.length === 0) return { matched: index };
    if (!differences || diffs.length < differences.length) {
      closest = index;
      differences = diffs;
    }
  }
  return { closest, differences: differences ?? [] };
}

/**
 * The ref pattern a verified ref suggests. A release tag changes with every
 * release, so a tag becomes "any tag" (`refs/tags/*`: releases come from
 * tags, not from a branch push); a branch (or anything else) is kept exactly.
 */
export function refPatternFor(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('refs/tags/')) return 'refs/tags/*';
  // `*` is the pattern's wildcard; git refuses it in ref names, so a ref holding one is not a real ref.
  return ref.includes('*') ? undefined : ref;
}

export function pinFieldsFromIdentity(identity: Identity): PinIdentityFields {
  const fields: PinIdentityFields = {
    repositoryUrl: identity.repositoryUrl,
    repositoryId: identity.repositoryId,
    ownerId: identity.ownerId,
    workflowPath: identity.workflowPath,
    refPattern: refPatternFor(identity.ref),
    environment: identity.environment,
    issuer: identity.issuer,
    // A Google publisher has no repository or workflow: without its email the pin would check the issuer alone.
    email: identity.email,
    // A release built by a known builder (lib/identity/known-builders.ts) pins that builder at its exact ref.
    builder: identity.builder,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as PinIdentityFields;
}

/** A pin capturing what was verified, for "Pin this identity" and first use. */
export function pinFromIdentity(ecosystem: Pin['ecosystem'], pkg: string, identity: Identity, source: Pin['source'], now = new Date()): Pin {
  return pinSchema.parse({
    ecosystem,
    package: pkg,
    identities: [pinFieldsFromIdentity(identity)],
    source,
    createdAt: now.toISOString(),
  });
}

// GitHub and GitLab repository URLs are case-insensitive in their path.
function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/** Counts the matcher's steps, for tests of its complexity. */
export interface StepMeter {
  steps: number;
}

/**
 * `*` matches any run of characters, everything else itself. Greedy
 * two-pointer matching: on a mismatch it retries only from the last `*`,
 * one character further, so it takes at most (pattern + 1) × (value + 1)
 * steps — no backtracking regex, whose time grows exponentially with the
 * number of stars (issue 11, finding 5: an imported 16-star pattern blocked
 * the worker for 32 s).
 */
export function globMatch(pattern: string, value: string, meter?: StepMeter): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (meter) meter.steps++;
    if (p < pattern.length && pattern[p] === '*') {
      // Let the star match nothing first; remember where to grow it from.
      star = p++;
      resume = v;
    } else if (p < pattern.length && pattern[p] === value[v]) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

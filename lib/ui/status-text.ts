import type { BadgeStatus } from '../policy/verdict';
import type { ArtifactStatus } from '../report/model';

/**
 * Every word and sentence Provenant shows for a status, in one place, so the
 * badge, the popup, the options page and the tests say the same thing.
 * Each state has words (and an icon: components/StatusIcon.tsx), never colour alone.
 */
export type Tone = 'good' | 'caution' | 'bad' | 'neutral';

/**
 * Two or three words per state: what the badge says. Kept apart from the
 * sentences so the content script, which runs on every registry page, does
 * not carry them.
 */
export const STATUS_WORDS: Record<BadgeStatus, string> = {
  pending: 'Checking provenance',
  verified: 'Provenance verified',
  partial: 'Partly verified',
  absent: 'No provenance',
  unsupported: 'Cannot check publisher',
  failed: 'Verification FAILED',
  mismatch: 'Not the pinned identity',
  error: 'Could not check',
};

export const STATUS_TONE: Record<BadgeStatus, Tone> = {
  pending: 'neutral',
  verified: 'good',
  partial: 'caution',
  absent: 'neutral',
  unsupported: 'neutral',
  failed: 'bad',
  mismatch: 'bad',
  error: 'caution',
};

/** What each state means, for a person who has never heard of attestations. */
export const STATUS_SENTENCES: Record<BadgeStatus, string> = {
  pending: 'Provenant is fetching this release\u2019s attestations and checking them.',
  verified: 'Every file of this release has a valid signed attestation that ties it to the build that published it.',
  partial: 'Some files of this release have verified provenance; the others have none. No file failed.',
  absent: 'The registry has no attestations for this version, so there is nothing to check. Many packages do not publish them yet.',
  unsupported: 'The attestations are cryptographically valid, but they come from a publisher Provenant cannot check, so it does not vouch for them.',
  failed: 'An attestation did not check out: it was altered, does not match the file, or was not issued to the publisher the registry names. Be careful with this release.',
  mismatch: 'The provenance is valid, but this release was built by a different identity than the one you pinned. It may have been published by someone else.',
  error: 'Provenant could not finish checking (the registry did not answer or answered something unexpected). It will try again.',
};

/** What each history alert (lib/history/alerts.ts) says on the badge. */
export const ALERT_WORDS: Record<string, string> = {
  'provenance-lost': 'Earlier versions had provenance',
  'publisher-changed': 'Publisher changed',
  'self-hosted-runner': 'Self-hosted runner',
  'registry-disagrees': 'Registry disagrees',
};

export const ARTIFACT_STATUS_WORDS: Record<ArtifactStatus, string> = {
  verified: 'Verified',
  failed: 'FAILED',
  absent: 'No provenance',
  unsupported: 'Cannot check',
  error: 'Could not check',
};

const PIN_FIELD_LABELS = {
  repositoryUrl: 'Repository',
  repositoryId: 'Repository id',
  ownerId: 'Owner id',
  workflowPath: 'Workflow',
  ref: 'Ref',
  environment: 'Environment',
  issuer: 'Issuer',
  email: 'Signer email',
  builder: 'Builder',
} as const;

export type PinField = keyof typeof PIN_FIELD_LABELS;

export function pinFieldLabel(field: PinField): string {
  return PIN_FIELD_LABELS[field];
}

/** Short names for the attestation kinds Provenant knows (predicate types). */
const PREDICATE_LABELS: Record<string, string> = {
  'https://slsa.dev/provenance/v1': 'SLSA provenance v1',
  'https://slsa.dev/provenance/v0.2': 'SLSA provenance v0.2',
  'https://docs.pypi.org/attestations/publish/v1': 'PyPI publish attestation',
  'https://github.com/npm/attestation/tree/main/specs/publish/v0.1': 'npm publish attestation',
  // No predicate: a RubyGems attestation signs the .gem file itself (lib/registries/rubygems/verify-attestation.ts).
  'sigstore-message-signature': 'Sigstore signature of the .gem',
};

export function predicateLabel(predicateType: string): string {
  return PREDICATE_LABELS[predicateType] ?? predicateType;
}

const PUBLISHER_LABELS = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI/CD',
  google: 'Google Cloud service account',
  'npm-registry': 'npm registry',
  other: 'Other',
} as const;

export function publisherLabel(kind: keyof typeof PUBLISHER_LABELS): string {
  return PUBLISHER_LABELS[kind];
}

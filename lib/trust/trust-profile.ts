import { loadTrustedRoot, type TrustContext } from '../verify/trust-root';
import { TARGET_PATHS } from './tuf-update';

/**
 * What differs between the TUF repositories Provenant keeps current: which
 * targets it needs from one (result key → target path) and how those texts
 * become trust material. TrustService runs the same schedule, storage and
 * update flow for each profile.
 */
export interface TrustProfile {
  /** TrustContext.name of the material it yields. */
  readonly name: string;
  /** Who publishes the repository, for the sentence "Refresh now" answers with (default: Sigstore). */
  readonly publisher?: string;
  readonly targetPaths: Readonly<Record<string, string>>;
  /** Throws when the texts cannot be loaded (the service then keeps what it had). */
  load(targets: Readonly<Record<string, string>>): TrustContext;
}

/** Sigstore's public-good repository: the trusted root and npm's attestation keys. */
export const PUBLIC_GOOD_PROFILE: TrustProfile = {
  name: 'public-good',
  targetPaths: TARGET_PATHS,
  load: (targets) => loadTrustedRoot(targets.trustedRoot, { name: 'public-good', npmKeys: JSON.parse(targets.npmKeys ?? '') }),
};

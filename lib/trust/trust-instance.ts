import * as z from '../zod';

/**
 * Which Sigstore instance's trust material a message is about: Sigstore's
 * public-good instance (the default, and all that older callers mean), or
 * GitHub's own (lib/trust/github-trust.ts). Data only, so the options page
 * can import it without the TUF code.
 */
export const trustInstanceSchema = z.enum(['public-good', 'github']);
export type TrustInstance = z.infer<typeof trustInstanceSchema>;

/**
 * GitHub's TUF repository as a host permission. It is an optional host,
 * granted with the registries attested on GitHub (their `adapterHosts`):
 * GitHub's trust material is in use, and can be refreshed, only while one of
 * them is on.
 */
export const GITHUB_TUF_HOST_PATTERN = 'https://tuf-repo.github.com/*';

/** What a registry switch says, as far as this needs it (lib/background/optional-registries.ts). */
interface RegistrySwitchState {
  label: string;
  origins: readonly string[];
  on: boolean;
}

/** Whether a registry that is on holds the grant of GitHub's TUF repository. */
export const githubTrustInUse = (states: readonly RegistrySwitchState[]): boolean => states.some((s) => s.on && s.origins.includes(GITHUB_TUF_HOST_PATTERN));

/** The registries whose switch would grant it, for the refusal's sentence ("GitHub releases or Homebrew"). */
export const githubTrustRegistries = (states: readonly RegistrySwitchState[]): string[] => states.filter((s) => s.origins.includes(GITHUB_TUF_HOST_PATTERN)).map((s) => s.label);

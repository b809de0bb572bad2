import { parseGithubWorkflowUri } from './workflow-uri';

/**
 * Builders: reusable workflows that build a release FOR another repository.
 * Such a release has two identities: the builder (a workflow in the
 * builder's repository, at its ref, which signed or had a workflow of its own
 * release sign: Fulcio's SAN / Build Signer URI) and the source (Source
 * Repository URI, Build Config URI, Source Repository Digest, trigger, all in
 * the certificate). Provenant shows a
 * release as built by a builder only for the builders listed here; any other
 * builder is `unsupported`, because what a builder's name promises (an
 * isolated build that the caller cannot tamper with) is a property of that
 * builder's code, which Provenant can vouch for only by name.
 *
 * The SLSA GitHub generator's Node.js builder is a "bring your own builder"
 * (BYOB) workflow: it does not sign itself but calls the generator's
 * delegator, which signs. So the certificate's SAN is the delegator, and the
 * predicate's builder id is the Node.js builder, written by the delegator from
 * the OIDC identity of the workflow that called it
 * (slsa-framework/slsa-github-generator, internal/builders/delegator; the same
 * split slsa-verifier applies: the delegator is the trusted signer, the
 * builder id is what it vouches for).
 */

const GENERATOR = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows';

export interface KnownBuilder {
  /** `https://github.com/<owner>/<repo>/<workflow path>`, no ref. */
  workflow: string;
  /** How a person calls it. */
  label: string;
  /** The workflows (no ref) allowed to sign for it: the certificate's SAN. */
  signers: readonly string[];
  /** Why it is on the list. */
  why: string;
}

export const KNOWN_BUILDERS: readonly KnownBuilder[] = [
  {
    workflow: `${GENERATOR}/builder_nodejs_slsa3.yml`,
    label: 'SLSA Node.js builder',
    signers: [`${GENERATOR}/delegator_lowperms-generic_slsa3.yml`, `${GENERATOR}/delegator_generic_slsa3.yml`],
    why:
      'The SLSA GitHub generator\u2019s builder for npm packages (SLSA Build L3): it builds and publishes in jobs the calling workflow cannot reach, ' +
      'and its provenance is signed by the generator\u2019s delegator. It is the one generator builder that publishes to npm; the generic, Go and ' +
      'container generators write provenance for other artifacts and are not accepted as npm builders.',
  },
];

/**
 * Only a release tag `refs/tags/vX.Y.Z` is accepted as a builder's ref, for
 * the signer and the builder alike. A branch names whatever was last pushed to
 * it, so "built by the builder at refs/heads/main" pins no code at all: the
 * same words would cover next week's commit. The generator's releases are
 * vX.Y.Z tags, the generator refuses to run from anything else (it fetches its
 * own release binaries by tag), and slsa-verifier accepts only these outside
 * the generator's own end-to-end tests. Pre-releases and build metadata are
 * refused as slsa-verifier refuses them.
 */
const RELEASE_TAG = /^refs\/tags\/v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

export type BuilderErrorCode = 'BUILDER_UNKNOWN' | 'BUILDER_REF_UNPINNED';

export type BuilderDecision =
  | { accepted: true; builder: string; label: string; version: string }
  | { accepted: false; code: BuilderErrorCode; detail: string };

/** `https://github.com/<owner>/<repo>/<path>@<ref>` as workflow URL and ref (workflow-uri.ts's split). */
export function splitWorkflowRef(uri: string): { workflow: string; ref: string } | undefined {
  const w = parseGithubWorkflowUri(uri);
  return w ? { workflow: `https://github.com/${w.repository}/${w.path}`, ref: w.ref } : undefined;
}

/**
 * Whether `builderId` (the predicate's builder, at its ref) is a known builder
 * that `signerUri` (the certificate's SAN, at its ref) may sign for. Both must
 * be at the same release tag: the generator releases its builders and its
 * delegators together, so a builder of one release signed through the
 * delegator of another is not a pair anyone released.
 */
export function decideBuilder(signerUri: string | undefined, builderId: string): BuilderDecision {
  const builder = splitWorkflowRef(builderId);
  const known = builder ? KNOWN_BUILDERS.find((k) => k.workflow === builder.workflow) : undefined;
  if (!builder || !known) {
    return { accepted: false, code: 'BUILDER_UNKNOWN', detail: `built by ${JSON.stringify(builderId.slice(0, 300))}, which is not a builder Provenant knows` };
  }
  const signer = signerUri ? splitWorkflowRef(signerUri) : undefined;
  if (!signer || !known.signers.includes(signer.workflow)) {
    return {
      accepted: false,
      code: 'BUILDER_UNKNOWN',
      detail: `${known.label} provenance signed by ${JSON.stringify((signerUri ?? '').slice(0, 300))}, which does not sign for it`,
    };
  }
  for (const [who, ref] of [['builder', builder.ref], ['signer', signer.ref]] as const) {
    if (!RELEASE_TAG.test(ref)) {
      return { accepted: false, code: 'BUILDER_REF_UNPINNED', detail: `the ${who} runs at ${JSON.stringify(ref.slice(0, 200))}, not at a release tag vX.Y.Z` };
    }
  }
  if (builder.ref !== signer.ref) {
    return { accepted: false, code: 'BUILDER_UNKNOWN', detail: `the builder at ${builder.ref} was signed through the delegator at ${signer.ref}, not a released pair` };
  }
  return { accepted: true, builder: builderId, label: known.label, version: builder.ref.slice('refs/tags/'.length) };
}

/** "SLSA Node.js builder v1.6.0" for a known builder id, else undefined. */
export function builderLabel(builderId: string | undefined): string | undefined {
  const builder = builderId ? splitWorkflowRef(builderId) : undefined;
  const known = builder ? KNOWN_BUILDERS.find((k) => k.workflow === builder.workflow) : undefined;
  if (!builder || !known) return undefined;
  return RELEASE_TAG.test(builder.ref) ? `${known.label} ${builder.ref.slice('refs/tags/'.length)}` : known.label;
}

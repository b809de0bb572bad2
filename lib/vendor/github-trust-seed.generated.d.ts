// github-trust-seed.generated.js is written by scripts/github-trust-seed.mjs (not committed).

/** TUF `root.json` of https://tuf-repo.github.com (GitHub's own Sigstore instance), as JSON text. */
export declare const TUF_ROOT_JSON: string;

/** GitHub's `trusted_root.json` (Fulcio CAs and timestamp authorities, no transparency log), as JSON text. */
export declare const TRUSTED_ROOT_JSON: string;

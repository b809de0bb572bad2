// trust-seed.generated.js is written by scripts/vendor-sigstore.mjs (not committed).

/** `trusted_root.json` from @sigstore/tuf's seed for the public-good mirror, as JSON text. */
export declare const TRUSTED_ROOT_JSON: string;

/** `registry.npmjs.org/keys.json` from the same seed, as JSON text. */
export declare const NPM_KEYS_JSON: string;

/** The seed's TUF `root.json` (the trust anchor for refreshing both targets), as JSON text. */
export declare const TUF_ROOT_JSON: string;

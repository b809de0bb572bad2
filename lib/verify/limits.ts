/**
 * Upper bounds on untrusted input. Real Sigstore bundles are 5–15 KB; PyPI
 * provenance objects with several bundles stay well under 1 MB. Anything far
 * beyond is refused before parsing so a hostile registry response cannot make
 * the worker spend its time budget or memory on it.
 */
export const MAX_BUNDLE_BYTES = 512 * 1024;
export const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
export const MAX_STATEMENT_BYTES = 256 * 1024;

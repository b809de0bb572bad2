// Injected by scripts/vendor-sigstore.mjs: every free `Buffer` (and
// `globalThis.Buffer`) in sigstore-js resolves to this export, so Node and the
// browser run the same Buffer code.
export { Buffer } from './buffer';

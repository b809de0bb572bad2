// Types of the generated bundle are those of its entry module.
export * from './sigstore-entry';

// snappyjs 0.7 ships no types; only the two functions Provenant calls (block format).
declare module 'snappyjs' {
  /** Throws when the stream is invalid or declares more than `maxLength` bytes. */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  export function compress(uncompressed: Uint8Array): Uint8Array;
}

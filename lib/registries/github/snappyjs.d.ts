// snappyjs 0.7 ships no types; only what Provenant calls (block format): the decoder in the worker, compress in tests.
declare module 'snappyjs' {
  /** Throws when the stream is invalid or declares more than `maxLength` bytes. */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  export function compress(uncompressed: Uint8Array): Uint8Array;
}
declare module 'snappyjs/snappy_decompressor.js' {
  export class SnappyDecompressor {
    constructor(compressed: Uint8Array);
    /** The declared uncompressed length, or -1 when the varint is unreadable (read as a signed 32-bit int). */
    readUncompressedLength(): number;
    /** False when the stream is invalid or overruns `out`. */
    uncompressToBuffer(out: Uint8Array): boolean;
  }
}

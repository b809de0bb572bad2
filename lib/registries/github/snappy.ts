// The decoder alone: snappyjs's index also bundles its compressor, which the worker never runs.
import { SnappyDecompressor } from 'snappyjs/snappy_decompressor.js';
import { MAX_BUNDLE_BYTES } from '../../verify/limits';
import { githubError } from './errors';

/**
 * A `bundle_url` body is the bundle's JSON in snappy's block format (gh
 * decodes it with klauspost/compress/snappy `Decode`; tests/fixtures/github/NOTES.md).
 * The declared length is read first and one over `maxBytes` refused before
 * allocating, so a hostile body cannot claim gigabytes; the text must then be
 * UTF-8 (the pipeline parses it as a bundle and verifies it).
 */
export function decodeSnappyBundle(compressed: Uint8Array, maxBytes = MAX_BUNDLE_BYTES): string {
  let bytes: Uint8Array;
  try {
    bytes = uncompress(compressed, maxBytes);
  } catch (e) {
    throw githubError('BUNDLE_UNREADABLE', `snappy: ${(e as Error).message.slice(0, 200)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw githubError('BUNDLE_UNREADABLE', 'the decompressed bundle is not UTF-8');
  }
}

/** Snappy's block format: a varint length, then the stream; refused when the length is unreadable or over `maxBytes`, or the stream is invalid. */
function uncompress(compressed: Uint8Array, maxBytes: number): Uint8Array {
  const decoder = new SnappyDecompressor(compressed);
  const length = decoder.readUncompressedLength();
  // The varint is read into a 32-bit int: a declared length of 2 GiB or more comes back negative.
  if (length < 0) throw new Error('invalid length header');
  if (length > maxBytes) throw new Error(`declares ${length} bytes, more than ${maxBytes}`);
  const out = new Uint8Array(length);
  if (!decoder.uncompressToBuffer(out)) throw new Error('invalid stream');
  return out;
}

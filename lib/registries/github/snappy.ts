import { uncompress } from 'snappyjs';
import { MAX_BUNDLE_BYTES } from '../../verify/limits';
import { githubError } from './errors';

/**
 * A `bundle_url` body is the bundle's JSON in snappy's block format (gh
 * decodes it with klauspost/compress/snappy `Decode`; tests/fixtures/github/NOTES.md).
 * snappyjs reads the declared length first and refuses one over `maxBytes`
 * before allocating, so a hostile body cannot claim gigabytes; the text must
 * then be UTF-8 (the pipeline parses it as a bundle and verifies it).
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

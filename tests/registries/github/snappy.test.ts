import { describe, expect, it } from 'vitest';
import { compress } from 'snappyjs';
import { decodeSnappyBundle } from '../../../lib/registries/github/snappy';
import { ProvenantError } from '../../../lib/errors/provenant-error';
import { CLI, bundleText } from './github-fixtures';

// The bundle is real (gh's fixture); its snappy encoding is made here, as gh's own test mock does.
describe('decodeSnappyBundle', () => {
  it('gives back the bundle text byte for byte', () => {
    for (const name of ['github_release_bundle.json', 'sigstore-js-2.1.0-bundle.json', 'reusable-workflow-attestation.sigstore.json']) {
      const text = bundleText(CLI, name);
      const encoded = compress(new TextEncoder().encode(text));
      expect(encoded.length).toBeLessThan(text.length);
      expect(decodeSnappyBundle(encoded)).toBe(text);
    }
  });

  it('refuses a body declaring more than the limit before allocating it', () => {
    // Varint length header 0xffffffff (4 GiB), then one literal byte.
    const hostile = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x41);
    expect(() => decodeSnappyBundle(hostile)).toThrow(ProvenantError);
    // 2 GiB exactly: the decoder reads it as a negative 32-bit length.
    expect(() => decodeSnappyBundle(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x41))).toThrow(/BUNDLE_UNREADABLE/);
    const text = bundleText(CLI, 'github_release_bundle.json');
    expect(() => decodeSnappyBundle(compress(new TextEncoder().encode(text)), text.length - 1)).toThrow(/BUNDLE_UNREADABLE/);
  });

  it('refuses bytes that are not a snappy stream, and a stream that is not UTF-8', () => {
    const plain = new TextEncoder().encode(bundleText(CLI, 'github_release_bundle.json'));
    expect(() => decodeSnappyBundle(plain)).toThrow(/BUNDLE_UNREADABLE/);
    expect(() => decodeSnappyBundle(compress(Uint8Array.of(0xc3, 0x28)))).toThrow(/not UTF-8/);
  });
});

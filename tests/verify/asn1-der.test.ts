/**
 * scripts/vendor-sigstore.mjs replaces sigstore-js's ASN1Obj.toDER with a
 * one-buffer writer. It must give the same bytes as the original: compared
 * here with the unpatched @sigstore/core from node_modules (on Node's Buffer)
 * for every certificate in the fixtures, on the whole certificate, its
 * TBSCertificate, its public key and each extension, and on one-byte variants.
 */
import { describe, expect, it } from 'vitest';
import { X509Certificate as Original } from '@sigstore/core';
import { Buffer as VendorBuffer, X509Certificate as Patched } from '../../lib/vendor/sigstore.generated.js';
import { fixtureBundles } from '../support/differential-corpus';
import { fixturePath } from '../support/fixtures';
import { readFileSync, readdirSync } from 'node:fs';

function certificates(): Buffer[] {
  const found = new Set<string>();
  for (const { bundle } of fixtureBundles()) {
    const vm = bundle.verificationMaterial ?? {};
    if (vm.certificate?.rawBytes) found.add(vm.certificate.rawBytes);
    for (const c of vm.x509CertificateChain?.certificates ?? []) found.add(c.rawBytes);
  }
  for (const dir of ['trusted-roots/public-good', 'trusted-roots/staging', 'trusted-roots/github']) {
    for (const f of readdirSync(fixturePath(dir)).filter((n) => n.startsWith('trusted_root'))) {
      const root = JSON.parse(readFileSync(fixturePath(dir, f), 'utf8'));
      for (const ca of [...(root.certificateAuthorities ?? []), ...(root.timestampAuthorities ?? [])]) {
        for (const c of ca.certChain?.certificates ?? []) found.add(c.rawBytes);
      }
    }
  }
  return [...found].map((b64) => Buffer.from(b64, 'base64'));
}

/** Variants: a byte changed at several places (what parses must re-encode alike; what does not must fail alike). */
function variants(der: Buffer): Buffer[] {
  return [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => {
    const copy = Buffer.from(der);
    copy[Math.floor(der.length * f)]! ^= 0x01;
    return copy;
  });
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function encodings(parse: (der: Buffer) => any, der: Buffer): string[] {
  let cert: any;
  try {
    cert = parse(der);
  } catch (e) {
    return [`throws ${(e as Error).message}`];
  }
  return [
    hex(cert.root.toDER()),
    hex(cert.tbsCertificate.toDER()),
    hex(cert.publicKey),
    ...cert.extensions.map((e: any) => hex(e.root?.toDER?.() ?? new Uint8Array())),
  ];
}

describe('the patched ASN1Obj.toDER', () => {
  const certs = certificates();

  it('has certificates to compare', () => {
    expect(certs.length).toBeGreaterThan(15);
  });

  it('gives the unpatched bytes for every fixture certificate and one-byte variants of each', () => {
    let compared = 0;
    for (const der of certs) {
      for (const input of [der, ...variants(der)]) {
        const original = encodings((d) => Original.parse(d as Buffer<ArrayBuffer>), input);
        const patched = encodings((d) => Patched.parse(VendorBuffer.from(d)), input);
        expect(patched).toEqual(original);
        compared += original.length;
      }
      // Real certificates are DER already: the re-encoding is the input.
      expect(hex(Patched.parse(VendorBuffer.from(der)).root.toDER())).toBe(hex(der));
    }
    expect(compared).toBeGreaterThan(100);
  });
});

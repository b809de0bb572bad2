import { describe, expect, it } from 'vitest';
import { checkNpmSubject, checkPublishPredicate, type ExpectedSubject } from '../../lib/registries/npm/subject';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { parseInTotoStatement, type InTotoStatement } from '../../lib/verify/statement';
import { verifyBundle } from '../../lib/verify/verify-bundle';
import { PUBLISH_V01, attestationsResponse, rawFixture } from './npm-fixtures';
import { codeOf } from '../support/verify-outcome';


/** The statement of an npm-cli libnpmpublish fixture, decoded but not verified (they were never logged). */
function libnpmpublishStatement(file: string): InTotoStatement {
  const bundle = JSON.parse(rawFixture('npm-attestations/npm-cli', file));
  return parseInTotoStatement(Buffer.from(bundle.dsseEnvelope.payload, 'base64'), bundle.dsseEnvelope.payloadType);
}

describe('subject binding on real statements', () => {
  const response = () => attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');
  const verified = (predicateType: string) => verifyBundle(response().attestations.find((a) => a.predicateType.startsWith(predicateType))!.bundle, { trust: publicGoodTrust() }).statement!;
  const sigstore: ExpectedSubject = {
    purl: 'pkg:npm/sigstore@1.0.0',
    sha512Hex: '7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36',
  };

  it('accepts the statement of sigstore@1.0.0 for sigstore@1.0.0 (hex compared case-insensitively)', () => {
    const st = verified('https://slsa.dev');
    expect(codeOf(() => checkNpmSubject(st, sigstore))).toBe('NO_ERROR');
    expect(codeOf(() => checkNpmSubject(st, { ...sigstore, sha512Hex: sigstore.sha512Hex.toUpperCase() }))).toBe('NO_ERROR');
  });

  it.each([
    ['another version', { purl: 'pkg:npm/sigstore@1.0.1' }],
    ['another package', { purl: 'pkg:npm/tuf-js@1.0.0' }],
    ['the scope spelled with a literal @', { purl: 'pkg:npm/@sigstore/sigstore@1.0.0' }],
    ['another tarball', { sha512Hex: '0'.repeat(128) }],
    ['a truncated digest', { sha512Hex: sigstore.sha512Hex.slice(0, 64) }],
  ])('refuses it for %s', (_, change) => {
    expect(codeOf(() => checkNpmSubject(verified('https://slsa.dev'), { ...sigstore, ...change }))).toBe('SUBJECT_MISMATCH');
  });

  it('refuses zero, two, nameless or sha512-less subjects', () => {
    const st = verified('https://slsa.dev');
    const only = st.subject[0]!;
    expect(codeOf(() => checkNpmSubject({ ...st, subject: [] }, sigstore))).toBe('SUBJECT_MISMATCH');
    expect(codeOf(() => checkNpmSubject({ ...st, subject: [only, only] }, sigstore))).toBe('SUBJECT_MISMATCH');
    expect(codeOf(() => checkNpmSubject({ ...st, subject: [{ digest: only.digest }] }, sigstore))).toBe('SUBJECT_MISMATCH');
    expect(codeOf(() => checkNpmSubject({ ...st, subject: [{ name: only.name!, digest: { sha256: 'ab' } }] }, sigstore))).toBe('SUBJECT_MISMATCH');
  });

  describe("npm-cli's broken libnpmpublish bundles, at the binding step", () => {
    const libnpmpublish: ExpectedSubject = {
      purl: 'pkg:npm/%40npmcli/libnpmpublish-test@1.0.0',
      sha512Hex: 'f0936ce82be947cd58f11f8d80701650fbf92445aee1bd7e99f4de46587f14ad239a1b23ca4c09cd71cf0930f060e9572e98c3372d2c9f8cf4f76a9234fe2df7',
    };
    it('digest-mismatch → SUBJECT_MISMATCH (digest)', () => {
      const st = libnpmpublishStatement('digest-mismatch-provenance-bundle.json');
      expect(() => checkNpmSubject(st, libnpmpublish)).toThrow(/not the registry's dist\.integrity/);
    });
    it('multi-subject → SUBJECT_MISMATCH (2 subjects), even though its first subject is exactly this package', () => {
      const st = libnpmpublishStatement('multi-subject-provenance-bundle.json');
      expect(st.subject[0]).toEqual({ name: libnpmpublish.purl, digest: { sha512: libnpmpublish.sha512Hex } });
      expect(() => checkNpmSubject(st, libnpmpublish)).toThrow(/2 subjects/);
    });
    it('no-provenance-subject (subject: null) → STATEMENT_INVALID, already when the statement is parsed', () => {
      expect(codeOf(() => libnpmpublishStatement('no-provenance-subject-bundle.json'))).toBe('STATEMENT_INVALID');
    });
  });

  describe('publish attestation predicate', () => {
    it('names sigstore@1.0.0 on registry.npmjs.org', () => {
      const st = verified(PUBLISH_V01);
      expect(st.predicate).toEqual({ name: 'sigstore', version: '1.0.0', registry: 'https://registry.npmjs.org' });
      expect(codeOf(() => checkPublishPredicate(st, 'sigstore', '1.0.0'))).toBe('NO_ERROR');
    });
    it.each([
      ['another name', 'tuf-js', '1.0.0', undefined],
      ['another version', 'sigstore', '1.0.1', undefined],
      ['another registry', 'sigstore', '1.0.0', { name: 'sigstore', version: '1.0.0', registry: 'https://registry.example.com' }],
      ['no predicate', 'sigstore', '1.0.0', null],
      ['a predicate without version', 'sigstore', '1.0.0', { name: 'sigstore' }],
    ])('refuses %s', (_, name, version, predicate) => {
      const st = verified(PUBLISH_V01);
      const statement = predicate === undefined ? st : { ...st, predicate };
      expect(codeOf(() => checkPublishPredicate(statement, name, version))).toBe('SUBJECT_MISMATCH');
    });
  });
});

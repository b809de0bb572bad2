/**
 * Issue 11, finding 8: adapters never throw. Real recorded responses (the
 * pypi_attestations 0.0.19 Integrity API answer, sigstore@1.0.0's npm
 * attestations) with parts wrapped in thousands of nested arrays and objects:
 * every call ends in a report with a code and a sentence, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { verifyNpmRelease } from '../../lib/registries/npm';
import { integrityUrl, jsonApiUrl, verifyPypiRelease } from '../../lib/registries/pypi';
import { releaseReportSchema, type ReleaseReport } from '../../lib/report/model';
import { publicGoodTrust } from '../../lib/verify/embedded-trust';
import { FakeRegistry, advertise, attestationsResponse, packument } from './npm-fixtures';
import { dist, fakePypi, jsonApiRelease, readJSON } from './pypi-fixtures';

const NOW = new Date('2026-11-29T12:00:00Z');
const DEPTH = 20_000;

/** `value` inside `depth` arrays, or objects, alternately if asked. */
function nest(value: unknown, depth: number, how: 'array' | 'object' | 'mixed'): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = how === 'array' || (how === 'mixed' && i % 2 === 0) ? [v] : { a: v };
  return v;
}

/** JSON text of a deep value without JSON.stringify (which itself overflows the stack on it). */
function deepJson(prefixDepth: number, inner: string, how: 'array' | 'object'): string {
  return how === 'array' ? `${'['.repeat(prefixDepth)}${inner}${']'.repeat(prefixDepth)}` : `${'{"a":'.repeat(prefixDepth)}${inner}${'}'.repeat(prefixDepth)}`;
}

function expectReasoned(report: ReleaseReport) {
  expect(releaseReportSchema.parse(report)).toEqual(report);
  expect(['failed', 'error']).toContain(report.status);
  const coded = report.code ? report : report.artifacts.find((a) => a.status === report.status)!;
  expect(coded.code).toMatch(/^[A-Z_]+$/);
  expect(coded.message).toMatch(/^[A-Z].{10,}[.)]$/);
}

const SDIST = 'pypi_attestations-0.0.19.tar.gz';
const realProvenance = () => readJSON(`pypi-provenance/${SDIST}.provenance`);

async function pypi(body: string | unknown): Promise<ReleaseReport> {
  const file = dist(SDIST);
  const fake = fakePypi({
    [jsonApiUrl('pypi-attestations', '0.0.19')]: { status: 200, body: jsonApiRelease('pypi-attestations', '0.0.19', [file]) },
    [integrityUrl('pypi-attestations', '0.0.19', SDIST)]: { status: 200, body: body as never },
  });
  return verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: fake.client, trust: publicGoodTrust(), now: NOW });
}

describe('PyPI adapter on deeply nested Integrity API responses', () => {
  it.each(['array', 'object', 'mixed'] as const)('an attestation field wrapped in %s nesting', async (how) => {
    const provenance = realProvenance();
    const attestation = provenance.attestation_bundles[0].attestations[0];
    attestation.verification_material = nest(attestation.verification_material, DEPTH, how);
    // Serialised by hand: JSON.stringify itself overflows on it.
    expectReasoned(await pypi(serialise(provenance)));
  });

  it('the whole attestation wrapped in nested arrays', async () => {
    const provenance = realProvenance();
    const inner = JSON.stringify(provenance.attestation_bundles[0].attestations[0]);
    const text = JSON.stringify({ ...provenance, attestation_bundles: [{ ...provenance.attestation_bundles[0], attestations: ['__DEEP__'] }] }).replace('"__DEEP__"', deepJson(DEPTH, inner, 'array'));
    expectReasoned(await pypi(text));
  });

  it.each(['array', 'object', 'mixed'] as const)('a value inside a transparency-log entry (copied into the bundle as is) wrapped in %s nesting', async (how) => {
    const provenance = realProvenance();
    const entry = provenance.attestation_bundles[0].attestations[0].verification_material.transparency_entries[0];
    entry.inclusionProof = nest(entry.inclusionProof, DEPTH, how);
    const report = await pypi(serialise(provenance));
    expectReasoned(report);
    expect(report.artifacts[0]).toMatchObject({ status: 'error', code: 'MALFORMED_RESPONSE' });
    expect(report.artifacts[0]!.detail).toContain('nested deeper than 64 levels');
  });

  it('a deep value beside the real data: the response is refused as a whole, with a reason', async () => {
    const provenance = realProvenance();
    const text = JSON.stringify({ ...provenance, extra: '__DEEP__' }).replace('"__DEEP__"', deepJson(DEPTH, '1', 'object'));
    expectReasoned(await pypi(text));
  });

  it('an exception no step expects is an error report with a code and a sentence, not a rejection', async () => {
    // A client that breaks when used: an internal fault, not a registry answer.
    const broken = { get fetchImpl(): never { throw new TypeError('client torn down'); }, sleep: async () => {}, policy: undefined } as never;
    const report = await verifyPypiRelease({ name: 'pypi-attestations', version: '0.0.19' }, { client: broken, trust: publicGoodTrust(), now: NOW });
    expectReasoned(report);
    expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR', package: 'pypi-attestations', version: '0.0.19' });
    expect(report.detail).toContain('TypeError');
    // And when even the request cannot be read.
    expectReasoned(await verifyPypiRelease({ name: 42, version: '1' } as never, { client: broken, trust: publicGoodTrust(), now: NOW }));
  });
});

describe('npm adapter on deeply nested attestation responses', () => {
  it('an exception no step expects is an error report with a code and a sentence, not a rejection', async () => {
    const broken = { get fetchImpl(): never { throw new TypeError('client torn down'); }, sleep: async () => {}, policy: undefined } as never;
    const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: broken, trust: publicGoodTrust(), now: NOW });
    expectReasoned(report);
    expect(report).toMatchObject({ status: 'error', code: 'INTERNAL_ERROR' });
  });

  it.each(['array', 'object', 'mixed'] as const)('a bundle field wrapped in %s nesting', async (how) => {
    const response = attestationsResponse('npm-attestations/npm-cli/valid-sigstore-attestations.json');
    const first = response.attestations[0]!;
    first.bundle.verificationMaterial = nest(first.bundle.verificationMaterial, DEPTH, how);
    const registry = new FakeRegistry().packument(advertise(packument('sigstore'), '1.0.0')).attestations('sigstore', '1.0.0', serialise(response));
    const report = await verifyNpmRelease({ name: 'sigstore', version: '1.0.0' }, { client: registry.client({}), trust: publicGoodTrust(), now: NOW });
    expectReasoned(report);
  });
});

class Member {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {}
}
const CLOSE_ARRAY = Symbol('close-array');
const CLOSE_OBJECT = Symbol('close-object');
const COMMA = Symbol('comma');

/** JSON.stringify that survives any depth (an explicit stack), for building the inputs. */
function serialise(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === CLOSE_ARRAY) out.push(']');
    else if (v === CLOSE_OBJECT) out.push('}');
    else if (v === COMMA) out.push(',');
    else if (v instanceof Member) {
      out.push(`${JSON.stringify(v.key)}:`);
      stack.push(v.value);
    } else if (Array.isArray(v)) {
      out.push('[');
      stack.push(CLOSE_ARRAY);
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i]);
        if (i > 0) stack.push(COMMA);
      }
    } else if (typeof v === 'object' && v !== null) {
      out.push('{');
      stack.push(CLOSE_OBJECT);
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(new Member(entries[i]![0], entries[i]![1]));
        if (i > 0) stack.push(COMMA);
      }
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  }
  return out.join('');
}

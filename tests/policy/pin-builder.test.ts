import { describe, expect, it } from 'vitest';
import { importWeakenings } from '../../lib/background/pin-book';
import { builderDifference, comparePin, type Pin } from '../../lib/policy/pins';
import { onePin } from '../support/pins';
import { judge } from '../../lib/policy/verdict';
import { GENERATOR, NODEJS_BUILDER, verifyGeneratorBuiltRelease } from '../registries/generator-fixtures';

const pin = (extra: { builder?: string }): Pin =>
  onePin({ ecosystem: 'npm', package: '@laurentsimon/provenance-npm-test', repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test', createdAt: '2026-01-01T00:00:00Z', ...extra });

describe('a pin may require a builder (the real generator-built release)', () => {
  it.each<[string, string | undefined, 'verified' | 'mismatch']>([
    ['no builder named: only the source is compared', undefined, 'verified'],
    ['the Node.js builder at any release tag', `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v*`, 'verified'],
    ['the Node.js builder at exactly v1.6.0', NODEJS_BUILDER, 'verified'],
    ['the Node.js builder at v2 only', `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v2.*`, 'mismatch'],
    ['another builder', `${GENERATOR}/builder_go_slsa3.yml@refs/tags/v*`, 'mismatch'],
  ])('%s \u2192 %s', async (_, builder, status) => {
    const report = await verifyGeneratorBuiltRelease();
    expect(report.status).toBe('verified');
    const verdict = judge(report, pin(builder ? { builder } : {}));
    expect(verdict.status).toBe(status);
    expect(verdict.pinDifferences).toEqual(status === 'verified' ? [] : [{ field: 'builder', expected: builder, actual: NODEJS_BUILDER }]);
  });

  it('a release built by its own workflow has no builder, so a pin requiring one does not hold', () => {
    const own = { publisherKind: 'github' as const, repositoryUrl: 'https://github.com/laurentsimon/provenance-npm-test', workflowPath: '.github/workflows/release.yml' };
    const p = pin({ builder: `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v*` });
    expect(comparePin(p.identities[0]!, own)).toEqual([{ field: 'builder', expected: p.identities[0]!.builder, actual: undefined }]);
    expect(builderDifference({}, { builder: NODEJS_BUILDER })).toBeUndefined();
  });

  it('the builder pattern is checked by the linear-time glob, and must be an https URL within its length limit', () => {
    expect(() => pin({ builder: 'http://github.com/x/y/.github/workflows/b.yml@refs/tags/v*' })).toThrow();
    expect(() => pin({ builder: `https://github.com/${'a'.repeat(1100)}` })).toThrow();
    expect(() => pin({ builder: '' })).toThrow();
  });

  it('an import that drops the builder of an existing pin weakens it', () => {
    const existing = pin({ builder: `${GENERATOR}/builder_nodejs_slsa3.yml@refs/tags/v*` });
    expect(importWeakenings([existing], [pin({})])).toMatchObject([{ ecosystem: 'npm', package: '@laurentsimon/provenance-npm-test', fields: ['builder'] }]);
  });
});

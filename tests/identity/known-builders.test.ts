import { describe, expect, it } from 'vitest';
import { KNOWN_BUILDERS, builderLabel, decideBuilder, splitWorkflowRef } from '../../lib/identity/known-builders';

const G = 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows';
const NODE = `${G}/builder_nodejs_slsa3.yml`;
const LOW = `${G}/delegator_lowperms-generic_slsa3.yml`;
const GENERIC = `${G}/delegator_generic_slsa3.yml`;

describe('decideBuilder', () => {
  it.each([
    ['the low-permission delegator', LOW],
    ['the generic delegator', GENERIC],
  ])('accepts the Node.js builder at a release tag signed by %s at the same tag', (_, signer) => {
    expect(decideBuilder(`${signer}@refs/tags/v1.6.0`, `${NODE}@refs/tags/v1.6.0`)).toEqual({
      accepted: true,
      builder: `${NODE}@refs/tags/v1.6.0`,
      label: 'SLSA Node.js builder',
      version: 'v1.6.0',
    });
  });

  it.each<[string, string | undefined, string, string]>([
    ['an unknown builder', `${LOW}@refs/tags/v1.6.0`, 'https://github.com/someone/builder/.github/workflows/b.yml@refs/tags/v1.0.0', 'BUILDER_UNKNOWN'],
    ['the generator repository under another owner', `${LOW}@refs/tags/v1.6.0`, 'https://github.com/slsa-framewor/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v1.6.0', 'BUILDER_UNKNOWN'],
    ['a builder id that is not a workflow at a ref', `${LOW}@refs/tags/v1.6.0`, NODE, 'BUILDER_UNKNOWN'],
    ['no signer', undefined, `${NODE}@refs/tags/v1.6.0`, 'BUILDER_UNKNOWN'],
    ['a signer that is not a delegator', `${G}/generator_generic_slsa3.yml@refs/tags/v1.6.0`, `${NODE}@refs/tags/v1.6.0`, 'BUILDER_UNKNOWN'],
    ['the builder signing for itself', `${NODE}@refs/tags/v1.6.0`, `${NODE}@refs/tags/v1.6.0`, 'BUILDER_UNKNOWN'],
    ['a builder and a delegator of different releases', `${LOW}@refs/tags/v1.7.0`, `${NODE}@refs/tags/v1.6.0`, 'BUILDER_UNKNOWN'],
    ['the builder at a branch', `${LOW}@refs/tags/v1.6.0`, `${NODE}@refs/heads/main`, 'BUILDER_REF_UNPINNED'],
    ['the signer at a branch', `${LOW}@refs/heads/main`, `${NODE}@refs/tags/v1.6.0`, 'BUILDER_REF_UNPINNED'],
    ['both at the same branch', `${LOW}@refs/heads/main`, `${NODE}@refs/heads/main`, 'BUILDER_REF_UNPINNED'],
    ['a commit', `${LOW}@0779f7bec68e2bf54a7b0a32bf4763f25ab29702`, `${NODE}@0779f7bec68e2bf54a7b0a32bf4763f25ab29702`, 'BUILDER_REF_UNPINNED'],
    ['a pre-release tag', `${LOW}@refs/tags/v1.6.0-rc.0`, `${NODE}@refs/tags/v1.6.0-rc.0`, 'BUILDER_REF_UNPINNED'],
    ['a two-part tag', `${LOW}@refs/tags/v1.6`, `${NODE}@refs/tags/v1.6`, 'BUILDER_REF_UNPINNED'],
    ['a tag without the v', `${LOW}@refs/tags/1.6.0`, `${NODE}@refs/tags/1.6.0`, 'BUILDER_REF_UNPINNED'],
  ])('refuses %s', (_, signer, builder, code) => {
    const decision = decideBuilder(signer, builder);
    expect(decision).toMatchObject({ accepted: false, code });
    expect(decision.accepted ? '' : decision.detail).not.toBe('');
  });

  it('every known builder says why it is known and names who may sign for it', () => {
    for (const b of KNOWN_BUILDERS) {
      expect(b.why.length).toBeGreaterThan(40);
      expect(b.signers.length).toBeGreaterThan(0);
      expect(splitWorkflowRef(`${b.workflow}@refs/tags/v1.0.0`)).toEqual({ workflow: b.workflow, ref: 'refs/tags/v1.0.0' });
    }
  });
});

describe('builderLabel', () => {
  it('names a known builder and its release', () => {
    expect(builderLabel(`${NODE}@refs/tags/v1.6.0`)).toBe('SLSA Node.js builder v1.6.0');
  });
  it('says nothing about an unknown one', () => {
    expect(builderLabel('https://github.com/someone/b/.github/workflows/b.yml@refs/tags/v1.0.0')).toBeUndefined();
    expect(builderLabel(undefined)).toBeUndefined();
  });
});

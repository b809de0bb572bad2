import { describe, expect, it } from 'vitest';
import { compareSourceRepository, githubRepositoryOf } from '../../../lib/registries/rubygems/source-repository';

describe('githubRepositoryOf', () => {
  it.each([
    ['https://github.com/sigstore/sigstore-ruby', 'sigstore/sigstore-ruby'],
    ['https://github.com/sigstore/sigstore-ruby/', 'sigstore/sigstore-ruby'],
    ['http://github.com/rspec/rspec-core', 'rspec/rspec-core'],
    ['https://www.github.com/Rails/Rails.git', 'rails/rails'],
    ['https://github.com/aws/aws-sdk-ruby/tree/version-3/gems/aws-sdk-s3', 'aws/aws-sdk-ruby'],
    ['https://github.com/ruby/io-console#readme', 'ruby/io-console'],
    ['https://github.com/rails', undefined],
    ['https://github.com/orgs/rails/people', undefined],
    ['https://github.com/sponsors/someone', undefined],
    ['https://gitlab.com/group/project', undefined],
    ['https://github.com.evil.example/a/b', undefined],
    ['https://rubyonrails.org', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, repo) => {
    expect(githubRepositoryOf(url)).toBe(repo);
  });
});

describe('compareSourceRepository', () => {
  const cert = 'https://github.com/sigstore/sigstore-ruby';

  it('agrees when either declared URL names the certificate’s repository', () => {
    expect(compareSourceRepository({ source_code_uri: 'https://github.com/sigstore/sigstore-ruby' }, cert).outcome).toBe('agrees');
    expect(compareSourceRepository({ homepage_uri: 'https://github.com/sigstore/sigstore-ruby', source_code_uri: 'https://sigstore.dev/code' }, cert).outcome).toBe('agrees');
  });

  it('does not compare when no GitHub repository is declared', () => {
    expect(compareSourceRepository({}, cert)).toEqual({ outcome: 'not-declared' });
    expect(compareSourceRepository({ homepage_uri: 'https://sigstore.dev', source_code_uri: 'https://gitlab.com/x/y' }, cert)).toEqual({ outcome: 'not-declared' });
  });

  it('disagrees when the declared repositories are others, or the certificate names none', () => {
    expect(compareSourceRepository({ source_code_uri: 'https://github.com/sigstore/sigstore-rubyx' }, cert)).toEqual({ outcome: 'disagrees', declared: ['sigstore/sigstore-rubyx'], certificate: 'sigstore/sigstore-ruby' });
    expect(compareSourceRepository({ source_code_uri: 'https://github.com/sigstore/sigstore-ruby' }, undefined).outcome).toBe('disagrees');
  });
});

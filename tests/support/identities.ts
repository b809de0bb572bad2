/**
 * The identity of the real sigstore 1.0.0 npm provenance certificate
 * (tests/fixtures/npm-attestations/npm-cli/valid-sigstore-attestations.json),
 * as the adapter derives it: the input the UI and pin tests start from.
 */
export const SIGSTORE_1_0_0_IDENTITY = {
  publisherKind: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  repositoryUrl: 'https://github.com/sigstore/sigstore-js',
  repositoryId: '495574555',
  ownerId: '71096353',
  workflowPath: '.github/workflows/publish.yml',
  ref: 'refs/tags/v1.0.0',
  commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
  runInvocationUri: 'https://github.com/sigstore/sigstore-js/actions/runs/4147413040/attempts/1',
} as const;

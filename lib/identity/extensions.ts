/**
 * Fulcio's certificate extensions, by name.
 * https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
 * .1–.6 are the deprecated GitHub-specific extensions whose value is the raw
 * string; from .8 on the value is a DER UTF8String.
 */
export const FULCIO_OIDS = {
  legacyIssuer: '1.3.6.1.4.1.57264.1.1',
  legacyWorkflowTrigger: '1.3.6.1.4.1.57264.1.2',
  legacyWorkflowSha: '1.3.6.1.4.1.57264.1.3',
  legacyWorkflowName: '1.3.6.1.4.1.57264.1.4',
  legacyWorkflowRepository: '1.3.6.1.4.1.57264.1.5',
  legacyWorkflowRef: '1.3.6.1.4.1.57264.1.6',
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerURI: '1.3.6.1.4.1.57264.1.9',
  buildSignerDigest: '1.3.6.1.4.1.57264.1.10',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryURI: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
  sourceRepositoryIdentifier: '1.3.6.1.4.1.57264.1.15',
  sourceRepositoryOwnerURI: '1.3.6.1.4.1.57264.1.16',
  sourceRepositoryOwnerIdentifier: '1.3.6.1.4.1.57264.1.17',
  buildConfigURI: '1.3.6.1.4.1.57264.1.18',
  buildConfigDigest: '1.3.6.1.4.1.57264.1.19',
  buildTrigger: '1.3.6.1.4.1.57264.1.20',
  runInvocationURI: '1.3.6.1.4.1.57264.1.21',
  sourceRepositoryVisibilityAtSigning: '1.3.6.1.4.1.57264.1.22',
  deploymentEnvironment: '1.3.6.1.4.1.57264.1.23',
} as const;

export type FulcioField = keyof typeof FULCIO_OIDS;

/** The extensions whose value is the raw string, not a DER UTF8String. */
export const LEGACY_FIELDS: ReadonlySet<FulcioField> = new Set<FulcioField>([
  'legacyIssuer',
  'legacyWorkflowTrigger',
  'legacyWorkflowSha',
  'legacyWorkflowName',
  'legacyWorkflowRepository',
  'legacyWorkflowRef',
]);

/** What a verified signing certificate says, before any registry reads it. */
export interface CertificateIdentity {
  /** The SAN: a URI (workflow identity) or an email. */
  subjectAlternativeName: string | undefined;
  /** OIDC issuer: the .8 extension, falling back to the legacy .1. */
  issuer: string | undefined;
  extensions: Partial<Record<FulcioField, string>>;
  notBefore: string;
  notAfter: string;
}

import * as z from '../../zod';
import { semverLine } from '../../history/version-order';
import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import type { ArtifactReport, ReleaseReport } from '../../report/model';
import { releaseStatus, sharedIdentity } from '../../report/release-status';
import { tlogRef } from '../../report/tlog-ref';
import { VerifyError } from '../../verify/errors';
import { verifyBundleFast } from '../../verify/verify-bundle';
import type { Registry, ReleaseRef, VerifyDeps } from '../descriptor';
import { toFailure } from '../npm/errors';
import { buildClaims, npmIdentity } from '../npm/identity';
import { stubPage } from './page';

const API = 'https://api.stub-registry.test/v1';

/** The stub API's one document: a release, its tarball's sha512 and one Sigstore bundle over it. */
const releaseSchema = z.object({
  name: z.string(),
  version: z.string().check(z.regex(/^[0-9A-Za-z.+-]{1,64}$/)),
  sha512: z.string().check(z.regex(/^[0-9a-f]{128}$/)),
  bundle: z.unknown(),
});

const releaseUrl = (name: string, version: string | undefined) => `${API}/${encodeURIComponent(name)}/${encodeURIComponent(version ?? 'latest')}`;

/**
 * Verified only when the bundle verifies against the trust root, its
 * statement's subject carries the tarball's sha512, and the certificate is a
 * CI build's (the identity rules npm's adapter uses). Never throws.
 */
async function verifyStubRelease(ref: ReleaseRef, deps: VerifyDeps): Promise<ReleaseReport> {
  const base = { ecosystem: 'stub' as const, package: ref.name, checkedAt: new Date().toISOString() };
  let release: z.infer<typeof releaseSchema>;
  try {
    release = await fetchRegistryJSON(deps.client, releaseUrl(ref.name, ref.version), releaseSchema);
    if (release.name !== ref.name || (ref.version !== undefined && release.version !== ref.version)) {
      throw new VerifyError('SUBJECT_MISMATCH', `the API describes ${JSON.stringify(`${release.name}@${release.version}`.slice(0, 200))}`);
    }
  } catch (e) {
    const { status, ...fields } = toFailure(e);
    return { ...base, version: ref.version ?? '', status, ...fields, artifacts: [] };
  }
  const artifact = await checkArtifact(release, deps);
  const status = releaseStatus([artifact]);
  const identity = sharedIdentity([artifact]);
  return {
    ...base,
    version: release.version,
    status,
    ...(artifact.code === undefined ? {} : { code: artifact.code }),
    ...(artifact.message === undefined ? {} : { message: artifact.message }),
    artifacts: [artifact],
    ...(identity ? { identity } : {}),
  };
}

async function checkArtifact(release: z.infer<typeof releaseSchema>, deps: VerifyDeps): Promise<ArtifactReport> {
  const base = { name: `${release.name}@${release.version}`, digest: { algorithm: 'sha512' as const, hex: release.sha512 }, attestations: [] };
  try {
    const verified = await verifyBundleFast(release.bundle, { trust: deps.trust, artifact: { kind: 'digest', algorithm: 'sha512', hex: release.sha512 } });
    if (verified.signer.kind !== 'certificate') throw new VerifyError('IDENTITY_MISMATCH', 'signed with a key, not a build certificate');
    const claims = buildClaims(verified.signer.identity);
    if (!claims) throw new VerifyError('IDENTITY_MISMATCH', 'not signed by a GitHub Actions or GitLab CI build');
    const times = verified.timestamps.map((t) => t.time).sort();
    const summary = { predicateType: verified.statement?.predicateType ?? '', signer: 'certificate' as const, tlog: verified.tlogEntries.map(tlogRef), ...(times[0] ? { signedAt: times[0] } : {}) };
    return { ...base, status: 'verified', identity: npmIdentity(verified.signer.identity, claims), attestations: [summary] };
  } catch (e) {
    const { status, ...fields } = toFailure(e);
    return { ...base, status, ...fields };
  }
}

async function stubLatestVersion(client: RegistryClient, name: string): Promise<string> {
  return (await fetchRegistryJSON(client, releaseUrl(name, undefined), releaseSchema)).version;
}

const HOUR = 3600_000;

export const stubRegistry = {
  ...stubPage,
  verifyRelease: verifyStubRelease,
  latestVersion: stubLatestVersion,
  // The stub API lists no history: the history window stays empty.
  earlierVersions: async () => [],
  versionLine: semverLine,
  cacheLifetimes: { verified: HOUR, failed: HOUR, unsupported: HOUR, partial: 10 * 60_000, absent: 10 * 60_000, error: 0 },
} as const satisfies Registry<'stub'>;

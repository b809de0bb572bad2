import { ProvenantError } from '../../errors/provenant-error';
import { fetchRegistryJSON, type RegistryClient } from '../../net/registry-fetch';
import { releaseStatus, sharedIdentity } from '../../policy/status';
import type { ReleaseReport } from '../../report/model';
import type { AttestationCache } from '../github/attestation-cache';
import { toFailure } from '../github/errors';
import type { GithubClient } from '../github/github-fetch';
import type { GithubTrust } from '../github/verify-asset';
import { mapLimited } from '../github/verify-release';
import { HOMEBREW_RULES, type BottleRules } from './identity';
import { formulaApiUrl, isValidFormulaName } from './names';
import { bottlesOf, formulaSchema, pkgVersion, type Formula } from './schema';
import { verifyBottle } from './verify-bottle';

export interface HomebrewVerifyDeps {
  /** formulae.brew.sh, through the registry client. */
  registry: RegistryClient;
  /** api.github.com and the bundle host, through the GitHub client (the only one with a token). */
  github: GithubClient;
  trust: GithubTrust;
  cache?: AttestationCache;
  /** Homebrew's identity rules (identity.ts); tests name another repository to run real bundles through the flow. */
  rules?: readonly BottleRules[];
  now?: Date;
}

export const NO_BOTTLES = 'This formula has no bottles (it is built from source on install), so there is nothing for an attestation to cover.';

/** The formula's current pkg_version, from the formula API. */
export async function fetchFormula(client: RegistryClient, name: string): Promise<Formula> {
  if (!isValidFormulaName(name)) throw new ProvenantError('registry', 'NOT_FOUND', `not a formula name: ${JSON.stringify(name.slice(0, 100))}`);
  return fetchRegistryJSON(client, formulaApiUrl(name), formulaSchema);
}

/**
 * A formula's bottles, one row each (like PyPI's files): each bottle's sha256
 * from the formula API, GitHub's attestations for it under Homebrew's rules,
 * verified. The formula API serves only the current version, so a request for
 * another one is an error to retry, never a verdict. Never throws.
 */
export async function verifyHomebrewFormula(ref: { name: string; version?: string | undefined }, deps: HomebrewVerifyDeps): Promise<ReleaseReport> {
  const now = deps.now ?? new Date();
  const base = { ecosystem: 'homebrew' as const, package: ref.name, checkedAt: now.toISOString() };
  try {
    const formula = await fetchFormula(deps.registry, ref.name);
    const version = pkgVersion(formula);
    if (ref.version !== undefined && ref.version !== version) throw new ProvenantError('release', 'FORMULA_VERSION_GONE', `asked for ${ref.version.slice(0, 100)}, the formula API serves ${version.slice(0, 100)}`);
    const bottles = bottlesOf(formula);
    if (bottles.length === 0) return { ...base, version, status: 'absent', message: NO_BOTTLES, artifacts: [] };
    const artifacts = await mapLimited(bottles, 4, (b) => verifyBottle(b, version, deps.rules ?? HOMEBREW_RULES, { client: deps.github, cache: deps.cache, now, trust: deps.trust }));
    const status = releaseStatus(artifacts);
    const identity = sharedIdentity(artifacts);
    const decided = status === 'verified' || status === 'partial' ? undefined : artifacts.find((a) => a.status === status);
    return {
      ...base,
      version,
      status,
      ...(decided?.code !== undefined ? { code: decided.code } : {}),
      ...(decided?.message !== undefined ? { message: decided.message } : {}),
      ...(decided?.retryable ? { retryable: true } : {}),
      artifacts,
      ...(identity ? { identity } : {}),
    };
  } catch (e) {
    const f = toFailure(e);
    return { ...base, version: ref.version ?? '', status: f.status === 'absent' ? 'error' : f.status, code: f.code, message: f.message, detail: f.detail, ...(f.retryable ? { retryable: true } : {}), artifacts: [] };
  }
}

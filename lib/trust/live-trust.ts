import { githubTrustItem, trustItem } from '../storage/items';
import { githubTrustService } from './github-trust';
import { packagedPublicGoodSeed } from './public-good-seed';
import { TrustService } from './trust-service';
import { tufFetcher } from './tuf-fetch';

/**
 * The worker's one TrustService: seeded with the seed packaged at build time
 * (lib/trust/public-good-seed.ts, read on first use),
 * persisted in storage.local, fetching from Sigstore's TUF CDN.
 * `PROVENANT_TEST_CLOCK` is a string only in the e2e test build (see
 * testBuild() in wxt.config.ts, and tests/e2e/live-trust.e2e.test.ts, which
 * checks that the production background.js has none of it): the recorded
 * repository is expired in real time, so the test build's clock starts inside it.
 */
declare const PROVENANT_TEST_CLOCK: string | null;

let service: TrustService | undefined;

export function liveTrust(): TrustService {
  service ??= new TrustService({
    seed: packagedPublicGoodSeed,
    store: { read: () => trustItem.getValue(), write: (record) => trustItem.setValue(record) },
    fetch: tufFetcher(),
    now: clock(),
  });
  return service;
}

function clock(): () => Date {
  // wxt.config.ts defines the constant as null in every build but the test one, so this branch is removed from it.
  if (PROVENANT_TEST_CLOCK !== null) {
    // Starts at the test instant when the worker starts, then runs at real speed (rate limits still elapse).
    const offset = Date.parse(PROVENANT_TEST_CLOCK) - Date.now();
    console.warn(`Provenant test build: TUF clock starts at ${PROVENANT_TEST_CLOCK}`);
    return () => new Date(Date.now() + offset);
  }
  return () => new Date();
}

let githubService: TrustService | undefined;

/** The worker's TrustService for GitHub's own Sigstore instance: the same schedule and storage rules, its own key. */
export function liveGithubTrust(): TrustService {
  githubService ??= githubTrustService({ store: { read: () => githubTrustItem.getValue(), write: (record) => githubTrustItem.setValue(record) }, now: clock() });
  return githubService;
}

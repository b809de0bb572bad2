// Writes public/trust/public-good-seed.json: the trust anchor for Sigstore's
// public-good instance, decoded from the TUF seed that ships inside
// @sigstore/tuf (the bytes `npm audit signatures` starts from): the mirror's
// TUF root.json and its trusted_root.json and registry.npmjs.org/keys.json
// targets. Nothing is hand-copied; package-lock.json's integrity hash pins
// the seed. It is a packaged file rather than part of the background bundle
// (issue 14): lib/trust/public-good-seed.ts reads and checks it once per
// worker, and Node (tests, conformance, bench) imports the same file
// (lib/verify/embedded-trust.ts). The e2e test build writes an older recorded
// seed in its place (wxt.config.ts, testSeedAsset).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PUBLIC_GOOD_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';
const SEED_TARGETS = { trustedRoot: 'trusted_root.json', npmKeys: 'registry.npmjs.org%2Fkeys.json' };
export const PUBLIC_GOOD_SEED_FILE = 'public/trust/public-good-seed.json';

/** `require` resolves from the project (createRequire on its package.json), so the locked @sigstore/tuf is read. */
export function writePublicGoodSeed(root, require) {
  const seedsPath = require.resolve('@sigstore/tuf/seeds.json');
  const mirror = JSON.parse(readFileSync(seedsPath, 'utf8'))[PUBLIC_GOOD_MIRROR];
  const decode = (encoded, what) => {
    if (typeof encoded !== 'string') throw new Error(`@sigstore/tuf seed has no ${what} for ${PUBLIC_GOOD_MIRROR}`);
    return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  };
  const seed = { tufRoot: decode(mirror?.['root.json'], 'root.json') };
  for (const [name, target] of Object.entries(SEED_TARGETS)) seed[name] = decode(mirror?.targets?.[target], `target ${target}`);
  if (seed.tufRoot?.signed?._type !== 'root') throw new Error('@sigstore/tuf seed root.json is not a TUF root');
  if (!String(seed.trustedRoot?.mediaType).startsWith('application/vnd.dev.sigstore.trustedroot')) throw new Error('@sigstore/tuf seed trusted_root.json is not a trusted root');
  if (!Array.isArray(seed.npmKeys?.keys)) throw new Error('@sigstore/tuf seed registry.npmjs.org/keys.json lists no keys');
  // Compact is fine: TUF signs the canonical JSON of `signed`, and targets are compared by content once refreshed.
  const out = `${JSON.stringify(seed)}\n`;
  const target = join(root, PUBLIC_GOOD_SEED_FILE);
  mkdirSync(dirname(target), { recursive: true });
  // Rewritten only on change, so `wxt dev` does not reload for nothing.
  if (!existsSync(target) || readFileSync(target, 'utf8') !== out) writeFileSync(target, out);
}

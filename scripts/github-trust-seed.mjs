// Writes public/trust/github-seed.json: the trust anchor for GitHub's
// own Sigstore instance (https://tuf-repo.github.com), the TUF root.json and the
// trusted_root.json Provenant starts from before its first refresh over TUF.
// No npm package ships them (unlike public-good's seed in @sigstore/tuf), so the
// recorded copies in tests/fixtures/trusted-roots/github/ (origins in
// tests/fixtures/SOURCES.md) are the seed; lib/trust/github-trust.ts refreshes
// them from the repository like the public-good material. It is a packaged file,
// not part of the background bundle, because GitHub is an optional registry:
// lib/trust/github-seed.ts reads it only when GitHub trust is first needed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const GITHUB_SEED_FILES = {
  tufRoot: 'tests/fixtures/trusted-roots/github/tuf-root.tuf-repo.github.com.json',
  trustedRoot: 'tests/fixtures/trusted-roots/github/trusted_root_github.json',
};

export function writeGithubTrustSeed(root) {
  const seed = {};
  for (const [name, file] of Object.entries(GITHUB_SEED_FILES)) {
    const json = JSON.parse(readFileSync(join(root, file), 'utf8'));
    if (name === 'tufRoot' && json?.signed?._type !== 'root') throw new Error(`${file} is not a TUF root`);
    if (name === 'trustedRoot' && !String(json?.mediaType).startsWith('application/vnd.dev.sigstore.trustedroot')) throw new Error(`${file} is not a trusted root`);
    // Compact is fine: TUF signs the canonical JSON of `signed`, and targets are compared by content once refreshed.
    seed[name] = json;
  }
  const out = `${JSON.stringify(seed)}\n`;
  const target = join(root, 'public/trust/github-seed.json');
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(target) || readFileSync(target, 'utf8') !== out) writeFileSync(target, out);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGithubSeed } from '../../lib/trust/github-seed';

/**
 * The same packaged file the extension reads (public/trust/github-seed.json,
 * written by scripts/github-trust-seed.mjs on install and build), read from
 * disk and checked as the extension checks it.
 */
export const GITHUB_SEED_FILE = fileURLToPath(new URL('../../public/trust/github-seed.json', import.meta.url));

export const GITHUB_TRUST_SEED = parseGithubSeed(JSON.parse(readFileSync(GITHUB_SEED_FILE, 'utf8')));

export const loadGithubSeed = async () => GITHUB_TRUST_SEED;

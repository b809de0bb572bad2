/**
 * The three files a release publishes, made from the two builds and the
 * source tree by zip-archive.ts:
 * - `provenant-<version>-chrome.zip`: `.output/chrome-mv3`, for the Chrome Web Store;
 * - `provenant-<version>-firefox.zip`: `.output/firefox-mv3`, for addons.mozilla.org;
 * - `provenant-<version>-sources.zip`: every file git tracks or would track
 *   (not ignored), as it is in the work tree — what AMO asks for to rebuild
 *   the Firefox zip; from a clean checkout of a tag, exactly the tag's tree. That is everything
 *   `npm install && npm run zip` needs (sources, scripts, lockfile, configs)
 *   plus the tests and their recorded fixtures, so a reviewer can also run them;
 *   never node_modules, .output or test results, which git ignores.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeZip, type ZipEntry } from './zip-archive';

export type ZipKind = 'chrome' | 'firefox' | 'sources';

export const BUILD_DIRS = { chrome: '.output/chrome-mv3', firefox: '.output/firefox-mv3' } as const;

export function zipName(version: string, kind: ZipKind): string {
  return `provenant-${version}-${kind}.zip`;
}

/** Every regular file under `dir`, with paths relative to it; a symbolic link or other special file is refused. */
export function filesUnder(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      // lstat: a link could point outside the build; the builds have none, so refuse it.
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) out.push({ path: relative(dir, full).split(sep).join('/'), data: readFileSync(full) });
      else throw new Error(`${full}: not a regular file`);
    }
  };
  walk(dir);
  return out;
}

/**
 * Whether `root` is the top of a git work tree: the sources zip is made only
 * there. (Unpacked from a sources zip, it is not, and `npm run zip` then makes
 * the two browser zips only.)
 */
export function isGitTopLevel(root: string): boolean {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return realpathSync(top) === realpathSync(root);
  } catch {
    return false;
  }
}

/** The files git tracks under `root`, plus untracked ones it does not ignore (work-tree content); deleted ones are left out. */
export function trackedFiles(root: string): ZipEntry[] {
  let listing: string;
  try {
    listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`the sources zip lists the files git tracks, and \`git ls-files\` failed in ${root}: ${(e as Error).message}`, { cause: e });
  }
  return listing
    .split('\0')
    .filter((path) => path !== '' && existsSync(join(root, path)))
    .map((path) => ({ path, data: readFileSync(join(root, path)) }));
}

/** Paths whose work-tree state differs from HEAD (`git status --porcelain` lines). */
export function uncommittedChanges(root: string): string[] {
  return execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '');
}

export interface ReleaseZip {
  kind: ZipKind;
  file: string;
  bytes: Buffer;
  sha256: string;
  entries: number;
}

export function releaseZips(root: string, version: string, kinds: readonly ZipKind[] = ['chrome', 'firefox', 'sources']): ReleaseZip[] {
  const contents: Record<ZipKind, () => ZipEntry[]> = {
    chrome: () => filesUnder(join(root, BUILD_DIRS.chrome)),
    firefox: () => filesUnder(join(root, BUILD_DIRS.firefox)),
    sources: () => trackedFiles(root),
  };
  return kinds.map((kind) => {
    const entries = contents[kind]();
    const bytes = writeZip(entries);
    return {
      kind,
      file: join(root, '.output', zipName(version, kind)),
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      entries: entries.length,
    };
  });
}

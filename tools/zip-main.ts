/**
 * `npm run zip`: clean builds for both browsers, then the release's three zips
 * in .output (tools/package/release-zips.ts says what each holds). `--no-build`
 * zips the builds already in .output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILD_DIRS, isGitTopLevel, releaseZips, uncommittedChanges } from './package/release-zips';

function run(root: string, script: string): void {
  // NODE_ENV reaches the bundle (Vite and the Preact preset read it; under vitest it is
  // "test" and the content scripts grow by 1.2 kB): a release is always "production".
  // The builds talk on stderr: stdout carries only the checksum lines.
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: [0, 2, 2], env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

export function main(root: string, argv: string[]): number {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (!argv.includes('--no-build')) {
    run(root, 'build');
    run(root, 'build:firefox');
  }
  for (const dir of Object.values(BUILD_DIRS)) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'manifest.json'), 'utf8')) as { version?: string };
    if (manifest.version !== version) {
      process.stderr.write(`zip: ${dir}/manifest.json has version ${manifest.version}, package.json ${version}: build again\n`);
      return 1;
    }
  }
  const withSources = isGitTopLevel(root);
  if (!withSources) {
    process.stderr.write('zip: not the top of a git work tree, so no sources zip (it lists the files git tracks); making the browser zips only\n');
  }
  const changes = withSources ? uncommittedChanges(root) : [];
  if (changes.length > 0) {
    process.stderr.write(
      `zip: warning: the work tree differs from HEAD (${changes.length} paths); the sources zip holds the files as they are now, not as committed:\n` +
        changes.slice(0, 20).map((c) => `  ${c}\n`).join(''),
    );
  }
  mkdirSync(join(root, '.output'), { recursive: true });
  // The deflate streams depend on zlib: say which, for anyone comparing bytes.
  process.stderr.write(`zip: Node ${process.version}, zlib ${process.versions.zlib}\n`);
  for (const zip of releaseZips(root, version, withSources ? ['chrome', 'firefox', 'sources'] : ['chrome', 'firefox'])) {
    writeFileSync(zip.file, zip.bytes);
    const name = relative(join(root, '.output'), zip.file);
    process.stderr.write(`zip: ${name}: ${zip.entries} files, ${zip.bytes.length} bytes\n`);
    // sha256sum's format, so in .output the lines can be checked with `sha256sum -c`.
    process.stdout.write(`${zip.sha256}  ${name}\n`);
  }
  return 0;
}

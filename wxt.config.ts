import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import type { ResolvedPublicFile } from 'wxt';
import { OPTIONAL_HOST_PATTERNS, REQUIRED_HOST_PATTERNS } from './lib/net/host-permissions';
import { MARK_ICONS } from './lib/background/toolbar-icons';

/**
 * The e2e test builds. The recorded Sigstore
 * TUF repository is expired in real time and a browser's clock cannot be moved,
 * so the test build's TUF client starts its clock at PROVENANT_TEST_CLOCK, and
 * PROVENANT_TEST_TRUST_SEED (a JSON file naming a root.json, trusted_root.json
 * and keys.json) writes an older recorded seed in place of the packaged one
 * (trust/public-good-seed.json, testSeedAsset() below).
 * Why neither can reach a release: both settings exist only in this
 * environment; when either is set the output goes to TEST_OUTPUT_DIR, never
 * .output (where `npm run zip` packs from, so a release zip of a test build
 * fails for lack of a build); with neither set the constant is null and the
 * minifier removes the branch, which tests/e2e/live-trust.e2e.test.ts checks
 * in the production background.js.
 * PROVENANT_DIAGNOSTICS=1 alone (`npm run build:diagnostics`) is the production
 * build plus the bench/test surface `provenantDiagnostics` on the worker global
 * (lib/background/diagnostics.ts), in DIAGNOSTICS_OUTPUT_DIR; every test build
 * carries that surface, the production build never does (tests/e2e/package.e2e.test.ts).
 * PROVENANT_SOURCEMAP=1 adds source maps, in SOURCEMAP_OUTPUT_DIR: `npm run bench`
 * reads them to say which packages background.js's bytes come from; release
 * builds carry no maps.
 */
export const TEST_OUTPUT_DIR = '.output-test';
export const DIAGNOSTICS_OUTPUT_DIR = '.output-test/diagnostics';
export const SOURCEMAP_OUTPUT_DIR = '.output-test/sourcemap';
const PUBLIC_GOOD_SEED_ASSET = 'trust/public-good-seed.json';

const TEST_BUILD = testBuild();
const SOURCEMAP = process.env.PROVENANT_SOURCEMAP === '1';

export default defineConfig({
  srcDir: '.',
  // A test build never lands where `npm run build` and `npm run zip` put release builds.
  ...(TEST_BUILD ? { outDir: TEST_BUILD.clock !== null || TEST_BUILD.seed !== null ? TEST_OUTPUT_DIR : DIAGNOSTICS_OUTPUT_DIR } : SOURCEMAP ? { outDir: SOURCEMAP_OUTPUT_DIR } : {}),
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Provenant',
    description: 'Verifies where PyPI and npm releases came from, in your browser, with Sigstore.',
    // No "tabs" permission: the popup only needs the active tab's id, which tabs.query gives without it.
    // "scripting" injects the badge's details panel into a registry tab when the toolbar popup is refused
    // (docs/verdict-details.md); it reaches only the host permissions below and shows no install warning.
    permissions: ['storage', 'scripting'],
    // Exactly the hosts Provenant reads (lib/net/host-permissions.ts); nothing else is contacted.
    host_permissions: [...REQUIRED_HOST_PATTERNS],
    optional_host_permissions: [...OPTIONAL_HOST_PATTERNS],
    // PNGs rasterized from assets/icons/ by scripts/icons.mjs before every build.
    icons: MARK_ICONS,
    action: { default_title: 'Provenant', default_icon: MARK_ICONS },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'provenant@provenant.dev',
              // 142: the first Firefox (desktop and Android) that reads data_collection_permissions.
              strict_min_version: '142.0',
              // Nothing leaves the browser except requests to the hosts above (PRIVACY.md).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // 127: action.openPopup() from the worker without a user gesture (the alert
          // popup); every other API used (action, permissions, storage.local.setAccessLevel
          // from 102, ES2022 output from 94) is older.
          minimum_chrome_version: '127',
        }),
  }),
  vite: ({ command }) => ({
    plugins: [preact()],
    // Test builds only (see testBuild() below and lib/trust/live-trust.ts).
    define: { PROVENANT_TEST_CLOCK: JSON.stringify(TEST_BUILD?.clock ?? null), PROVENANT_DIAGNOSTICS: JSON.stringify(TEST_BUILD !== undefined) },
    build: {
      target: 'es2022',
      ...(SOURCEMAP ? { sourcemap: true } : {}),
      // terser, not esbuild: 1-8% smaller per bundle (README "Performance").
      // Only rewrites that keep semantics for any input: no unsafe_*, no property
      // mangling, no pure_getters (zod 4 defines schema members as lazy getters
      // with side effects). Vite sets module/toplevel from each chunk's format;
      // ascii_only keeps the output 7-bit, as WXT has esbuild do (charset: ascii).
      // `wxt` (dev, command serve) stays unminified, with WXT's inline source maps.
      ...(command === 'build'
        ? { minify: 'terser' as const, terserOptions: { ecma: 2020 as const, compress: { ecma: 2020 as const, passes: 2 }, format: { comments: false, ascii_only: true } } }
        : {}),
      rollupOptions: {
        // zod 4 places `@__PURE__` notes where Rollup cannot use them; Rollup drops them and says so on every build. Harmless, and not ours to fix.
        onLog(level, log, handler) {
          if (log.code === 'INVALID_ANNOTATION' && log.id?.includes('/node_modules/zod/')) return;
          handler(level, log);
        },
      },
    },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      if (TEST_BUILD?.seed) testSeedAsset(files, TEST_BUILD.seed);
    },
  },
});


function testBuild(): { clock: string | null; seed: string | null } | undefined {
  const clock = process.env.PROVENANT_TEST_CLOCK || null;
  const seed = process.env.PROVENANT_TEST_TRUST_SEED || null;
  const diagnostics = process.env.PROVENANT_DIAGNOSTICS === '1';
  if (clock === null && seed === null && !diagnostics) return undefined;
  if (clock !== null && Number.isNaN(Date.parse(clock))) throw new Error(`PROVENANT_TEST_CLOCK=${clock} is not a date`);
  return { clock, seed };
}

/**
 * Replaces the packaged public-good seed (scripts/public-good-seed.mjs) with
 * one made of the files a test seed names, in the same shape; the worker reads
 * and checks it as it does the real one (lib/trust/public-good-seed.ts).
 */
function testSeedAsset(files: ResolvedPublicFile[], seedFile: string): void {
  const at = files.findIndex((f) => f.relativeDest === PUBLIC_GOOD_SEED_ASSET);
  if (at < 0) throw new Error(`no ${PUBLIC_GOOD_SEED_ASSET} to replace with the test seed: run scripts/vendor-sigstore.mjs first`);
  const names = JSON.parse(readFileSync(seedFile, 'utf8')) as { root: string; trustedRoot: string; npmKeys: string };
  const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
  files[at] = { relativeDest: PUBLIC_GOOD_SEED_ASSET, contents: `${JSON.stringify({ tufRoot: json(names.root), trustedRoot: json(names.trustedRoot), npmKeys: json(names.npmKeys) })}\n` };
}

import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { OPTIONAL_HOST_PATTERNS, REQUIRED_HOST_PATTERNS } from './lib/net/host-permissions';
import { MARK_ICONS } from './lib/background/toolbar-icons';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Provenant',
    description: 'Verifies where PyPI and npm releases came from, in your browser, with Sigstore.',
    // No "tabs" permission: the popup only needs the active tab's id, which tabs.query gives without it.
    permissions: ['storage'],
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
  vite: () => ({
    plugins: [preact()],
    // Test builds only: the e2e harness sets PROVENANT_TEST_CLOCK (and a separate outDir) so the
    // worker's TUF client reads "now" inside the recorded repository's window. Every other build
    // gets null, and the minifier drops the branch (tests/e2e/package.e2e.test.ts checks the
    // production bundle). See lib/trust/live-trust.ts.
    define: { PROVENANT_TEST_CLOCK: JSON.stringify(testClock()) },
    build: {
      target: 'es2022',
      rollupOptions: {
        // zod 4 places `@__PURE__` notes where Rollup cannot use them; Rollup drops them and says so on every build. Harmless, and not ours to fix.
        onLog(level, log, handler) {
          if (log.code === 'INVALID_ANNOTATION' && log.id?.includes('/node_modules/zod/')) return;
          handler(level, log);
        },
      },
    },
  }),
});

/** An ISO instant from the environment, for the e2e test build only; refused if it is not one. */
function testClock(): string | null {
  const value = process.env.PROVENANT_TEST_CLOCK;
  if (value === undefined || value === '') return null;
  if (Number.isNaN(Date.parse(value))) throw new Error(`PROVENANT_TEST_CLOCK=${value} is not a date`);
  return value;
}

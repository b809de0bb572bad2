import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { REGISTRY_HOST_PATTERNS } from './lib/net/site-access';
import { MARK_ICONS } from './lib/background/toolbar-icons';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Provenant',
    description: 'Verifies where PyPI and npm releases came from, in your browser, with Sigstore.',
    // No "tabs" permission: the popup only needs the active tab's id, which tabs.query gives without it.
    permissions: ['storage'],
    // Exactly the registries Provenant reads; nothing else is contacted.
    host_permissions: [...REGISTRY_HOST_PATTERNS],
    // PNGs rasterized from assets/icons/ by scripts/icons.mjs before every build.
    icons: MARK_ICONS,
    action: { default_title: 'Provenant', default_icon: MARK_ICONS },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'provenant@provenant.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
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

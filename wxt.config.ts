import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Host permissions are exactly the registries Provenant reads; nothing else is contacted.
export const REGISTRY_HOSTS = ['https://pypi.org/*', 'https://registry.npmjs.org/*', 'https://www.npmjs.com/*'];

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Provenant',
    description: 'Verifies where PyPI and npm releases came from, in your browser, with Sigstore.',
    // No "tabs" permission: the popup only needs the active tab's id, which tabs.query gives without it.
    permissions: ['storage'],
    host_permissions: REGISTRY_HOSTS,
    action: { default_title: 'Provenant' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'provenant@provenant.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
});

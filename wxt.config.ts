import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { REGISTRY_HOST_PATTERNS } from './lib/net/site-access';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Provenant',
    description: 'Verifies where PyPI and npm releases came from, in your browser, with Sigstore.',
    // No "tabs" permission: the popup only needs the active tab's id, which tabs.query gives without it.
    // "scripting" injects the badge's details panel into a registry tab when the toolbar popup is refused
    // (docs/verdict-details.md); it reaches only the host permissions below and shows no install warning.
    permissions: ['storage', 'scripting'],
    // Exactly the registries Provenant reads; nothing else is contacted.
    host_permissions: [...REGISTRY_HOST_PATTERNS],
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

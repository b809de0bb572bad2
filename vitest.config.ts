import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  // Only the e2e test build sets a test clock (wxt.config.ts); unit tests inject their clocks.
  define: { PROVENANT_TEST_CLOCK: 'null', PROVENANT_DIAGNOSTICS: 'false' },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

// Real-browser tests: Chromium with the built extension against the local replay server.
// One file at a time (a browser per file is plenty for 2 cores); generous time-outs
// because a test may wait out a registry time-out on purpose.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/harness/build.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// `npm run lint`, the first step of `npm test`. Syntax-level rules only (no
// type information), so it stays quick on a 2-core machine; `tsc --noEmit`
// does the type checking and knip (knip.jsonc) finds unused files and exports.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The extension reads the packaged seed (lib/trust/public-good-seed.ts); importing Node's copy would put it back in the bundle (issue 14).
const EMBEDDED_SEED = { regex: '(^|/)embedded-trust$', message: 'embedded-trust is the seed for Node (tests, tools): the extension reads trust/public-good-seed.json through lib/trust/public-good-seed.ts.' };

export default defineConfig(
  {
    ignores: ['.output/', '.output-test/', '.wxt/', 'node_modules/', 'public/', 'test-results/', 'tmp/', 'lib/vendor/*.generated.*', 'tests/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `{ source: _s, ...rest }` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests and tools poke at recorded JSON and browser internals without schemas.
    files: ['tests/**', 'tools/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // lib/ is what the UI is built on; it never reaches up into components/.
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)components(/|$)', message: 'lib/ must not import components/: the UI depends on lib/, not the other way round.' }, EMBEDDED_SEED] }],
    },
  },
  {
    files: ['entrypoints/**', 'components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [EMBEDDED_SEED] }] },
  },
);

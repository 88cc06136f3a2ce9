// ESLint flat config, as the Remix stacks set it up: the recommended rules of ESLint, typescript-eslint, React,
// react-hooks and jsx-a11y; eslint-config-prettier last, so formatting is Prettier's alone (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated (codegen, `remix build`) or run output.
  globalIgnores([
    'app/gql/',
    'app/webhooks/gql/',
    'build/',
    'public/build/',
    '.data/',
    'test-results/',
    'playwright-report/',
  ]),
  { linterOptions: { reportUnusedDisableDirectives: 'error' }, languageOptions: { globals: globals.node } },
  js.configs.recommended,
  tseslint.configs.recommended,
  // The Remix app also runs in the browser.
  { files: ['app/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['**/*.tsx'],
    extends: [
      react.configs.flat.recommended,
      react.configs.flat['jsx-runtime'],
      reactHooks.configs.flat.recommended,
      jsxA11y.flatConfigs.recommended,
    ],
    settings: { react: { version: 'detect' } },
  },
  {
    rules: {
      // A `let` read by a callback before its one assignment (a timer the callback clears) stays a `let`: as a
      // `const` declared after the callback, an early call would hit the temporal dead zone.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `const { omitted: _, ...rest } = value` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  prettier,
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

const NO_UI = {
  group: ['**/components/**', '**/editor/**', '**/pages/**', '**/layouts/**', 'monaco-editor*'],
  message: 'runner/ and checker/ must not import UI code.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine and the checker run in workers and in Node: they must never reach for the UI.
    files: ['src/runner/**', 'src/checker/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_UI] }] },
  },
  {
    // The runner runs any module's exported checks; the checker builds on it, never the reverse
    // (the shared shapes live in runner/check-contract.ts).
    files: ['src/runner/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_UI,
            {
              group: ['**/checker/**'],
              message:
                'runner/ must not import the checker: put what both need in runner/check-contract.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The mock API is shared by the browser, Node tests and the local server: no app code.
    files: ['mock-api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**', '../src/*'], message: 'mock-api/ must not import from src/.' },
          ],
        },
      ],
    },
  },
);

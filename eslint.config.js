// ESLint (flat config) with typescript-eslint's recommended rules. `npm run lint`. Formatting is Prettier's
// (`npm run format:check`), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // what .gitignore keeps out of the repository too (a Stryker sandbox left behind holds a copy of every file)
  {
    ignores: [
      'node_modules/',
      'reports/',
      'bench/results/',
      'vagrant/',
      'lab/k8s/build-module/',
      'lab/.state/',
      '.cache/',
      '.vitest/',
      '.stryker-tmp/',
      '.stryker-tmp-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        NodeJS: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      // the code base uses `any` deliberately in a few typed-JSON places, and non-null assertions after checks
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // empty catch blocks are the code base's way of saying "best effort" (each has a comment or is obvious)
      'no-empty': ['error', { allowEmptyCatch: true }],
      // control characters in regexes are deliberate: ANSI colours, XML-illegal characters
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);

// Flat config. The boundary rules are the point: engine maths imports no transport, and the
// API (src/) reaches the engine only through engine/contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TRANSPORT = ['@nats-io/*', 'nats', 'neo4j-driver', '@neo4j/*', 'graphql', 'graphql/*', 'graphql-*', 'express', 'ws', '@apollo/*', 'node:net', 'node:http', 'node:fs', 'node:fs/promises', 'fs', 'http', 'net'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'scratch/**', 'services/neo4j/target/**', '.data/**', '**/__generated__/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Pure maths: no I/O, no transport. (engine/actor and engine/main.ts are the adapters.)
    files: ['engine/**/*.ts'],
    // engine/backend/load-tfjs.ts loads a tensor runtime: it resolves the tfjs packages' folders
    // on disk (node:module, the wasm binaries' path) and sets NVIDIA_TF32_OVERRIDE before
    // libtensorflow starts. The kernels it feeds stay in this block.
    ignores: ['engine/actor/**', 'engine/main.ts', 'engine/config.ts', 'engine/worker/**', 'engine/backend/load-tfjs.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: TRANSPORT, message: 'engine/ maths must not import transport or I/O (see STYLE.md #1).' }] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use engine/rng with the stored seed.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'engine maths reads no env; take options.' }],
    },
  },
  {
    // The API may only reach engine/contract, never engine maths.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+engine/(?!contract/)', message: 'src/ may import only engine/contract (STYLE.md #1).' }] }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports flow one way: domain ← doc ← sync/store ← ui ← canvas/panels ← app. The server may
// use domain and doc, never UI code; React code never touches Yjs directly.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ui = ['**/ui/**', '**/canvas/**', '**/panels/**', '**/app/**'];
const reactRules = [
  { group: ['yjs', 'y-*'], message: 'React code never touches Yjs types: use src/store and src/doc functions.' },
  { group: ['**/doc/layout*', '**/doc/read*'], message: 'React code reads through the store.' },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'data', 'tests/artifacts', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/domain/**'],
    rules: restrict([
      { group: ['yjs', 'y-*', 'react', 'react-dom', 'zustand', 'dexie', '@xyflow/*'], message: 'src/domain is pure TypeScript.' },
      { group: ['**/doc/**', '**/sync/**', '**/store/**', '**/io/**', ...ui], message: 'src/domain imports nothing of ours.' },
    ]),
  },
  {
    files: ['src/doc/**'],
    rules: restrict([
      { group: ['react', 'react-dom', 'zustand', 'dexie', '@xyflow/*'], message: 'src/doc knows Yjs, not UI or storage.' },
      { group: ['**/sync/**', '**/store/**', '**/io/**', ...ui], message: 'src/doc may import only src/domain.' },
    ]),
  },
  {
    files: ['src/sync/**', 'src/io/**'],
    rules: restrict([{ group: ['react', 'react-dom', ...ui], message: 'Lower layers never import UI code.' }]),
  },
  {
    // The store may offer React hooks (zustand), but never reaches into UI folders or providers.
    files: ['src/store/**'],
    rules: restrict([{ group: [...ui, '**/sync/**'], message: 'src/store is fed by the doc; it never imports UI or providers.' }]),
  },
  {
    files: ['src/canvas/**', 'src/panels/**', 'src/app/**'],
    rules: restrict(reactRules),
  },
  {
    // Shared React primitives (dialogs, messages) used by canvas, panels and app alike.
    files: ['src/ui/**'],
    rules: restrict([
      ...reactRules,
      { group: ['**/canvas/**', '**/panels/**', '**/app/**'], message: 'src/ui is shared by canvas, panels and app; it imports none of them.' },
    ]),
  },
  {
    files: ['server/**'],
    rules: restrict([{ group: [...ui, '**/store/**', 'react', 'react-dom'], message: 'The server never imports UI code.' }]),
  },
);

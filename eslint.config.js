import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import { layersPlugin } from './eslint.layers.js';

// The layer table of docs/ARCHITECTURE.md, as data: each row may import its own folder, the rows in
// `ours`, only types from the rows in `oursTypesOnly`, and the npm packages in `npm` ('node:*' = Node's
// built-ins, '*' = anything); everything else is refused, dynamic `import()` and worker URLs included.
// A file belongs to the row with the longest matching path. tests/unit/architecture.test.ts checks that
// this table and the one in docs/ARCHITECTURE.md are the same.
// What every React folder may import from below it.
const underReact = ['src/domain/', 'src/locales/', 'src/locales/i18n.ts', 'src/store/'];
export const LAYERS = {
  'src/domain/': { ours: [], npm: [] },
  'src/doc/': { ours: ['src/domain/'], npm: ['yjs', 'lib0'] },
  'src/locales/': { ours: ['src/domain/'], npm: [] },
  'src/locales/i18n.ts': { ours: ['src/domain/', 'src/locales/'], npm: ['react', 'zustand'] },
  'src/store/': { ours: ['src/domain/', 'src/doc/'], npm: ['yjs', 'zustand', 'react'] },
  'src/sync/': { ours: ['src/domain/', 'src/doc/', 'src/store/'], npm: ['yjs', 'y-protocols', 'y-websocket', 'lib0', 'dexie', 'zustand'] },
  'src/export/': { ours: ['src/domain/', 'src/locales/'], npm: ['pdf-lib', '@pdf-lib/fontkit', 'pptxgenjs', 'jszip', 'dejavu-fonts-ttf'] },
  'src/ui/': { ours: underReact, oursTypesOnly: ['src/doc/'], npm: ['react', 'react-dom'] },
  'src/canvas/': {
    ours: [...underReact, 'src/ui/'],
    oursTypesOnly: ['src/doc/'],
    npm: ['react', 'react-dom', 'zustand', '@xyflow/react', 'html-to-image'],
  },
  'src/panels/': { ours: [...underReact, 'src/ui/'], oursTypesOnly: ['src/doc/'], npm: ['react', 'react-dom', 'zustand'] },
  'src/app/': {
    ours: [...underReact, 'src/sync/', 'src/ui/', 'src/canvas/', 'src/panels/', 'src/export/'],
    oursTypesOnly: ['src/doc/'],
    npm: ['react', 'react-dom', 'zustand'],
  },
  'server/': {
    ours: ['src/domain/', 'src/doc/', 'src/locales/'],
    npm: ['node:*', 'ws', 'better-sqlite3', 'yjs', 'y-protocols', 'lib0', 'pg', 'ioredis', 'negotiator', 'tsx'],
  },
  'build/': { ours: ['src/doc/', 'src/locales/'], npm: ['node:*', 'vite'] },
  'tests/': { ours: ['*'], npm: ['*'] },
};

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
    files: ['**/*.{ts,tsx,js}'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': ['error', { layers: LAYERS }] },
  },
);

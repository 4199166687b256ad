import tseslint from 'typescript-eslint';

// The process boundaries of DESIGN.md, enforced so they cannot rot:
// shared/ and electron/core never import Electron; the renderer never imports Electron,
// Node built-ins or main-process code.
const electronImports = {
  paths: [
    { name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and electron/host may import electron.' },
    { name: 'electron-store', message: 'electron-store needs the Electron runtime: take a store factory as an argument.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-renderer/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronImports,
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'shared/ runs in every process: no Node built-ins.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the processes.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronImports, patterns: [{ group: ['**/host/**', '**/renderer/**'], message: 'core is below the hosts.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    // The build config runs in Node at build time; it is not part of the page.
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronImports,
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'The renderer has no Node.' },
            { group: ['**/electron/**'], message: 'The renderer talks only to the typed client.' },
          ],
        },
      ],
    },
  },
);

import tseslint from 'typescript-eslint';
import launchdesk from './eslint-rules/process-boundaries.js';

// The process boundaries, as allow-lists by process class (eslint-rules/process-boundaries.js):
// each class names the packages and the folders it may import, everything else is an error,
// so a Node-only package can never slip into shared/ or the browser bundle.

/** Libraries that run anywhere, which shared/ (and so every process) builds on. */
const isomorphic = ['zod', 'bs58'];
/** What the page is built from besides shared/. */
const browserLibs = ['react', 'react-dom', 'zustand', '@tanstack/react-virtual'];
/** Packages that need the Electron runtime: only the desktop entry and its host code. */
const electronOnly = ['electron', 'electron-store'];

const boundary = (options) => ({ 'launchdesk/process-boundaries': ['error', options] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-renderer/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { launchdesk },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary({
      name: 'shared/',
      packages: isomorphic,
      node: false,
      dirs: ['shared'],
      why: 'shared/ runs in every process, the browser included, and imports nothing from the processes',
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    // The build config runs in Node at build time; it is not part of the page.
    ignores: ['renderer/vite.config.ts'],
    rules: boundary({
      name: 'the renderer',
      packages: [...browserLibs, ...isomorphic],
      node: false,
      dirs: ['renderer', 'shared'],
      why: 'the page runs in a sandboxed browser and talks to the engine only through the typed client',
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: boundary({
      name: 'electron/core',
      packages: '*',
      deniedPackages: electronOnly,
      node: true,
      dirs: ['electron/core', 'shared'],
      why: 'core is below the hosts and the entry files, and runs without Electron (serve, tests)',
    }),
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: boundary({
      name: 'electron/host',
      packages: '*',
      node: true,
      // serve-flags.js is the flag parser serve and the desktop entry share, not an entry itself.
      dirs: ['electron/host', 'electron/core', 'shared', 'electron/serve-flags.js'],
      why: 'the hosts serve the engine; the entry files wire them, not the other way round',
    }),
  },
  {
    files: ['electron/preload.ts'],
    rules: boundary({
      name: 'the preload',
      packages: ['electron'],
      node: false,
      dirs: ['shared'],
      why: 'a sandboxed preload can load only electron, and it bridges the contract, nothing else',
    }),
  },
  {
    // Raydium's SDK is GPL-3.0: linking it would put the whole app under the GPL. It is a
    // devDependency that only tests load, to cross-check the LaunchLab instructions we build.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@raydium-io/*'], message: 'Raydium SDK is GPL-3.0 and for tests only; build LaunchLab instructions in electron/core/live/bonk.' }] },
      ],
    },
  },
  {
    files: ['electron/*.ts'],
    ignores: ['electron/preload.ts'],
    rules: boundary({
      name: 'an entry file',
      packages: '*',
      node: true,
      dirs: ['electron', 'shared'],
      why: 'the main process never loads renderer code; the page is loaded as a file or URL',
    }),
  },
);

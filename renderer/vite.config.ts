import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * One bundle for both hosts: the headless host serves it over http, Electron loads it from
 * file://, hence relative asset paths. No React plugin: esbuild's automatic JSX runtime is
 * all the build needs (no fast refresh here). The output has no inline script or style, so
 * the hosts' strict Content-Security-Policy (script-src 'self', no 'unsafe-inline') holds.
 */
export default defineConfig({
  root: here,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist-renderer', import.meta.url)),
    emptyOutDir: true,
    // The polyfill is code in the entry chunk, but a module preload list is not needed:
    // everything is one chunk.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1_000,
    rollupOptions: {
      // zod's sources carry /*@__PURE__*/ notes Rollup cannot place; harmless, and noisy.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});

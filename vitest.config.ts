import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's component tests are .tsx; the same JSX runtime as the renderer build.
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    // Multi-process tests spawn several engines; 2 cores cannot run many files at once.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

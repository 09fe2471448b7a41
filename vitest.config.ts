import { defineConfig } from 'vitest/config';

// Two cores: integration and end-to-end tests start real worker processes that prove real circuits, so they
// run one file at a time; unit tests run in parallel.
export default defineConfig({
  test: {
    projects: [
      {
        // The renderer's slices and components, beside the features they test, in a DOM (jsdom)
        // against a fake host that speaks the real contract (renderer/src/testing/).
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/testing/setup.ts'],
        },
      },
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

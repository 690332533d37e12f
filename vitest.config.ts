import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the
// "@sc-safety/source" export condition, so tests never need a prior build.
export default defineConfig({
  resolve: { conditions: ['@sc-safety/source'] },
  ssr: { resolve: { conditions: ['@sc-safety/source'], externalConditions: ['@sc-safety/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the
// "@sc-safety/source" export condition, so tests never need a prior build.
export default defineConfig({
  resolve: { conditions: ['@sc-safety/source'] },
  ssr: { resolve: { conditions: ['@sc-safety/source'], externalConditions: ['@sc-safety/source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        // Unit tests beside the code share one module graph per worker (no per-file isolation):
        // half the CPU of re-importing every module for each of ~200 files. A unit test must
        // therefore leave no global state behind (env, timers, mocks, cwd): each restores what
        // it changes.
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        // End-to-end, release, browser and repository tests keep a fresh module graph per file.
        extends: true,
        test: { name: 'e2e', include: ['tests/**/*.test.ts'] },
      },
    ],
  },
});

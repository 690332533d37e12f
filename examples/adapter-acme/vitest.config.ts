import { defineConfig } from 'vitest/config';

// The conformance suite's timeout and abort cases and the 2,000-call signal test run for seconds
// on a busy machine: a wider per-test limit than vitest's default 5 s.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

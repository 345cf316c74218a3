import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child-process and socket tests are heavier than pure ones; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    // CI (.ci/run) fails on any skipped test: there a skip means a component is missing.
    reporters: process.env.EKAI_FORBID_SKIPS
      ? ['default', './test/support/no-skips-reporter.ts']
      : ['default'],
  },
});

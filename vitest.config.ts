import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child-process and socket tests are heavier than pure ones; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most tests wait on sockets, not on the CPU: a few more workers than the 2 cores finish sooner.
    maxWorkers: 4,
    reporters: ['default', './test/support/tally-reporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the CPUs: on a 2-core CI machine that ran the files one at a time,
    // while most of them wait on child processes, servers and the database; two halve the wall time
    maxWorkers: 2,
  },
});

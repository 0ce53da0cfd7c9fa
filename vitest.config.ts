import { defineConfig } from 'vitest/config';

/** What every project shares; the seeded template database is built once, by the root's global setup. */
const shared = { pool: 'forks', maxWorkers: 2, testTimeout: 60_000, hookTimeout: 180_000 } as const;

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    projects: [
      { test: { ...shared, name: 'main', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**', 'tests/server/reliability/**', 'node_modules/**'] } },
      // Load, concurrency and outage tests measure the server under stress: they run after the rest, one file at a time,
      // so that other test files do not take the CPU they measure.
      { test: { ...shared, name: 'reliability', include: ['tests/server/reliability/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});

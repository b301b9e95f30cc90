import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    restoreMocks: true,
    unstubGlobals: true,
    unstubEnvs: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/redis/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        // Against a real redis-server and child processes, on real time (leases run on Redis's
        // clock): counts are asserted, not timings, and each test gets room on a loaded machine.
        extends: true,
        test: {
          name: 'redis',
          include: ['test/redis/**/*.test.ts'],
          testTimeout: 45_000,
          hookTimeout: 20_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

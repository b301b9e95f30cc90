import { defineConfig } from 'vitest/config';

// `npm run test:runtimes`: the packed tarball in other runtimes and browsers, which `npm test` leaves
// out. Each test starts a runtime or a browser, hence the longer timeouts.
export default defineConfig({
  test: {
    include: ['test/runtimes/**/*.smoke.ts'],
    environment: 'node',
    globalSetup: ['test/runtimes/packed-keycard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

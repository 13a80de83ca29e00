import { defineConfig } from 'vitest/config';

// The web app's tests: unit tests of its pure helpers (project "web"), and end-to-end tests
// (project "e2e"): a real server process per file, Debian's Chromium via playwright-core.
// Run: npx vitest run --config vitest.e2e.config.ts   (CI=true makes a missing Chromium fail)
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'web', include: ['web/src/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

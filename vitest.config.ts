import { defineConfig } from 'vitest/config';

// Every test file runs on SQLite. Files named *.int.test.ts (integration, through the app and
// a real database) run again on PostgreSQL when JIEBANG_TEST_PG names a server (CI always).
const pg = process.env.JIEBANG_TEST_PG;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          env: { TEST_DIALECT: 'sqlite' },
        },
      },
      ...(pg
        ? [{
            extends: true as const,
            test: {
              name: 'postgres',
              include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
              env: { TEST_DIALECT: 'postgres' },
              globalSetup: ['test/support/pg-global-setup.ts'],
            },
          }]
        : []),
    ],
  },
});

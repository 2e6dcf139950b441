import { defineConfig } from 'vitest/config';
import { LongestFirst } from './support/sequencer.ts';

// Password hashing at OWASP's cost (scrypt N=2^17, ~0.7 s a hash here) would make the thousands of
// sign-ins of the suites crawl: they use a cheaper N through the same variable production reads
// (docs/security.md). Worker processes and the API processes the tests start inherit it.
process.env.SCRYPT_N ??= '4096';

// The API suites run once per database: always on an embedded PGlite, and again on PostgreSQL
// when TEST_DATABASE_URL is set (CI sets it). Each test file opens its own database, a copy of one
// migrated and seeded once per run by support/global-db.ts.
const pgUrl = process.env.TEST_DATABASE_URL;
const apiProject = (name: string, driver: 'pglite' | 'pg') => ({
  extends: true as const,
  test: {
    name,
    include: ['api/**/*.test.ts'],
    env: { TEST_DB_DRIVER: driver },
    globalSetup: ['support/global-db.ts', 'support/global-build.ts'],
    // Hang guards, not budgets: tests wait on conditions, and a loaded 2-core machine is slow.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'extension',
          include: ['extension/**/*.test.{ts,tsx}'],
          setupFiles: ['extension/setup.ts'],
        },
      },
      apiProject('api-pglite', 'pglite'),
      ...(pgUrl ? [apiProject('api-pg', 'pg')] : []),
    ],
  },
});

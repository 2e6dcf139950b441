import { defineConfig } from '@playwright/test';

// A cheaper password hash than production's for the API processes the specs start (see vitest.config.ts).
process.env.SCRYPT_N ??= '4096';

// The e2e suite runs against the built extension (extension/.output/chrome-mv3) in Debian's
// Chromium and a real API on a fresh PGlite; `npm run e2e` builds the extension first.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: './results/artifacts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { outputFolder: './results/report', open: 'never' }],
    // test/run-tests.mjs reads the totals from PLAYWRIGHT_JSON_OUTPUT_NAME.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
  ],
  use: {
    actionTimeout: 10_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

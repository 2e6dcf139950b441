// Runs every suite (vitest: unit, extension, API on PGlite and, with TEST_DATABASE_URL, PostgreSQL;
// then Playwright end-to-end) and closes with one plain line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const results = new URL('./results/', import.meta.url);
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const only = process.argv[2]; // "unit" | "e2e" | undefined (both)

const run = (cmd, args, env = {}, cwd = undefined) =>
  spawnSync(cmd, args, { stdio: 'inherit', cwd, env: { ...process.env, ...env } }).status ?? 1;

let failedRuns = 0;
const started = Date.now();
if (only !== 'e2e') {
  // The extension's tsconfig extends the one WXT generates; a fresh clone has none yet.
  failedRuns += run('npx', ['wxt', 'prepare'], {}, new URL('../extension/', import.meta.url))
    ? 1
    : 0;
  failedRuns += run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=results/vitest.json',
  ])
    ? 1
    : 0;
}
if (only !== 'unit') {
  failedRuns += run('npm', ['run', 'e2e'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: fileURLToPath(new URL('playwright.json', results)),
  })
    ? 1
    : 0;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const read = (name) =>
  existsSync(new URL(name, results))
    ? JSON.parse(readFileSync(new URL(name, results), 'utf8'))
    : null;
const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  // A file that fails to load runs no test: count it as a failure of its own.
  const unloaded = vitest.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  failed += vitest.numFailedTests + unloaded;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const pw = read('playwright.json');
if (pw?.stats) {
  passed += pw.stats.expected;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
}
if (failedRuns && failed === 0) failed = failedRuns; // a suite that crashed before reporting still fails
console.log(`\nduration: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedRuns || failed ? 1 : 0);

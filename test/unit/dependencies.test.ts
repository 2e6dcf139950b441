import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 13: "the `test` workspace puts vitest, Playwright, autocannon and fast-check in
// `dependencies`". A production install (`npm ci --omit=dev`) must install no test tool: the lock
// file marks what `--omit=dev` leaves out with `dev: true`.
const root = new URL('../../', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean }>;
};
const testPkg = JSON.parse(readFileSync(new URL('test/package.json', root), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

describe('dependencies', () => {
  it('the test workspace depends only on the workspaces it tests; its tools are devDependencies', () => {
    expect(Object.keys(testPkg.dependencies ?? {}).sort()).toEqual(['@duhop/api', '@duhop/shared']);
    expect(Object.keys(testPkg.devDependencies ?? {})).toEqual(
      expect.arrayContaining([
        'vitest',
        '@playwright/test',
        'autocannon',
        'fast-check',
        'fake-indexeddb',
        'jszip',
        'exceljs',
      ]),
    );
  });

  it.each([
    'vitest',
    '@playwright/test',
    'playwright-core',
    'autocannon',
    'fast-check',
    'fake-indexeddb',
    'drizzle-kit',
  ])('%s is left out of a production install', (name) => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(entry, `${name} is in the lock file`).toBeDefined();
    expect(entry!.dev, `${name} must be dev-only`).toBe(true);
  });

  it('what the server needs stays in a production install', () => {
    for (const name of [
      'hono',
      '@hono/node-server',
      'drizzle-orm',
      '@electric-sql/pglite',
      'postgres',
      'zod',
      'docx',
      'exceljs',
    ]) {
      expect(lock.packages[`node_modules/${name}`]?.dev, name).toBeUndefined();
    }
  });
});

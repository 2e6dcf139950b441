import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The API built once for this run (scripts/build-api.mjs), from the repository root: `api/.dist-test-…`. */
    apiBuild: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * globalSetup of the API projects: `npm run build:api` once, into a folder of this run, so that
 * the API and CLI processes the tests start run plain JavaScript on node (as `npm run serve` does)
 * rather than compiling api/src through tsx at each start. support/api-process.ts keeps tsx for
 * the tests that ask for the development entry.
 */
export default function setup(project: TestProject): () => void {
  const outName = `.dist-test-${randomBytes(4).toString('hex')}`;
  const res = spawnSync(process.execPath, ['scripts/build-api.mjs', '--outdir', outName], {
    cwd: root,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`build failed:\n${res.stdout}\n${res.stderr}`);
  project.provide('apiBuild', `api/${outName}`);
  return () => rmSync(`${root}api/${outName}`, { recursive: true, force: true });
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { provided } from './provided.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the operator's commands as a real process, the way `npm run admin|backup|restore -- …`
 * does (scripts/cli.mjs: the built `cli/main.js` — here the run's build, support/global-build.ts —
 * or `api/src/cli/main.ts` through tsx without one), on the database named by `env`.
 */
export function runCli(env: Record<string, string>, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const build = provided('apiBuild');
    const entry = build ? [`${build}/cli/main.js`] : ['--import', 'tsx', 'api/src/cli/main.ts'];
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

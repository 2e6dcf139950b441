// `npm run admin|backup|restore -- …`: the operator's commands. The built CLI (api/dist/cli/main.js,
// made by `npm run build`) runs on node alone, as a production install (`npm ci --omit=dev`) has
// no tsx; a development checkout without a build runs the TypeScript sources through tsx.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}api/dist/cli/main.js`;
const args = existsSync(built) ? [built] : ['--import', 'tsx', `${root}api/src/cli/main.ts`];
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // A relative DATA_DIR or --out/--in path is relative to where the command was run.
  env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

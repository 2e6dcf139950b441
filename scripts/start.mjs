// `npm start`: build the API (plain JavaScript in api/dist, see build-api.mjs) and the extension,
// say where to load the extension from, then run the built API (PGlite by default, PostgreSQL when
// DATABASE_URL is set), which migrates and seeds the demo province on an empty database.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const extDir = `${root}extension/.output/chrome-mv3`;

console.log('[duhop] Building the API…');
const apiBuild = spawnSync(process.execPath, [`${root}scripts/build-api.mjs`], {
  cwd: root,
  stdio: 'inherit',
});
if (apiBuild.status !== 0) {
  console.error('[duhop] The API build failed (see above).');
  process.exit(1);
}
if (process.env.SKIP_EXTENSION_BUILD !== '1') {
  console.log('[duhop] Building the browser extension…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'extension'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('[duhop] The extension build failed (see above); the API starts anyway.');
  }
}
if (existsSync(`${extDir}/manifest.json`)) {
  console.log(
    `\n[duhop] Extension ready. In Chromium/Chrome open chrome://extensions, turn on Developer mode,`,
  );
  console.log(`[duhop] click "Load unpacked" and choose:\n\n    ${extDir}\n`);
}

// node on the built file directly (no npx → tsx chain): the child is the server itself.
const api = spawn(process.execPath, ['--enable-source-maps', `${root}api/dist/main.js`], {
  cwd: `${root}api`,
  stdio: 'inherit',
  env: {
    ...process.env,
    // A relative DATA_DIR is relative to where the command was run (env.ts).
    INIT_CWD: process.env.INIT_CWD ?? process.cwd(),
    // The demo admits any extension id over CORS (an unpacked build has a per-machine id); a
    // production server names its ids (EXTENSION_IDS, or the packaged one in EXTENSION_DIR).
    EXTENSION_IDS: process.env.EXTENSION_IDS || '*',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));

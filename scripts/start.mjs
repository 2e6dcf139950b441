// `npm start`: build the extension, say where to load it from, then run the API (PGlite by
// default, PostgreSQL when DATABASE_URL is set), which migrates and seeds the demo province.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const extDir = `${root}extension/.output/chrome-mv3`;

if (process.env.SKIP_EXTENSION_BUILD !== '1') {
  console.log('[duhop] Building the browser extension…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'extension'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[duhop] The extension build failed (see above); the API starts anyway.');
  }
}
if (existsSync(`${extDir}/manifest.json`)) {
  console.log(`\n[duhop] Extension ready. In Chromium/Chrome open chrome://extensions, turn on Developer mode,`);
  console.log(`[duhop] click "Load unpacked" and choose:\n\n    ${extDir}\n`);
}

// The demo admits any extension id over CORS (an unpacked build has a per-machine id); a
// production server names its ids (EXTENSION_IDS, or the packaged one in EXTENSION_DIR).
const env = { ...process.env, EXTENSION_IDS: process.env.EXTENSION_IDS || '*' };
const api = spawn('npx', ['tsx', 'src/main.ts'], { cwd: `${root}api`, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));

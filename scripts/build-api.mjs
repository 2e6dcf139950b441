// `npm run build` (API part): bundles the API to plain JavaScript in api/dist with esbuild, so the
// production server (`npm run serve`) runs on node alone, without tsx. npm packages stay external
// (`npm ci --omit=dev` installs them); the workspace package @duhop/shared (TypeScript sources) is
// bundled. Task modules that run in worker threads (api/src/lib/in-worker.ts) are entry points of
// their own, at the same place under api/dist as under api/src, and worker-boot.mjs is copied.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const api = fileURLToPath(new URL('../api/', import.meta.url));
// `--outdir NAME`: another folder directly under api/ (the tests build their own copy); it must be
// one level below api/ like dist, where paths.ts finds api/drizzle and api/data.
const named = process.argv.indexOf('--outdir');
const outName = named > 0 ? process.argv[named + 1] : 'dist';
if (!outName || !/^[\w.-]+$/.test(outName))
  throw new Error('--outdir takes a folder name directly under api/ (e.g. dist)');
const outdir = `${api}${outName}`;
/** Modules loaded through runInWorker (keep in step with the runInWorker calls in api/src). */
const WORKER_TASKS = ['features/exports/render.ts'];

const t0 = performance.now();
rmSync(outdir, { recursive: true, force: true });
const keepPackagesExternal = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@duhop/') ? undefined : { path: args.path, external: true },
    );
  },
};
await build({
  absWorkingDir: api,
  entryPoints: [
    'src/main.ts',
    'src/serve.ts',
    'src/cli/main.ts',
    ...WORKER_TASKS.map((t) => `src/${t}`),
  ],
  outbase: 'src',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Chunks at the top of api/dist: paths.ts and in-worker.ts rely on being one level below api/.
  chunkNames: '[name]-[hash]',
  plugins: [keepPackagesExternal],
  logLevel: 'warning',
});
copyFileSync(`${api}src/lib/worker-boot.mjs`, `${outdir}/worker-boot.mjs`);
console.log(
  `[duhop] API built to api/${outName} in ${Math.round(performance.now() - t0)} ms (start it with: npm run serve)`,
);

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// From the sources (tsx, vitest) this module is api/src/lib/in-worker.ts and worker-boot.mjs sits
// beside it; in the build (`npm run build`) it is bundled into api/dist/*.js, worker-boot.mjs is
// copied to api/dist/ and every task module is its own entry point under api/dist/ (services/…).
const BUILT = !import.meta.url.endsWith('.ts');
const BOOT = new URL('./worker-boot.mjs', import.meta.url);
/** Task paths are relative to api/src/lib (sources) or api/dist/lib (build, no such folder needed). */
const taskUrl = (entry: string): string =>
  BUILT ? new URL(entry.replace(/\.ts$/, '.js'), new URL('./lib/', import.meta.url)).href : new URL(entry, import.meta.url).href;
/** At most this many export workers at once (each holds a document in memory); the rest wait. */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
const TIMEOUT_MS = 120_000;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `run(input)` of a task module (a path relative to api/src/lib, e.g. '../services/x.ts') in
 * a worker thread, so that CPU-heavy work such as packing a DOCX never blocks the event loop that
 * serves other requests. `input` must be structured-cloneable (plain data).
 */
export async function runInWorker<T>(entry: string, input: unknown): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = new Worker(BOOT, { workerData: { entry: taskUrl(entry), input } });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`worker ${entry} timed out after ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      worker.once('message', (m: { ok: true; result: T } | { ok: false; error: string }) => {
        clearTimeout(timer);
        void worker.terminate();
        if (m.ok) resolve(m.result);
        else reject(new Error(`worker ${entry}: ${m.error}`));
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker ${entry} exited with code ${code}`));
      });
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ApiError } from './errors.ts';
import { requestScope } from './request-scope.ts';

// From the sources (tsx, vitest) this module is api/src/lib/in-worker.ts and worker-boot.mjs sits
// beside it; in the build (`npm run build`) it is bundled into api/dist/*.js, worker-boot.mjs is
// copied to api/dist/ and every task module is its own entry point under api/dist/ (features/…).
const BUILT = !import.meta.url.endsWith('.ts');
const BOOT = new URL('./worker-boot.mjs', import.meta.url);
/** Task paths are relative to api/src/lib (sources) or api/dist/lib (build, no such folder needed). */
const taskUrl = (entry: string): string =>
  BUILT
    ? new URL(entry.replace(/\.ts$/, '.js'), new URL('./lib/', import.meta.url)).href
    : new URL(entry, import.meta.url).href;
/** At most this many export workers at once (each holds a document in memory); the rest wait. */
export const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
const TIMEOUT_MS = 120_000;

/**
 * The export queue's limits. One user had 20 abandoned DOCX exports queued in the single worker
 * and another commune's XLSX waited 80 s behind them: now a user runs at most `perUserRunning`
 * jobs and has at most `perUserQueued` more waiting (429 beyond), at most `queued` jobs wait in
 * all (503 beyond), the next job started is that of the user served least recently, and
 * a client that hangs up takes its job with it (dropped from the queue, or its worker terminated).
 */
export const queueLimits = { perUserRunning: 1, perUserQueued: 2, queued: 16 };

interface Job {
  owner: string;
  start: () => void;
  cancel: (reason: Error) => void;
}

let running = 0;
const runningByOwner = new Map<string, number>();
const waiting: Job[] = [];
/** Seconds a job took, smoothed: the basis of Retry-After. */
let averageSeconds = 5;
export const workerStats = { started: 0, completed: 0, cancelled: 0, refused: 0 };

/** Jobs running and waiting now (for tests and metrics). */
export function queueState() {
  return { running, queued: waiting.length, ...workerStats };
}

const ownerRunning = (owner: string) => runningByOwner.get(owner) ?? 0;
const retryAfter = (ahead: number) =>
  Math.max(5, Math.ceil((averageSeconds * (ahead + 1)) / MAX_WORKERS));

/** When each user's last job started (a counter): the least recently served user goes next. */
const lastServed = new Map<string, number>();
let serial = 0;

function pump(): void {
  while (running < MAX_WORKERS) {
    let best = -1;
    for (let i = 0; i < waiting.length; i++) {
      const j = waiting[i]!;
      if (ownerRunning(j.owner) >= queueLimits.perUserRunning) continue;
      if (
        best < 0 ||
        (lastServed.get(j.owner) ?? -1) < (lastServed.get(waiting[best]!.owner) ?? -1)
      )
        best = i;
    }
    if (best < 0) return;
    const [job] = waiting.splice(best, 1);
    if (lastServed.size > 10_000) lastServed.clear();
    lastServed.set(job!.owner, ++serial);
    job!.start();
  }
}

function abortError(): Error {
  const err = new Error('The client hung up; the export was cancelled');
  err.name = 'AbortError';
  return err;
}

/**
 * Runs `run(input)` of a task module (a path relative to api/src/lib, e.g. '../features/exports/render.ts') in
 * a worker thread, so that CPU-heavy work such as packing a DOCX never blocks the event loop that
 * serves other requests. `input` must be structured-cloneable (plain data). Inside a request
 * (see `requestScope`) the job is queued per user and cancelled when that request's client leaves.
 */
export function runInWorker<T>(entry: string, input: unknown): Promise<T> {
  const scope = requestScope.getStore();
  const owner = scope?.userId ?? '';
  const signal = scope?.signal;
  if (signal?.aborted) return Promise.reject(abortError());
  const mine = waiting.filter((j) => j.owner === owner).length;
  const mayRunNow =
    running < MAX_WORKERS && ownerRunning(owner) < queueLimits.perUserRunning && mine === 0;
  if (!mayRunNow) {
    if (
      owner &&
      ownerRunning(owner) + mine >= queueLimits.perUserRunning + queueLimits.perUserQueued
    ) {
      workerStats.refused++;
      const err = new ApiError(
        429,
        'TOO_MANY_EXPORTS',
        'Bạn đang có quá nhiều yêu cầu xuất tệp; hãy đợi các tệp trước tải xong rồi thử lại',
      );
      err.retryAfterSeconds = retryAfter(ownerRunning(owner) + mine);
      return Promise.reject(err);
    }
    if (waiting.length >= queueLimits.queued) {
      workerStats.refused++;
      const err = new ApiError(
        503,
        'EXPORT_QUEUE_FULL',
        'Máy chủ đang bận xuất tệp cho nhiều người; hãy thử lại sau ít phút',
      );
      err.retryAfterSeconds = retryAfter(waiting.length + running);
      return Promise.reject(err);
    }
  }

  return new Promise<T>((resolve, reject) => {
    let worker: Worker | undefined;
    let settled = false;
    let started = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => job.cancel(abortError());
    const finish = (err: Error | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (worker) {
        void worker.terminate();
        running--;
        runningByOwner.set(owner, ownerRunning(owner) - 1);
        if (ownerRunning(owner) <= 0) runningByOwner.delete(owner);
        if (!err)
          averageSeconds = 0.7 * averageSeconds + 0.3 * ((performance.now() - started) / 1000);
        pump();
      }
      if (err) reject(err);
      else resolve(value as T);
    };
    const job: Job = {
      owner,
      cancel: (reason) => {
        const i = waiting.indexOf(job);
        if (i >= 0) waiting.splice(i, 1);
        if (!settled) workerStats.cancelled++;
        finish(reason);
      },
      start: () => {
        running++;
        runningByOwner.set(owner, ownerRunning(owner) + 1);
        workerStats.started++;
        started = performance.now();
        const w = new Worker(BOOT, { workerData: { entry: taskUrl(entry), input } });
        worker = w;
        timer = setTimeout(
          () => finish(new Error(`worker ${entry} timed out after ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
        w.once('message', (m: { ok: true; result: T } | { ok: false; error: string }) => {
          if (m.ok) {
            workerStats.completed++;
            finish(null, m.result);
          } else finish(new Error(`worker ${entry}: ${m.error}`));
        });
        w.once('error', (err) => finish(err));
        w.once('exit', (code) => {
          finish(new Error(`worker ${entry} exited with code ${code}`));
        });
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    waiting.push(job);
    pump();
  });
}

const admitted = new Map<string, number>();

/**
 * Admits an export request of the signed-in user before it loads anything: at most
 * `perUserRunning + perUserQueued` of one user's exports are in progress at once (429 beyond).
 * The data an export gathers costs database time too, so 20 requests of one user no longer
 * queue 20 loads ahead of everybody else's. Mount after requireUser.
 */
export const exportAdmission = createMiddleware<AppEnv>(async (c, next) => {
  const owner = c.var.user.id;
  const now = admitted.get(owner) ?? 0;
  if (now >= queueLimits.perUserRunning + queueLimits.perUserQueued) {
    workerStats.refused++;
    const err = new ApiError(
      429,
      'TOO_MANY_EXPORTS',
      'Bạn đang có quá nhiều yêu cầu xuất tệp; hãy đợi các tệp trước tải xong rồi thử lại',
    );
    err.retryAfterSeconds = retryAfter(now);
    throw err;
  }
  admitted.set(owner, now + 1);
  try {
    await next();
  } finally {
    const left = (admitted.get(owner) ?? 1) - 1;
    if (left > 0) admitted.set(owner, left);
    else admitted.delete(owner);
  }
});

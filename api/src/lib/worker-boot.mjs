// Entry of a worker thread: loads a TypeScript task module through tsx (so that it works the same
// under `tsx`, plain node and vitest), runs its `run(input)` once and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  const task = await tsImport(workerData.entry, import.meta.url);
  const result = await task.run(workerData.input);
  const transfer = result instanceof Uint8Array && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength ? [result.buffer] : [];
  parentPort.postMessage({ ok: true, result }, transfer);
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
}

// Entry of a worker thread: loads a task module, runs its `run(input)` once and posts the result
// back. `entry` is a file URL: a TypeScript source (under tsx, plain node with tsx and vitest) is
// loaded through tsx; a built .js module (`npm run build`, where tsx is not installed) is imported.
import { parentPort, workerData } from 'node:worker_threads';

try {
  const { entry } = workerData;
  const task = entry.endsWith('.ts')
    ? await (await import('tsx/esm/api')).tsImport(entry, import.meta.url)
    : await import(entry);
  const result = await task.run(workerData.input);
  const transfer =
    result instanceof Uint8Array &&
    result.byteOffset === 0 &&
    result.byteLength === result.buffer.byteLength
      ? [result.buffer]
      : [];
  parentPort.postMessage({ ok: true, result }, transfer);
} catch (err) {
  parentPort.postMessage({
    ok: false,
    error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err),
  });
}

import { runInWorker } from '../../lib/in-worker.ts';
import { renderDocx, type DocSpec } from './docx.ts';
import type { ExportTable } from './tables.ts';
import { toXlsx } from './xlsx.ts';

/** A file to produce, as plain data (it crosses to a worker thread). */
export type RenderJob =
  | { kind: 'xlsx'; tables: ExportTable[]; subject: string }
  | { kind: 'docx'; spec: DocSpec };

/** The worker side: builds the file. */
export async function run(job: RenderJob): Promise<Uint8Array> {
  return job.kind === 'xlsx' ? toXlsx(job.tables, job.subject) : renderDocx(job.spec);
}

/**
 * Builds an XLSX or DOCX in a worker thread: packing a big document takes seconds of CPU that
 * must not stall the requests of other users (see test/bench/synthesis.ts for the figures).
 */
export function renderFile(job: RenderJob): Promise<Uint8Array> {
  return runInWorker<Uint8Array>('../features/exports/render.ts', job);
}

// The process that serves during the benchmark (started by run.ts with `node --import tsx`), so
// that the load generator never shares an event loop with the server it measures. It runs the
// real API through `startServer`, later the baseline app in the same Node process, and answers
// commands over IPC.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../api/src/db/rows.ts';
import { parseEnv } from '../../api/src/env.ts';
import { startServer, type RunningServer } from '../../api/src/server.ts';
import {
  submissionContextSql,
  type ContextParams,
} from '../../api/src/features/reports/submission-context.ts';
import { startBaseline, type Baseline } from './baseline-app.ts';

export type Command =
  | { cmd: 'start'; env: Record<string, string> }
  | { cmd: 'query'; text: string }
  // Over IPC a Date arrives as its ISO string.
  | { cmd: 'explainContext'; params: Omit<ContextParams, 'dayStart'> & { dayStart: string } }
  | { cmd: 'restart' }
  // A CPU profile of this process between the two commands (BENCH_CPU_PROF in submit-member.ts).
  | { cmd: 'profileStart' }
  | { cmd: 'profileStop'; path: string }
  | { cmd: 'baseline'; target: { dataDir: string } | { url: string; max: number } }
  | { cmd: 'stop' };

let env: Record<string, string> = {};
let api: RunningServer | undefined;
let baseline: Baseline | undefined;
let profiler: Session | undefined;

async function waitHealthy(url: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function handle(msg: Command): Promise<unknown> {
  switch (msg.cmd) {
    case 'start': {
      env = msg.env;
      api = await startServer(parseEnv(env));
      return { url: api.url };
    }
    case 'query':
      return queryRows(api!.database.db, sql.raw(msg.text));
    case 'explainContext':
      // The submission's context statement exactly as the API sends it, bind parameters included.
      return queryRows(
        api!.database.db,
        sql`explain (analyze, buffers) ${submissionContextSql({ ...msg.params, dayStart: new Date(msg.params.dayStart) })}`,
      );
    case 'restart': {
      // Start-up on an existing data directory / database: open, migrate (nothing to do), listen, healthy.
      await api!.close();
      const t0 = performance.now();
      api = await startServer(parseEnv(env));
      await waitHealthy(api.url);
      return { url: api.url, ms: performance.now() - t0 };
    }
    case 'profileStart':
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return {};
    case 'profileStop': {
      const { profile } = await profiler!.post('Profiler.stop');
      profiler!.disconnect();
      writeFileSync(msg.path, JSON.stringify(profile));
      return { path: msg.path };
    }
    case 'baseline':
      baseline = await startBaseline(msg.target);
      return { url: baseline.url };
    case 'stop':
      await baseline?.close();
      await api?.close();
      return {};
  }
}

process.on('message', (msg: Command & { seq: number }) => {
  handle(msg).then(
    (result) => process.send!({ seq: msg.seq, result }),
    (err: unknown) =>
      process.send!({
        seq: msg.seq,
        error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err),
      }),
  );
});
// Never outlive the benchmark (Ctrl-C, a crash): the IPC channel closes when the parent goes.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });

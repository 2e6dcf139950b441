import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './server-process.ts';

export interface ServerChild {
  pid: number;
  send<T>(command: Command): Promise<T>;
  /** Resident set size now and its peak so far (VmHWM), in MB, read from /proc. */
  rss(): { rssMb: number; peakMb: number } | null;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** Starts the serving process (`node --import tsx server-process.ts`) and talks to it over IPC. */
export async function spawnServer(): Promise<ServerChild> {
  const child: ChildProcess = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
    child.on(
      'message',
      (m: { ready?: boolean; seq?: number; result?: unknown; error?: string }) => {
        if (m.ready) return resolve();
        const p = pending.get(m.seq!);
        pending.delete(m.seq!);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      },
    );
  });
  child.removeAllListeners('exit');
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`server process exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    send: <T>(command: Command) =>
      new Promise<T>((resolve, reject) => {
        const s = ++seq;
        pending.set(s, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...command, seq: s });
      }),
    rss: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = (key: string) =>
          Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
        return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
      } catch {
        return null;
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await Promise.race([
          new Promise((resolve, reject) => {
            const s = ++seq;
            pending.set(s, { resolve, reject });
            child.send({ cmd: 'stop', seq: s });
          }),
          new Promise((r) => setTimeout(r, 15_000)),
        ]);
      } catch {
        /* already gone */
      }
      child.kill('SIGTERM');
      await exited;
    },
  };
}

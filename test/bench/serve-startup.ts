// Start-up of the production server (`npm run build`, then `npm run serve`) on an existing database
// and its resident memory at idle. The built server runs as a child process exactly as systemd
// runs it (node api/dist/serve.js); one more start through `npm run serve` shows what npm adds.
// The benchmark's history is the demo province at scale, so ALLOW_DEMO=true lets serve open it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/api-process.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeFigures {
  /** spawn → /health answers 200, node api/dist/serve.js; each run a new process. */
  startMs: number[];
  /** The same through `npm run serve` (one run). */
  npmStartMs: number;
  /** VmRSS of the server 5 s after it answered, and after 200 sequential /health requests. */
  idleRssMb: number;
  /** api/dist on disk, source maps excluded. */
  buildKb: number;
}

/** `npm run build`'s API part, into api/dist (what `npm run serve` runs). */
export function buildApi(): void {
  const res = spawnSync(process.execPath, ['scripts/build-api.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`API build failed:\n${res.stdout}\n${res.stderr}`);
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** One start: spawn → /health; `measureIdle` also samples the resident memory at idle. */
async function startOnce(
  env: Record<string, string>,
  viaNpm: boolean,
  measureIdle: boolean,
): Promise<{ ms: number; idleRssMb: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = viaNpm
    ? spawn('npm', ['run', '--silent', 'serve'], {
        cwd: root,
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
    : spawn(process.execPath, ['api/dist/serve.js'], {
        cwd: root,
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  try {
    await waitHealthy(url, child, () => out);
    const ms = performance.now() - t0;
    let idleRssMb = NaN;
    if (measureIdle) {
      await new Promise((r) => setTimeout(r, 5_000));
      for (let i = 0; i < 200; i++) await (await fetch(`${url}/health`)).arrayBuffer();
      await new Promise((r) => setTimeout(r, 1_000));
      idleRssMb = rssMb(child.pid!);
    }
    return { ms, idleRssMb };
  } finally {
    if (viaNpm) {
      // npm → sh → node: signal the whole group, as a terminal's Ctrl-C would.
      const exited =
        child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      await exited;
      // npm may exit before the server has closed its database: wait for the PGlite lock to go.
      if (env.DATA_DIR)
        for (let i = 0; i < 600 && existsSync(join(env.DATA_DIR, 'duhop.lock')); i++)
          await new Promise((r) => setTimeout(r, 50));
    } else await stop(child);
  }
}

/** Measures the built server on a database that exists already (`env`: DATA_DIR or DATABASE_URL). */
export async function measureServe(
  env: Record<string, string>,
  log: (s: string) => void,
): Promise<ServeFigures> {
  const serveEnv = { ...env, ALLOW_DEMO: 'true', ESCALATION_INTERVAL_MS: '3600000' };
  const startMs: number[] = [];
  let idleRssMb = NaN;
  for (let i = 0; i < 3; i++) {
    const r = await startOnce(serveEnv, false, i === 0);
    startMs.push(r.ms);
    if (i === 0) idleRssMb = r.idleRssMb;
  }
  const npmStartMs = (await startOnce(serveEnv, true, false)).ms;
  const du = spawnSync('du', ['-sk', '--exclude=*.map', 'api/dist'], {
    cwd: root,
    encoding: 'utf8',
  });
  const buildKb = Number(du.stdout.split('\t')[0]);
  log(
    `  npm run serve on the existing data: ${startMs.map((m) => Math.round(m)).join(', ')} ms (node api/dist/serve.js), ${Math.round(npmStartMs)} ms through npm; idle RSS ${Math.round(idleRssMb)} MB; api/dist ${buildKb} KB`,
  );
  return { startMs, npmStartMs, idleRssMb, buildKb };
}

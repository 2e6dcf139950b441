import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase, type Database, type OpenOptions } from '../../api/src/db/client.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { createDatabase } from './db.ts';
import { databaseStarts, fillDataDir, type Start } from './db-starts.ts';
import { provided } from './provided.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where a real API process keeps its data: a PGlite directory, or (TEST_DB_DRIVER=pg) a fresh database. */
export interface ProcessData {
  driver: 'pglite' | 'pg';
  env: Record<string, string>;
  /** PostgreSQL only: a client on the same database, for checks while the API runs. */
  sql?: postgres.Sql;
  databaseName?: string;
  /** Opens the data directly (PGlite: only while no API process holds it). */
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

/**
 * Data for an API process. Under vitest it begins as a copy of what support/global-db.ts prepared
 * (`migrated` by default: the process skips PGlite's initdb and the migrations); `empty` is the
 * directory or database a fresh install starts from.
 */
export async function processData(start: Start = 'migrated'): Promise<ProcessData> {
  // A dump file (PGlite) or a template database (PostgreSQL).
  const prepared = start === 'empty' ? undefined : databaseStarts()?.[start];
  if ((process.env.TEST_DB_DRIVER ?? 'pglite') !== 'pg') {
    const dir = mkdtempSync(join(tmpdir(), 'duhop-proc-'));
    if (prepared) await fillDataDir(prepared, dir);
    else if (start === 'seeded') await migrateAndSeed({ dataDir: dir });
    return {
      driver: 'pglite',
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir: dir }),
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DB_DRIVER=pg needs TEST_DATABASE_URL');
  const name = `duhop_p_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await createDatabase(admin, name, prepared);
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (!prepared && start === 'seeded') await migrateAndSeed({ url: url.toString(), max: 2 });
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    driver: 'pg',
    env: { DATABASE_URL: url.toString() },
    sql,
    databaseName: name,
    open: () => openDatabase({ url: url.toString(), max: 2 }),
    destroy: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Without prepared starts (the benchmarks): migrate and seed here. */
async function migrateAndSeed(opts: OpenOptions): Promise<void> {
  const database = await openDatabase(opts);
  try {
    await seedDemo(database.db);
  } finally {
    await database.close();
  }
}

/** A port the kernel just handed out (PORT=0 is not supported by main.ts's log line or the tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: no shutdown handler runs, in-flight work is cut where it stands. */
  kill(): Promise<void>;
  /** SIGTERM: in-flight requests finish and the database is closed. */
  stop(): Promise<void>;
}

/** The development entry through tsx (`npm run dev:api`), for the tests that prove it still starts. */
export const TSX_MAIN = ['--import', 'tsx', 'api/src/main.ts'];

/** The same entry from the run's build (support/global-build.ts), or through tsx without one. */
export const devMain = (): string[] => {
  const build = provided('apiBuild');
  return build ? [`${build}/main.js`] : TSX_MAIN;
};

export interface StartOptions {
  /** What node runs, from the repository root (default: devMain(); the built server: ['<build>/serve.js']). */
  args?: string[];
  /** How long to wait for /health (a loaded machine starts PGlite slowly). */
  readyTimeoutMs?: number;
}

/**
 * Runs the API's development entry (`main.ts`, built or through tsx) as its own process on
 * 127.0.0.1 and waits for /health. tsx runs as `node --import tsx` rather than `npx tsx`, so that
 * the pid is the server itself: a signal sent to npx or to the tsx launcher would leave the real
 * server running.
 */
export async function startApiProcess(
  data: ProcessData,
  env: Record<string, string> = {},
  opts: StartOptions = {},
): Promise<ApiProcess> {
  const { args = devMain(), readyTimeoutMs = 120_000 } = opts;
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ESCALATION_INTERVAL_MS: '3600000',
        ...data.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const url = `http://127.0.0.1:${port}`;
    const ready = await Promise.race([
      waitHealthy(url, readyTimeoutMs).then(
        () => true,
        (err) => {
          child.kill('SIGKILL'); // never leave a server behind the test
          throw err;
        },
      ),
      exited.then(() => false),
    ]);
    if (ready) {
      const signal = async (sig: NodeJS.Signals) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill(sig);
        await exited;
      };
      return {
        url,
        port,
        child,
        output: () => out,
        kill: () => signal('SIGKILL'),
        stop: () => signal('SIGTERM'),
      };
    }
    if (attempt < 2 && /EADDRINUSE|already in use/.test(out)) continue; // the port was taken between probe and listen
    throw new Error(`API process exited before it was ready:\n${out}`);
  }
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs} ms`);
}

/** JSON over real HTTP to the process. */
export async function http(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely by the process tests' assertions (~15 call sites); typing them is left for a later pass
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* keep the text */
  }
  return { status: res.status, body };
}

export async function loginHttp(
  url: string,
  username: string,
  password = 'demo1234',
): Promise<string> {
  const res = await http(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200)
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

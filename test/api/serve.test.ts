import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provided } from '../support/provided.ts';
import {
  freePort,
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';

// The production server as people run it: `npm run build` bundles the API to plain JavaScript,
// `npm run serve` runs it with node alone. Every process here is real, on a real database.
const root = fileURLToPath(new URL('../../', import.meta.url));
const driver = (process.env.TEST_DB_DRIVER ?? 'pglite') === 'pg' ? 'pg' : 'pglite';
// The run's build (support/global-build.ts: the same scripts/build-api.mjs), or without one a copy
// of this file's own (the PGlite and PostgreSQL projects may run this file at once).
const runBuild = provided('apiBuild');
const outName = runBuild ? runBuild.replace(/^api\//, '') : `.dist-test-${process.pid}`;
const built = (entry: 'serve.js' | 'main.js') => [`api/${outName}/${entry}`];

const started: ApiProcess[] = [];
const datas: ProcessData[] = [];
const dirs: string[] = [];

/** An empty DATA_DIR or database, as a fresh install starts from (initdb and migrations included). */
async function fresh(): Promise<ProcessData> {
  const d = await processData('empty');
  datas.push(d);
  return d;
}

async function start(
  data: ProcessData,
  env: Record<string, string>,
  entry: 'serve.js' | 'main.js',
): Promise<ApiProcess> {
  const api = await startApiProcess(data, env, { args: built(entry) });
  started.push(api);
  return api;
}

interface Exited {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs the built server until it exits by itself (it is expected to refuse to start). */
function runToExit(entry: 'serve.js' | 'main.js', env: Record<string, string>): Promise<Exited> {
  const t0 = performance.now();
  const child = spawn(process.execPath, built(entry), {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', ESCALATION_INTERVAL_MS: '3600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, output, ms: performance.now() - t0 })),
  );
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

/** Counts rows with the server stopped (PGlite) or beside it (PostgreSQL). */
async function count(data: ProcessData, table: string, where = 'true'): Promise<number> {
  if (data.sql)
    return Number(
      (await data.sql.unsafe(`select count(*)::int as n from ${table} where ${where}`))[0]!.n,
    );
  const database = await data.open();
  try {
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../../api/src/db/rows.ts');
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql.raw(`select count(*)::int as n from ${table} where ${where}`),
    );
    return Number(rows[0]!.n);
  } finally {
    await database.close();
  }
}

beforeAll(() => {
  if (runBuild) return;
  const res = spawnSync(process.execPath, ['scripts/build-api.mjs', '--outdir', outName], {
    cwd: root,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`build failed:\n${res.stdout}\n${res.stderr}`);
}, 120_000);

afterAll(async () => {
  for (const api of started) await api.stop();
  for (const data of datas) await data.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (!runBuild) rmSync(join(root, 'api', outName), { recursive: true, force: true });
}, 60_000);

describe('the built server (npm run build, npm run serve)', () => {
  it('has no TypeScript and no tsx in it', () => {
    const files = readdirSync(join(root, 'api', outName), { recursive: true }).map(String);
    expect(files).toContain('serve.js');
    expect(files).toContain('main.js');
    expect(files).toContain(join('features', 'exports', 'render.js'));
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const imports = spawnSync(
      'grep',
      [
        '-rlE',
        '--exclude=worker-boot.mjs',
        `from ["']tsx|import\\(["']tsx`,
        join(root, 'api', outName),
      ],
      { encoding: 'utf8' },
    ).stdout;
    // worker-boot.mjs loads tsx only for a .ts task, and the built server passes it .js ones.
    expect(imports).toBe('');
  });

  it('on an empty database: reference data only, no demo accounts', async () => {
    const data = await fresh();
    const api = await start(data, {}, 'serve.js');
    expect(api.output()).toMatch(/create the first administrator/);
    expect(
      (
        await http(api.url, 'POST', '/api/auth/login', {
          body: { username: 'admin', password: 'demo1234' },
        })
      ).status,
    ).toBe(401);
    await api.stop();
    expect(await count(data, 'users')).toBe(0);
    expect(await count(data, 'org_units')).toBe(0);
    expect(await count(data, 'holidays')).toBeGreaterThan(10);
    expect(await count(data, 'criteria_sets')).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a database that holds the demo accounts unless ALLOW_DEMO=true; exports run in its worker thread', async () => {
    const data = await fresh();
    // The demo entry (what npm start runs) seeds the demo province on an empty database.
    const demo = await start(data, {}, 'main.js');
    // A DOCX export runs in a worker thread: the built worker must load the built task module.
    const token = await loginHttp(demo.url, 'commune');
    const res = await fetch(`${demo.url}/api/synthesis/export?month=2026-11&format=docx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await demo.stop();

    const refused = await runToExit('serve.js', { ...data.env, PORT: String(await freePort()) });
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(lines(refused.output)).toHaveLength(1);
    expect(refused.output).toMatch(
      /demo accounts \(admin, commune, .*\).*remove-demo.*ALLOW_DEMO=true/,
    );

    const allowed = await start(data, { ALLOW_DEMO: 'true' }, 'serve.js');
    expect(typeof (await loginHttp(allowed.url, 'admin'))).toBe('string');
    await allowed.stop();
  }, 180_000);

  // serve.js probes the port before it loads the API; main.js (npm start) finds it when it binds,
  // which the server also does before it opens the database.
  it.each(['serve.js', 'main.js'] as const)(
    '%s: a port already in use is one clear line, before the database is opened',
    async (entry) => {
      const data = await fresh();
      const busy: Server = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const port = (busy.address() as { port: number }).port;
      try {
        const res = await runToExit(entry, { ...data.env, PORT: String(port) });
        expect(res.code).toBe(1);
        expect(lines(res.output)).toEqual([
          `[duhop] PORT ${port} on 127.0.0.1 is already in use by another program (another duhop?): stop it or set PORT to a free port`,
        ]);
        console.log(`port in use: ${entry} refused in ${Math.round(res.ms)} ms (${driver})`);
        // Nothing was opened: no PGlite files, no migrated tables.
        if (data.sql)
          expect(
            Number(
              (
                await data.sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`
              )[0]!.n,
            ),
          ).toBe(0);
        else expect(readdirSync(data.env.DATA_DIR!)).toEqual([]);
      } finally {
        await new Promise((resolve) => busy.close(resolve));
      }
    },
    60_000,
  );

  it('an empty PORT is an error, not a random port', async () => {
    const data = await fresh();
    const res = await runToExit('serve.js', { ...data.env, PORT: '' });
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/Invalid environment:\n\s+PORT: must be a port number/);
  }, 60_000);

  it.runIf(driver === 'pg')(
    'two instances starting together on one empty PostgreSQL both serve, and seed it once',
    async () => {
      const data = await fresh();
      const [a, b] = await Promise.all([start(data, {}, 'main.js'), start(data, {}, 'main.js')]);
      expect((await http(a.url, 'GET', '/health')).status).toBe(200);
      expect((await http(b.url, 'GET', '/health')).status).toBe(200);
      expect(await count(data, 'users')).toBe(8);
      expect(await count(data, 'users', `username = 'admin'`)).toBe(1);
      const seededBy = [a, b].filter((p) => p.output().includes('Seeded the demo province'));
      expect(seededBy).toHaveLength(1);
      await Promise.all([a.stop(), b.stop()]);
    },
    120_000,
  );

  describe.runIf(driver === 'pglite')('DATA_DIR', () => {
    it('a second process on the same directory exits at once, with one line naming the holder', async () => {
      const data = await fresh();
      const first = await start(data, {}, 'main.js');
      const second = await runToExit('main.js', { ...data.env, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(lines(second.output)).toHaveLength(1);
      expect(second.output).toContain(
        `DATA_DIR ${data.env.DATA_DIR} is in use by process ${first.child.pid} (server)`,
      );
      console.log(`second process on one DATA_DIR: refused in ${Math.round(second.ms)} ms`);
      // The first one still serves, and its lock goes with it.
      expect(typeof (await loginHttp(first.url, 'admin'))).toBe('string');
      await first.stop();
      expect(existsSync(join(data.env.DATA_DIR!, 'duhop.lock'))).toBe(false);
    }, 120_000);

    it('a relative DATA_DIR is relative to where the command was run', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'duhop-cwd-'));
      dirs.push(cwd);
      // A file where a directory is expected: the message names the path resolved from INIT_CWD.
      writeFileSync(join(cwd, 'plain-file'), 'x');
      const notDir = await runToExit('serve.js', {
        DATABASE_URL: '',
        DATA_DIR: 'plain-file/db',
        INIT_CWD: cwd,
        PORT: String(await freePort()),
      });
      expect(notDir.code).toBe(1);
      expect(lines(notDir.output)).toEqual([
        `[duhop] DATA_DIR ${join(cwd, 'plain-file/db')} is not a directory`,
      ]);
    }, 60_000);

    const canMount = (() => {
      const probe = mkdtempSync(join(tmpdir(), 'duhop-mnt-'));
      const ok =
        spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', probe]).status === 0;
      if (ok) spawnSync('umount', [probe]);
      rmSync(probe, { recursive: true, force: true });
      return ok;
    })();

    // chmod does not stop root: a read-only or a tiny tmpfs is the honest test, when mount is allowed.
    it.skipIf(!canMount)(
      'a read-only DATA_DIR is named as such (needs mount: skipped when not permitted)',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'duhop-ro-'));
        dirs.push(dir);
        expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]).status).toBe(
          0,
        );
        try {
          const res = await runToExit('serve.js', {
            DATABASE_URL: '',
            DATA_DIR: dir,
            PORT: String(await freePort()),
          });
          expect(res.code).toBe(1);
          expect(lines(res.output)).toEqual([
            `[duhop] DATA_DIR ${dir} is read-only (EROFS): give the server's user write access or choose another directory`,
          ]);
        } finally {
          spawnSync('umount', [dir]);
        }
      },
      60_000,
    );

    it.skipIf(!canMount)(
      'a full DATA_DIR is named as such (needs mount: skipped when not permitted)',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'duhop-full-'));
        dirs.push(dir);
        expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]).status).toBe(0);
        try {
          mkdirSync(join(dir, 'db'));
          const res = await runToExit('serve.js', {
            DATABASE_URL: '',
            DATA_DIR: join(dir, 'db'),
            PORT: String(await freePort()),
          });
          expect(res.code).toBe(1);
          expect(res.output).toContain(
            `[duhop] DATA_DIR ${join(dir, 'db')} is on a full disk (ENOSPC): free space, then start again`,
          );
        } finally {
          spawnSync('umount', [dir]);
        }
      },
      60_000,
    );
  });
});

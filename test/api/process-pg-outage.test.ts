import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  http,
  loginHttp,
  startApiProcess,
  type ApiProcess,
} from '../support/api-process.ts';
import { faultLoad, until } from '../support/fault-load.ts';
import { openDatabase } from '../../api/src/db/client.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { liftDailyReportLimit } from '../support/limits.ts';

// Issue 13: PostgreSQL stopped and restarted under load. A private cluster (initdb/pg_ctl as the
// `postgres` OS user, on a free port, in a temp dir) so the shared server is untouched.
const isPg = process.env.TEST_DB_DRIVER === 'pg';
const bin = (() => {
  try {
    return execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'])
      .toString()
      .trim();
  } catch {
    return '';
  }
})();
const skipReason = !isPg
  ? 'a PostgreSQL outage concerns the api-pg project'
  : !bin
    ? 'no PostgreSQL server binaries under /usr/lib/postgresql'
    : userInfo().uid !== 0
      ? 'needs root to run initdb as the postgres user'
      : undefined;

const asPostgres = (args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' }).toString();

describe.skipIf(!!skipReason)(
  `PostgreSQL stopped and restarted under load${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    let dir = '';
    let port = 0;
    let api: ApiProcess | undefined;
    let sql: postgres.Sql | undefined;
    const figures: Record<string, number> = {};
    const pgCtl = (...args: string[]) =>
      asPostgres([`${bin}/pg_ctl`, '-D', join(dir, 'data'), ...args]);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'duhop-pgc-'));
      chmodSync(dir, 0o755);
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
      asPostgres([
        `${bin}/initdb`,
        '-D',
        join(dir, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
      ]);
      port = await freePort();
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      pgCtl('-o', opts, '-l', join(dir, 'log'), '-w', 'start');
      const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, {
        max: 1,
        onnotice: () => {},
      });
      await admin.unsafe('create database duhop');
      await admin.end();
    }, 120_000);

    afterAll(async () => {
      await api?.kill();
      await sql?.end({ timeout: 1 }).catch(() => {});
      console.log('[process-pg-outage] figures (ms):', JSON.stringify(figures));
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('answers 503 DATABASE_UNAVAILABLE while it is down, /health says why, serves again when it is back, and every 201 is stored', async () => {
      const url = `postgres://postgres@127.0.0.1:${port}/duhop`;
      // The load may send more reports than a member's daily limit allows: lift it.
      const database = await openDatabase({ url, max: 3 }); // migrations hold one connection for their lock
      try {
        await seedDemo(database.db);
        await liftDailyReportLimit(database.db);
      } finally {
        await database.close();
      }
      api = await startApiProcess(
        {
          driver: 'pg',
          env: { DATABASE_URL: url },
          open: () => Promise.reject(new Error('unused')),
          destroy: async () => {},
        },
        { DB_POOL_MAX: '4' },
        { readyTimeoutMs: 120_000 },
      );
      const token = await loginHttp(api.url, 'observer');
      const load = faultLoad(api.url, token, { workers: 4 });
      await until(() => load.count((o) => o.status === 201) >= 20, 60_000, '20 reports stored');

      const stoppedAt = Date.now();
      pgCtl('-m', 'fast', '-w', 'stop');
      figures.pg_stop = Date.now() - stoppedAt;
      await until(
        () => load.count((o) => o.code === 'DATABASE_UNAVAILABLE' && o.at > stoppedAt) > 0,
        30_000,
        'a 503 DATABASE_UNAVAILABLE',
      );
      figures.time_to_503 =
        Math.min(
          ...[...load.sent.values()]
            .filter((o) => o.code === 'DATABASE_UNAVAILABLE')
            .map((o) => o.at),
        ) - stoppedAt;
      const health = await http(api.url, 'GET', '/health');
      expect(health.status).toBe(503);
      // Refused at once (UNAVAILABLE), or queued behind the load's own reconnecting pool past
      // HEALTH_TIMEOUT_MS (TIMEOUT): either way /health says the database does not answer.
      expect(health.body).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/^DATABASE_(UNAVAILABLE|TIMEOUT)$/),
      });

      const startedAt = Date.now();
      pgCtl(
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        '-l',
        join(dir, 'log'),
        '-w',
        'start',
      );
      figures.pg_start = Date.now() - startedAt;
      await until(
        () => [...load.sent.values()].some((o) => o.status === 201 && o.at > startedAt),
        60_000,
        'a 201 after PostgreSQL is back',
      );
      figures.time_to_recover =
        Math.min(
          ...[...load.sent.values()]
            .filter((o) => o.status === 201 && o.at > startedAt)
            .map((o) => o.at),
        ) - startedAt;
      expect((await http(api.url, 'GET', '/health')).status).toBe(200);
      await load.stop();

      const outcomes = [...load.sent.values()];
      const other = outcomes.filter(
        (o) =>
          o.status !== 201 &&
          o.status !== 'no answer' &&
          !(o.status === 503 && o.code === 'DATABASE_UNAVAILABLE'),
      );
      expect(other.map((o) => `${o.status} ${o.code}`)).toEqual([]);
      expect(outcomes.filter((o) => o.status === 'no answer')).toEqual([]);

      sql = postgres(url, { max: 1, onnotice: () => {} });
      const acked = [...load.sent].filter(([, o]) => o.status === 201);
      const rows = await sql<{ id: string; issues: number }[]>`
      select r.id, (select count(*)::int from issues i where i.report_id = r.id) as issues from reports r where r.id = any(${acked.map(([id]) => id)})`;
      const stored = new Map(rows.map((r) => [r.id, r.issues]));
      for (const [id, o] of acked) expect(stored.get(id), id).toBe(o.issueIds.length);
      const t = Date.now();
      await api.stop();
      figures.shutdown = Date.now() - t;
      expect(api.child.exitCode).toBe(0);
      expect(api.output()).toMatch(/"fault":"DATABASE_UNAVAILABLE"/);
    }, 300_000);
  },
);

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  http,
  loginHttp,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { openDatabase } from '../../api/src/db/client.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { faultLoad, until, type Outcome } from '../support/fault-load.ts';
import { liftDailyReportLimitOf } from '../support/limits.ts';
import { databaseStarts, fillDataDir } from '../support/db-starts.ts';

// Issue 13: a full disk under an embedded (PGlite) server. DATA_DIR lives on a small tmpfs that
// the test fills with a ballast file, as a growing log file would. PGlite only: with PostgreSQL the
// disk belongs to the database server (see process-pg-outage.test.ts for its faults).
const MB = 1024 * 1024;
const isPglite = (process.env.TEST_DB_DRIVER ?? 'pglite') !== 'pg';

function tryMount(): { dir: string; reason?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'duhop-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=220m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (err) {
    return {
      dir,
      reason: `mount -t tmpfs is not permitted here (${String((err as Error).message).split('\n')[0]})`,
    };
  }
}

const mount = isPglite
  ? tryMount()
  : { dir: '', reason: 'DATA_DIR and its disk concern PGlite only' };
if (mount.reason) console.warn(`[process-disk-full] skipped: ${mount.reason}`);

const freeBytes = () => {
  const s = statfsSync(mount.dir);
  return s.bavail * s.bsize;
};
/** Leaves about `leaveBytes` free on the tmpfs. */
const fillTo = (leaveBytes: number) =>
  writeFileSync(join(mount.dir, 'ballast'), Buffer.alloc(Math.max(0, freeBytes() - leaveBytes)));
const freeBallast = () => rmSync(join(mount.dir, 'ballast'), { force: true });

describe.skipIf(!!mount.reason)(
  `a full disk under the embedded database (tmpfs DATA_DIR)${mount.reason ? ` — skipped: ${mount.reason}` : ''}`,
  () => {
    let data: ProcessData;
    let api: ApiProcess | undefined;
    const sent = new Map<string, Outcome>();
    const figures: Record<string, number> = {};

    beforeAll(async () => {
      const dataDir = join(mount.dir, 'data');
      mkdirSync(dataDir);
      data = {
        driver: 'pglite',
        env: { DATA_DIR: dataDir, DATABASE_URL: '', SHUTDOWN_TIMEOUT_MS: '10000' },
        open: () => openDatabase({ dataDir }),
        destroy: async () => {},
      };
      // The demo province from the run's dump when there is one (no initdb), else seeded here.
      const seeded = databaseStarts()?.seeded;
      if (seeded) await fillDataDir(seeded, dataDir);
      else {
        const database = await data.open();
        try {
          await seedDemo(database.db);
        } finally {
          await database.close();
        }
      }
      // The load sends more reports than a member's daily limit allows: lift it, so the disk fills.
      await liftDailyReportLimitOf(data);
    }, 120_000);

    afterAll(async () => {
      await api?.kill();
      console.log('[process-disk-full] figures (ms):', JSON.stringify(figures));
      try {
        execFileSync('umount', ['-l', mount.dir]);
      } finally {
        rmSync(mount.dir, { recursive: true, force: true });
      }
    }, 30_000);

    it('refuses writes with 503 STORAGE_FULL before PGlite panics, /health says why, and serves again once space returns', async () => {
      api = await startApiProcess(data, { STORAGE_MIN_FREE_MB: '64' }, { readyTimeoutMs: 120_000 });
      const token = await loginHttp(api.url, 'observer');
      const load = faultLoad(api.url, token, { workers: 4 });
      await until(() => load.count((o) => o.status === 201) >= 20, 60_000, '20 reports stored');

      fillTo(40 * MB); // below the 64 MB reserve
      const filledAt = Date.now();
      await until(
        () => load.count((o) => o.code === 'STORAGE_FULL' && o.at >= filledAt) > 0,
        30_000,
        'a 503 STORAGE_FULL',
      );
      figures.time_to_503 =
        Math.min(
          ...[...load.sent.values()].filter((o) => o.code === 'STORAGE_FULL').map((o) => o.at),
        ) - filledAt;
      const health = await http(api.url, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'unavailable', reason: 'STORAGE_FULL' });
      expect(health.body.message).toMatch(/hết dung lượng/);
      // Reading still works while writes are refused.
      expect((await http(api.url, 'GET', '/api/reports?limit=5', { token })).status).toBe(200);

      freeBallast();
      const freedAt = Date.now();
      await until(
        () => [...load.sent.values()].some((o) => o.status === 201 && o.at > freedAt + 600),
        30_000,
        'a 201 after space returned',
      );
      figures.time_to_recover =
        Math.min(
          ...[...load.sent.values()]
            .filter((o) => o.status === 201 && o.at > freedAt)
            .map((o) => o.at),
        ) - freedAt;
      expect((await http(api.url, 'GET', '/health')).status).toBe(200);

      // SIGTERM under load ends the process within the shutdown timeout.
      const t = Date.now();
      await api.stop();
      figures.shutdown_under_load = Date.now() - t;
      expect(figures.shutdown_under_load).toBeLessThan(10_000);
      expect(api.child.exitCode).toBe(0);
      await load.stop();
      for (const [id, o] of load.sent) sent.set(id, o);

      const statuses = new Set(
        [...load.sent.values()].map((o) => (o.status === 201 ? '201' : `${o.status} ${o.code}`)),
      );
      expect(
        [...statuses].filter(
          (s) => s !== '201' && s !== '503 STORAGE_FULL' && s !== 'no answer undefined',
        ),
      ).toEqual([]);
    }, 300_000);

    it('with no reserve, the PANIC of a full WAL answers 503 and the process exits with code 75 at once; after a restart nothing acknowledged is lost', async () => {
      api = await startApiProcess(data, { STORAGE_MIN_FREE_MB: '0' }, { readyTimeoutMs: 120_000 });
      const token = await loginHttp(api.url, 'observer');
      fillTo(14 * MB); // less than a 16 MB WAL segment
      const load = faultLoad(api.url, token, { workers: 4, bulky: true });
      const exited = new Promise<number | null>((resolve) =>
        api!.child.once('exit', (code) => resolve(code)),
      );
      let faultAt = 0;
      await until(
        () => {
          const first = [...load.sent.values()].filter(
            (o) => typeof o.status === 'number' && o.status >= 500,
          );
          if (first.length && !faultAt) faultAt = Math.min(...first.map((o) => o.at));
          return api!.child.exitCode !== null;
        },
        150_000,
        'the process to exit after the PANIC',
      );
      const code = await exited;
      figures.exit_after_first_503 = Date.now() - faultAt;
      await load.stop();
      for (const [id, o] of load.sent) sent.set(id, o);
      expect(code).toBe(75);
      expect(api.output()).toMatch(/FATAL: the embedded database stopped \(STORAGE_FULL/);
      const errors = [...load.sent.values()].filter(
        (o) => typeof o.status === 'number' && o.status !== 201,
      );
      expect(errors.length).toBeGreaterThan(0);
      expect(
        errors.every(
          (o) => o.status === 503 && (o.code === 'STORAGE_FULL' || o.code === 'DATABASE_FAILED'),
        ),
      ).toBe(true);

      // Space returns; the supervisor's restart recovers the database from its WAL.
      freeBallast();
      const t = Date.now();
      api = await startApiProcess(data, { STORAGE_MIN_FREE_MB: '0' }, { readyTimeoutMs: 120_000 });
      figures.restart_after_panic = Date.now() - t;
      const reader = await loginHttp(api.url, 'observer');
      const acked = [...sent].filter(([, o]) => o.status === 201);
      expect(acked.length).toBeGreaterThan(5);
      for (const [id, o] of acked) {
        const res = await http(api.url, 'GET', `/api/reports/${id}`, { token: reader });
        expect(res.status, id).toBe(200);
        expect(res.body.issues.map((i: { id: string }) => i.id)).toEqual(o.issueIds);
      }
      expect(
        (await http(api.url, 'POST', '/api/reports', { token: reader, body: {} })).status,
      ).toBe(422);
    }, 400_000);
  },
);

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { escalateOverdue } from '../../api/src/features/issues/escalation.ts';
import {
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { runCli } from '../support/cli.ts';
import { recentMeetingDate, reportBodyWithIssues } from '../support/report-bodies.ts';

// Backups as an operator takes them: a database with reports, issues, events, an escalation and
// audit rows (PGlite in the api-pglite project, PostgreSQL in api-pg) is dumped with
// `npm run backup`, restored with `npm run restore` into a new PostgreSQL database and into a new
// PGlite directory; every table has the same rows, and the API starts on each and serves the report.
const LONG = 600_000;
/** The machine running the suites may be loaded: give a server start up to two minutes. */
const START_MS = 120_000;
const pgBase = process.env.TEST_DATABASE_URL;
let source: ProcessData;
const work = mkdtempSync(join(tmpdir(), 'duhop-backup-test-'));
const backupFile = join(work, 'backup.sql');
const cleanups: (() => Promise<void>)[] = [];
let reportId = '';
let issueIds: string[] = [];
let sourceSums: Record<string, string> = {};

/** One checksum per table (schemas public and drizzle): md5 of its rows' text, in a fixed order. */
async function tableChecksums(database: Database): Promise<Record<string, string>> {
  await database.exec("set timezone = 'UTC'");
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`select table_schema || '.' || table_name as name from information_schema.tables
         where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; sum: string }>(
      database.db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum from ${name} t`,
      ),
    );
    sums[name] = `${row!.n}:${row!.sum}`;
  }
  return sums;
}

async function newPostgres(): Promise<{ url: string; env: Record<string, string> }> {
  const name = `duhop_r_${randomBytes(6).toString('hex')}`;
  const admin = postgres(pgBase!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(pgBase!);
  url.pathname = `/${name}`;
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return { url: url.toString(), env: { DATABASE_URL: url.toString() } };
}

beforeAll(async () => {
  source = await processData();
  const seeding = await source.open();
  try {
    await seedDemo(seeding.db);
  } finally {
    await seeding.close();
  }
  const api = await startApiProcess(source, {}, { readyTimeoutMs: START_MS });
  try {
    const observer = await loginHttp(api.url, 'observer');
    // This report needs issues (issues, events, an escalation).
    const body = reportBodyWithIssues('hn-xom-1', recentMeetingDate(), ['na-bnc']);
    const res = await http(api.url, 'POST', '/api/reports', { token: observer, body });
    expect(res.status).toBe(201);
    reportId = body.id;
    issueIds = body.issues.map((i) => i.id);
    expect(issueIds.length).toBeGreaterThan(0);
    // An administrative change: an audit row.
    const admin = await loginHttp(api.url, 'admin');
    const users = await http(api.url, 'GET', '/api/admin/users', { token: admin });
    const commune = users.body.items.find((u: { username: string }) => u.username === 'commune');
    expect(
      (
        await http(api.url, 'PATCH', `/api/admin/users/${commune.id}`, {
          token: admin,
          body: { displayName: 'Trần Thị Bình (đã sửa)' },
        })
      ).status,
    ).toBe(200);
  } finally {
    await api.stop();
  }
  // Far in the future every open issue is overdue: escalations and their events.
  const database = await source.open();
  try {
    expect(
      await escalateOverdue(database, new Date(Date.now() + 400 * 86_400_000)),
    ).toBeGreaterThan(0);
    sourceSums = await tableChecksums(database);
  } finally {
    await database.close();
  }
}, LONG);

afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
  await source?.destroy();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm run backup / npm run restore', () => {
  it(
    'dumps the database to one plain SQL file',
    async () => {
      const res = await runCli(source.env, ['backup', '--out', backupFile]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(backupFile);
      // Password hashes and sessions are in it: private to its owner, whatever the umask.
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);
      const text = readFileSync(backupFile, 'utf8');
      expect(text.startsWith('--\n-- PostgreSQL database dump')).toBe(true);
      expect(text).toContain(reportId);
      expect(text).toContain('__drizzle_migrations');
      for (const table of ['audit_log', 'issue_events', 'issues', 'reports', 'users'])
        expect(Object.keys(sourceSums)).toContain(`public.${table}`);
      expect(sourceSums['public.audit_log']!.startsWith('0:')).toBe(false);
    },
    LONG,
  );

  const served: unknown[] = [];

  async function checkRestored(env: Record<string, string>, open: () => Promise<Database>) {
    const res = await runCli(env, ['restore', '--in', backupFile]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const database = await open();
    try {
      expect(await tableChecksums(database)).toEqual(sourceSums);
    } finally {
      await database.close();
    }
    // A second restore into the now non-empty database is refused, and changes nothing.
    const again = await runCli(env, ['restore', '--in', backupFile]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/is not empty/);

    const api = await startApiProcess(
      { ...source, env } as ProcessData,
      {},
      { readyTimeoutMs: START_MS },
    );
    try {
      const observer = await loginHttp(api.url, 'observer');
      const report = await http(api.url, 'GET', `/api/reports/${reportId}`, { token: observer });
      expect(report.status).toBe(200);
      expect(report.body.id).toBe(reportId);
      expect(report.body.issues.map((i: { id: string }) => i.id).sort()).toEqual(
        [...issueIds].sort(),
      );
      served.push(report.body);
      // Sequences came back with the data: a new audit row gets a fresh id (no duplicate key).
      const admin = await loginHttp(api.url, 'admin');
      const dl = await http(api.url, 'GET', '/api/admin/backup', { token: admin });
      expect(dl.status).toBe(200);
    } finally {
      await api.stop();
    }
    const after = await open();
    try {
      expect(Object.keys(await tableChecksums(after))).toEqual(Object.keys(sourceSums));
    } finally {
      await after.close();
    }
  }

  it.skipIf(!pgBase)(
    'restores into a new PostgreSQL database: same rows in every table, the API serves the report',
    async () => {
      const { url, env } = await newPostgres();
      await checkRestored(env, () => openDatabase({ url, max: 2 }));
    },
    LONG,
  );

  it(
    'restores into a new PGlite directory: same rows in every table, the API serves the report',
    async () => {
      const dir = join(work, 'restored-pglite');
      await checkRestored({ DATA_DIR: dir }, () => openDatabase({ dataDir: dir }));
    },
    LONG,
  );

  it('serves the same report from every restored copy', () => {
    expect(served.length).toBeGreaterThan(0);
    for (const s of served) expect(s).toEqual(served[0]);
  });

  it(
    'refuses a file cut short, and a file that is not a backup, writing nothing',
    async () => {
      const dir = join(work, 'never');
      const cut = join(work, 'cut.sql');
      const text = readFileSync(backupFile, 'utf8');
      writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
      const res = await runCli({ DATA_DIR: dir }, ['restore', '--in', cut]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/incomplete/);
      const other = join(work, 'other.sql');
      writeFileSync(other, 'drop table users;');
      const res2 = await runCli({ DATA_DIR: dir }, ['restore', '--in', other]);
      expect(res2.code).toBe(1);
      expect(res2.stderr).toMatch(/not a duhop backup/);
      const missing = await runCli({ DATA_DIR: dir }, ['restore']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/--in FILE/);
    },
    LONG,
  );
});

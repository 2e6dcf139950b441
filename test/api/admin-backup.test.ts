import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { parseEnv } from '../../api/src/env.ts';
import { startServer, type RunningServer } from '../../api/src/server.ts';
import { openDatabase } from '../../api/src/db/client.ts';
import { restoreFromFile } from '../../api/src/features/backup/backup.ts';
import { http, loginHttp, processData, type ProcessData } from '../support/api-process.ts';
import { recentMeetingDate, reportBody } from '../support/report-bodies.ts';

// The running server's own backups, on a real server over real HTTP: the daily copies in
// BACKUP_DIR (one at start when the newest is older than a day; BACKUP_KEEP copies kept) and
// GET /api/admin/backup (admin only, audited).
let data: ProcessData;
let running: RunningServer;
const backupDir = mkdtempSync(join(tmpdir(), 'duhop-backups-'));
const OLD = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04', '2020-01-05'].map(
  (d) => `duhop-${d}-0200.sql`,
);
const logged: string[] = [];

beforeAll(async () => {
  data = await processData();
  for (const name of [...OLD, 'notes.txt']) {
    writeFileSync(join(backupDir, name), '-- old\n');
    utimesSync(
      join(backupDir, name),
      new Date('2020-01-06T00:00:00Z'),
      new Date('2020-01-06T00:00:00Z'),
    );
  }
  const env = parseEnv({
    ...data.env,
    PORT: '0',
    HOST: '127.0.0.1',
    BACKUP_DIR: backupDir,
    BACKUP_KEEP: '3',
    ESCALATION_INTERVAL_MS: '3600000',
  });
  running = await startServer(env, (line) => logged.push(line));
}, 120_000);

afterAll(async () => {
  await running?.close();
  await data?.destroy();
  rmSync(backupDir, { recursive: true, force: true });
}, 60_000);

const until = async (condition: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return condition();
};

describe('backups of the running server', () => {
  it('takes a copy at start when the newest is over a day old, and keeps BACKUP_KEEP copies', async () => {
    const written = () =>
      logged.some((l) => l.startsWith('backup written') || l.startsWith('backup failed'));
    expect(await until(written, 240_000), logged.join('\n')).toBe(true);
    expect(logged.filter((l) => l.startsWith('backup failed'))).toEqual([]);
    const files = readdirSync(backupDir).sort();
    const fresh = files.filter(
      (f) => /^duhop-\d{4}-\d\d-\d\d-\d{4}\.sql$/.test(f) && !OLD.includes(f),
    );
    expect(fresh).toHaveLength(1);
    expect(files).toEqual(
      ['duhop-2020-01-04-0200.sql', 'duhop-2020-01-05-0200.sql', fresh[0], 'notes.txt'].sort(),
    );
    expect(files.some((f) => f.endsWith('.partial'))).toBe(false);
    expect(statSync(join(backupDir, fresh[0]!)).mode & 0o777).toBe(0o600);
  }, 300_000);

  it('GET /api/admin/backup: 401 without a token, 403 for others, the dump for an admin, with an audit row', async () => {
    expect((await fetch(`${running.url}/api/admin/backup`)).status).toBe(401);
    const observer = await loginHttp(running.url, 'observer');
    const denied = await fetch(`${running.url}/api/admin/backup`, {
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBeTruthy();

    const admin = await loginHttp(running.url, 'admin');
    const res = await fetch(`${running.url}/api/admin/backup`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/sql/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="duhop-\d{4}-\d\d-\d\d-\d{4}\.sql"$/,
    );
    const text = await res.text();
    expect(text.startsWith('--\n-- PostgreSQL database dump')).toBe(true);
    expect(text.slice(-300)).toMatch(/-- PostgreSQL database dump complete\n/);
    expect(text).toContain('Phạm Thị Dung');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));

    const audit = await queryRows<{ action: string; username: string; bytes: number }>(
      running.database.db,
      sql`select a.action, u.username, (a.data->>'bytes')::int as bytes from audit_log a join users u on u.id = a.actor_id where a.entity = 'database'`,
    );
    expect(audit).toEqual([
      { action: 'database.backup', username: 'admin', bytes: Buffer.byteLength(text) },
    ]);
  }, 300_000);

  it('a dump taken while reports are being submitted holds each report whole, with all its issues', async () => {
    const observer = await loginHttp(running.url, 'observer');
    const admin = await loginHttp(running.url, 'admin');
    const sent = new Map<string, number>();
    let stop = false;
    const meetingDate = recentMeetingDate();
    // One member may submit 50 reports a day (429 beyond): on a fast database and a loaded
    // machine the two writers could reach it before the dump is out, so they stop at 40.
    const writer = async () => {
      while (!stop && sent.size < 40) {
        const body = reportBody(['hn-xom-1', 'hn-xom-2', 'hn-th'][sent.size % 3]!, meetingDate, [
          'na-bnc',
        ]);
        const res = await http(running.url, 'POST', '/api/reports', { token: observer, body });
        expect(res.status).toBe(201);
        sent.set(body.id, body.issues.length);
      }
    };
    const writers = [writer(), writer()];
    await until(() => sent.size >= 3, 120_000);
    const res = await fetch(`${running.url}/api/admin/backup`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const text = await res.text();
    stop = true;
    await Promise.all(writers);
    expect(res.status).toBe(200);

    const file = join(backupDir, 'live.sql');
    writeFileSync(file, text);
    const dir = mkdtempSync(join(tmpdir(), 'duhop-live-restore-'));
    try {
      await restoreFromFile({ kind: 'pglite', dataDir: dir }, file);
      const restored = await openDatabase({ dataDir: dir });
      try {
        const rowsBack = await queryRows<{ id: string; issues: number }>(
          restored.db,
          sql`select r.id, (select count(*)::int from issues i where i.report_id = r.id) as issues from reports r`,
        );
        expect(rowsBack.length).toBeGreaterThanOrEqual(3);
        for (const r of rowsBack) expect(r.issues, r.id).toBe(sent.get(r.id));
        const [events] = await queryRows<{ missing: number }>(
          restored.db,
          sql`select count(*)::int as missing from issues i where not exists (select 1 from issue_events e where e.issue_id = i.id)`,
        );
        expect(events!.missing).toBe(0);
      } finally {
        await restored.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('is in /openapi.json', async () => {
    const doc = await (await fetch(`${running.url}/openapi.json`)).json();
    expect(
      doc.paths['/api/admin/backup']?.get?.responses?.['200']?.content?.['application/sql'],
    ).toBeTruthy();
  }, 60_000);
});

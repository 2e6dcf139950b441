import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { buildReport } from '../support/reports.ts';

// Exactly once over real HTTP: concurrent sockets, a real pool (PostgreSQL) or PGlite's queue.
let data: ProcessData;
let api: ApiProcess;

beforeAll(async () => {
  data = await processData();
  api = await startApiProcess(data);
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

/** Reports these tests stored; their rows are counted on disk once the process has stopped. */
const stored: string[] = [];

/** Rows of the given reports, read from the database itself (PGlite: only once no process holds its directory). */
async function rowsOf(reportIds: string[]) {
  const database = await data.open();
  try {
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../../api/src/db/rows.ts');
    const out: Record<string, unknown> = {};
    for (const id of reportIds) {
      const [row] = await queryRows(
        database.db,
        sql`select (select count(*)::int from reports where id = ${id}) as reports,
          (select count(*)::int from issues where report_id = ${id}) as issues,
          (select count(*)::int from issue_events e join issues i on i.id = e.issue_id where i.report_id = ${id}) as events`,
      );
      out[id] = row;
    }
    return out;
  } finally {
    await database.close();
  }
}

describe('exactly once over real HTTP', () => {
  it('50 concurrent sends of the same report store one; an identical resend is 200, a changed one 409', async () => {
    const token = await loginHttp(api.url, 'observer');
    const report = buildReport({ meetingDate: '2026-11-03' });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        http(api.url, 'POST', '/api/reports', { token, body: report }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    // Every answer carries the same representation: the same due dates and bodies.
    const first = results.find((r) => r.status === 201)!.body;
    for (const r of results) expect(r.body).toEqual(first);

    const changed = await http(api.url, 'POST', '/api/reports', {
      token,
      body: { ...report, suggestions: 'Nội dung khác' },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('REPORT_CONFLICT');
    const again = await http(api.url, 'POST', '/api/reports', { token, body: report });
    expect(again.status).toBe(200);

    const mine = await http(api.url, 'GET', '/api/reports?limit=200', { token });
    expect(mine.body.items.filter((r: { id: string }) => r.id === report.id)).toHaveLength(1);
    const detail = await http(api.url, 'GET', `/api/reports/${report.id}`, { token });
    expect(detail.body.issues.map((i: { id: string }) => i.id)).toEqual(
      report.issues.map((i) => i.id),
    );
    for (const issue of report.issues) {
      const res = await http(api.url, 'GET', `/api/issues/${issue.id}`, { token });
      expect(res.body.events.filter((e: { type: string }) => e.type === 'routed')).toHaveLength(1);
    }
    stored.push(report.id);
  });

  it('50 concurrent sends of the same report with one changed copy: one stored, the changed one 409 or first', async () => {
    const token = await loginHttp(api.url, 'observer');
    const report = buildReport({ cellId: 'hn-xom-2', meetingDate: '2026-11-03' });
    const changed = { ...report, suggestions: 'Bản sửa' };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        http(api.url, 'POST', '/api/reports', { token, body: i === 25 ? changed : report }),
      ),
    );
    const winner = results.find((r) => r.status === 201);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    // Whichever version won, every send of the other version is a conflict and every send of the same one a 200.
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
    expect(
      statuses.filter((s) => s === 409).length === 1 ||
        statuses.filter((s) => s === 409).length === 49,
    ).toBe(true);
    expect(winner).toBeDefined();
    stored.push(report.id);
  });

  it('on disk, after the process stops, each report is stored once with its issues and events (both databases)', async () => {
    expect(stored).toHaveLength(2);
    await api.stop();
    const once = { reports: 1, issues: 2, events: 2 };
    expect(await rowsOf(stored)).toEqual(Object.fromEntries(stored.map((id) => [id, once])));
  }, 30_000);
});

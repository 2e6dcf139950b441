import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import {
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { liftDailyReportLimitOf } from '../support/limits.ts';
import { recentMeetingDate, reportBody } from '../support/report-bodies.ts';

// Crash safety: the API is killed with SIGKILL while submissions are in flight, then restarted on
// the same data. What was acknowledged (201) must be there in full; nothing may be half-written.
let data: ProcessData;
let api: ApiProcess | undefined;

beforeAll(async () => {
  data = await processData('seeded');
  // One member sends far more reports than a real day holds: lift the province's daily limit.
  await liftDailyReportLimitOf(data);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

interface Sent {
  issueIds: string[];
  status: number | 'no answer';
}

/** Sends submissions from `workers` loops until `stop()`; records every send and its outcome. */
function submissionLoad(url: string, token: string, cells: string[], workers: number) {
  const sent = new Map<string, Sent>();
  let running = true;
  let acknowledged = 0;
  const meetingDate = recentMeetingDate();
  const loop = async () => {
    while (running) {
      const body = reportBody(cells[Math.floor(Math.random() * cells.length)]!, meetingDate, [
        'na-snnmt',
        'na-bnc',
      ]);
      const record: Sent = { issueIds: body.issues.map((i) => i.id), status: 'no answer' };
      sent.set(body.id, record);
      try {
        const res = await http(url, 'POST', '/api/reports', { token, body });
        record.status = res.status;
        if (res.status === 201) acknowledged++;
      } catch {
        return; // the server is gone
      }
    }
  };
  const done = Promise.allSettled(Array.from({ length: workers }, loop));
  return {
    sent,
    acknowledged: () => acknowledged,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const until = async (condition: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('crash safety', () => {
  it('SIGKILL during a load of submissions: every 201 survives complete, nothing is half-written', async () => {
    api = await startApiProcess(data);
    const token = await loginHttp(api.url, 'observer');
    const cells = ['hn-xom-1', 'hn-xom-2', 'hn-th'];
    const sent = new Map<string, Sent>();

    // Two crashes in a row: the second one hits a database that has just recovered from the first.
    for (let round = 0; round < 2; round++) {
      const load = submissionLoad(api.url, token, cells, 12);
      const before = load.acknowledged();
      await until(() => load.acknowledged() >= before + 25, 120_000);
      await api.kill();
      await load.stop();
      for (const [id, s] of load.sent) sent.set(id, s);
      api = await startApiProcess(data);
    }

    const acked = [...sent].filter(([, s]) => s.status === 201);
    const unanswered = [...sent].filter(([, s]) => s.status === 'no answer');
    expect(acked.length).toBeGreaterThanOrEqual(50);
    expect(unanswered.length).toBeGreaterThan(0); // the kill did cut requests in flight
    const other: Record<string, number> = {};
    for (const [, s] of sent)
      if (s.status !== 201 && s.status !== 'no answer')
        other[s.status] = (other[s.status] ?? 0) + 1;
    expect(other).toEqual({});

    // Every acknowledged submission reads back in full through the restarted API.
    for (const [id, s] of acked) {
      const res = await http(api.url, 'GET', `/api/reports/${id}`, { token });
      expect(res.status, id).toBe(200);
      expect(res.body.issues.map((i: { id: string }) => i.id)).toEqual(s.issueIds);
    }
    const feed = await http(api.url, 'GET', '/api/my/issues?limit=500', { token });
    const ackedIssues = new Set(acked.flatMap(([, s]) => s.issueIds));
    expect(feed.body.items.filter((i: { id: string }) => ackedIssues.has(i.id))).toHaveLength(
      ackedIssues.size,
    );

    // Nothing half-written, checked in the database itself.
    await api.stop();
    api = undefined;
    const database = await data.open();
    try {
      const reports = await queryRows<{
        id: string;
        issues: number;
        routed: number;
        events: number;
      }>(
        database.db,
        sql`select r.id, count(distinct i.id)::int as issues,
                   count(e.id) filter (where e.type = 'routed')::int as routed, count(e.id)::int as events
              from reports r left join issues i on i.report_id = r.id left join issue_events e on e.issue_id = i.id
             group by r.id`,
      );
      for (const r of reports) {
        const s = sent.get(r.id);
        expect(s, `report ${r.id} was never sent`).toBeDefined();
        expect(r.issues, `issues of ${r.id}`).toBe(s!.issueIds.length);
        expect(r.routed, `routed events of ${r.id}`).toBe(s!.issueIds.length);
        expect(r.events).toBe(r.routed);
      }
      for (const [id] of acked)
        expect(
          reports.some((r) => r.id === id),
          id,
        ).toBe(true);
      const [orphans] = await queryRows<{ issues: number; events: number }>(
        database.db,
        sql`select (select count(*)::int from issues i where not exists (select 1 from reports r where r.id = i.report_id)) as issues,
                   (select count(*)::int from issues i where not exists (select 1 from issue_events e where e.issue_id = i.id and e.type = 'routed')) as events`,
      );
      expect(orphans).toEqual({ issues: 0, events: 0 });
    } finally {
      await database.close();
    }
  }, 400_000);
});

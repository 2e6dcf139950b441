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
import { openSocket, rawRequest } from '../support/raw-http.ts';
import { recentMeetingDate, reportBody } from '../support/report-bodies.ts';

// Clients that hang up: mid-body (the server is still reading) and mid-response (it is working or
// writing). Afterwards the server must answer as usual and hold no transaction open.
let data: ProcessData;
let api: ApiProcess | undefined;

beforeAll(async () => {
  data = await processData();
  api = await startApiProcess(data);
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await data?.destroy();
}, 30_000);

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the first `cut` bytes of a request, then hangs up (half with FIN, half with RST). */
async function abortMidBody(port: number, bytes: Buffer, cut: number, reset: boolean) {
  const socket = await openSocket(port);
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.write(bytes.subarray(0, cut), () => resolve()));
  await tick(5);
  if (reset) socket.resetAndDestroy();
  else socket.destroy();
}

/** Sends a whole request and hangs up as soon as the first response bytes arrive (or after `waitMs`). */
async function abortMidResponse(port: number, bytes: Buffer, waitMs: number, reset: boolean) {
  const socket = await openSocket(port);
  socket.on('error', () => {});
  const firstBytes = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.write(bytes);
  await Promise.race([firstBytes, tick(waitMs)]);
  if (reset) socket.resetAndDestroy();
  else socket.destroy();
}

describe('dropped clients', () => {
  it('100 requests aborted mid-body and mid-response: the server answers normally afterwards, nothing is half-written, no transaction is left open', async () => {
    const { port, url } = api!;
    const observer = await loginHttp(url, 'observer');
    const staff = await loginHttp(url, 'commune');
    const meetingDate = recentMeetingDate();
    const cells = ['hn-xom-1', 'hn-xom-2', 'hn-th'];
    const sentIssues = new Map<string, number>();
    const submission = (i: number) => {
      const body = reportBody(cells[i % cells.length]!, meetingDate);
      sentIssues.set(body.id, body.issues.length);
      return rawRequest(
        'POST',
        '/api/reports',
        port,
        { authorization: `Bearer ${observer}`, 'content-type': 'application/json' },
        JSON.stringify(body),
      );
    };
    const jobs: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      // Mid-body: a report or a login cut somewhere after the headers.
      const bytes =
        i % 5 === 0
          ? rawRequest(
              'POST',
              '/api/auth/login',
              port,
              { 'content-type': 'application/json' },
              '{"username":"observer","password":"demo1234"}',
            )
          : submission(i);
      const headerEnd = bytes.indexOf('\r\n\r\n') + 4;
      jobs.push(
        abortMidBody(
          port,
          bytes,
          headerEnd + Math.floor(((bytes.length - headerEnd) * ((i % 10) + 1)) / 11),
          i % 2 === 0,
        ),
      );
    }
    for (let i = 0; i < 50; i++) {
      // Mid-response: submissions hung up while the server works, large reads hung up while it writes.
      const bytes =
        i % 3 === 0
          ? submission(i)
          : i % 3 === 1
            ? rawRequest('GET', '/openapi.json', port)
            : rawRequest('GET', '/api/inbox?limit=200', port, { authorization: `Bearer ${staff}` });
      jobs.push(abortMidResponse(port, bytes, i % 3 === 0 ? i % 7 : 200, i % 2 === 1));
    }
    await Promise.all(jobs);

    // The process is alive and answers as usual.
    expect(api!.child.exitCode).toBeNull();
    expect((await http(url, 'GET', '/health')).status).toBe(200);
    const fresh = reportBody('hn-xom-1', meetingDate);
    const res = await http(url, 'POST', '/api/reports', { token: observer, body: fresh });
    expect(res.status).toBe(201);
    expect(
      (await http(url, 'GET', `/api/reports/${fresh.id}`, { token: observer })).body.issues,
    ).toHaveLength(fresh.issues.length);
    expect((await http(url, 'GET', '/api/inbox?limit=10', { token: staff })).status).toBe(200);
    // A hang-up is the client's doing: no crash, and no error with a stack trace in the log.
    expect(api!.output()).not.toMatch(/unhandled|uncaught/i);
    expect(api!.output()).not.toMatch(/^\[[0-9a-f-]{36}\]/m);

    if (data.sql) {
      // No connection of ours idle in a transaction (give in-flight handlers a moment to finish).
      let stuck: { state: string; query: string }[] = [];
      for (let i = 0; i < 50; i++) {
        stuck = await data.sql`select state, query from pg_stat_activity
                                where datname = ${data.databaseName!} and pid <> pg_backend_pid() and backend_type = 'client backend'
                                  and (state like 'idle in transaction%' or state = 'active')`;
        if (stuck.length === 0) break;
        await tick(100);
      }
      expect(stuck).toEqual([]);
    }

    // Whatever was stored is complete: every report with all its issues, each with its routed event.
    await api!.stop();
    api = undefined;
    const database = await data.open();
    try {
      const rows = await queryRows<{ id: string; issues: number; routed: number }>(
        database.db,
        sql`select r.id, count(distinct i.id)::int as issues, count(e.id) filter (where e.type = 'routed')::int as routed
              from reports r left join issues i on i.report_id = r.id left join issue_events e on e.issue_id = i.id group by r.id`,
      );
      for (const r of rows) {
        if (r.id === fresh.id) continue;
        expect(sentIssues.get(r.id), r.id).toBe(r.issues);
        expect(r.routed).toBe(r.issues);
      }
    } finally {
      await database.close();
    }
  }, 300_000);
});

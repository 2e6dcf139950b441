import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  http,
  loginHttp,
  processData,
  startApiProcess,
  type ApiProcess,
  type ProcessData,
} from '../support/api-process.ts';
import { recentMeetingDate, reportBody, reportBodyWithIssues } from '../support/report-bodies.ts';
import { until } from '../support/fault-load.ts';
import { openSocket, rawRequest } from '../support/raw-http.ts';

// Issue 11/13: what a real server process prints (one JSON line per request, errors without report
// content), /metrics and /health, and a shutdown that waits for a handler whose client hung up.
// A trigger added before the server starts makes chosen submissions fail or wait.
const METRICS_TOKEN = `mt-${randomBytes(12).toString('hex')}`;
const SECRET = `Bí mật báo cáo ${randomBytes(6).toString('hex')}`;
let data: ProcessData;
let api: ApiProcess | undefined;

beforeAll(async () => {
  data = await processData();
  const database = await data.open();
  try {
    await database.exec(`
      create function duhop_test_trigger() returns trigger language plpgsql as $$
      begin
        if new.suggestions like '%BOOM-7Q%' then raise exception 'the test trigger refused this row'; end if;
        if new.suggestions like '%SLOW-7Q%' then perform pg_sleep(2); end if;
        return new;
      end $$;
      create trigger duhop_test_trigger before insert on reports for each row execute function duhop_test_trigger();`);
  } finally {
    await database.close();
  }
  api = await startApiProcess(
    data,
    { METRICS_TOKEN, SHUTDOWN_TIMEOUT_MS: '20000' },
    { readyTimeoutMs: 120_000 },
  );
}, 180_000);

afterAll(async () => {
  await api?.kill();
  await data?.destroy();
}, 30_000);

const lines = () =>
  api!
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);

/** The fields of the server's JSON log lines that these tests read. */
interface LoggedError {
  stack?: string;
  cause?: LoggedError;
}
interface LogLine {
  level: string;
  time: string;
  method?: string;
  route?: string;
  status?: number;
  userId?: string | null;
  ms?: number;
  requestId?: string;
  error?: LoggedError;
}

describe('request log, errors, /metrics and /health of a real process', () => {
  it('one JSON line per request with the route pattern and user id; never bodies, passwords, query strings or report text — not even from a failing query', async () => {
    const token = await loginHttp(api!.url, 'observer');
    const me = await http(api!.url, 'GET', '/api/me', { token });
    const ok = reportBodyWithIssues('hn-xom-1', recentMeetingDate());
    ok.suggestions = SECRET;
    ok.issues = [
      {
        ...ok.issues[0]!,
        id: crypto.randomUUID(),
        title: 'Đường xóm',
        detail: `${SECRET} chi tiết`,
      },
    ] as typeof ok.issues;
    expect((await http(api!.url, 'POST', '/api/reports', { token, body: ok })).status).toBe(201);
    const bad = reportBody('hn-xom-1', recentMeetingDate());
    bad.suggestions = `BOOM-7Q ${SECRET}`;
    const failed = await http(api!.url, 'POST', '/api/reports', { token, body: bad });
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('INTERNAL_ERROR');
    expect(
      (
        await http(
          api!.url,
          'GET',
          `/api/reports/${ok.id}?q=${encodeURIComponent('QUERY-SECRET-9')}`,
          { token },
        )
      ).status,
    ).toBe(200);

    await until(
      () => lines().some((l) => l.route === '/api/reports/:id'),
      10_000,
      'the log line of the last request',
    );
    // (The demo seed's line names the demo password once, before the server is ready.)
    const out = api!.output().slice(api!.output().indexOf('API ready'));
    expect(out).not.toContain(SECRET.split(' ').at(-1)!);
    expect(out).not.toContain('demo1234');
    expect(out).not.toContain('QUERY-SECRET-9');
    expect(out).not.toContain(token);

    const requests = lines().filter((l) => l.level === 'info');
    const post = requests.filter((l) => l.method === 'POST' && l.route === '/api/reports');
    expect(post.map((l) => l.status)).toEqual([201, 500]);
    for (const l of post) {
      expect(l.userId).toBe(me.body.user.id);
      expect(typeof l.ms).toBe('number');
      expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(l.time).toString()).not.toBe('Invalid Date');
    }
    expect(requests.find((l) => l.route === '/api/auth/login')).toMatchObject({
      method: 'POST',
      status: 200,
      userId: null,
    });
    expect(requests.find((l) => l.route === '/api/reports/:id')).toMatchObject({
      method: 'GET',
      status: 200,
    });

    const error = lines().find((l) => l.level === 'error');
    expect(error).toBeDefined();
    expect(error!.requestId).toBe(failed.body.error.requestId);
    expect(JSON.stringify(error)).toMatch(/refused this row/);
    // No parameter list, query or row detail: drizzle's "Failed query … params:" (PGlite) is cut,
    // postgres.js's `parameters`/`query` properties are not copied.
    expect(JSON.stringify(error)).not.toMatch(/"(params|parameters|query|detail)"/);
    if (JSON.stringify(error).includes('Failed query'))
      expect(JSON.stringify(error)).toMatch(/params: \[redacted\]/);
    const frames = (s: LoggedError): string => `${s.stack ?? ''}${s.cause ? frames(s.cause) : ''}`;
    expect(frames(error!.error!)).toMatch(/at /);
  }, 60_000);

  it('/metrics: 401 without the token; with it, requests by route and status, latency histograms, submissions, the pool', async () => {
    expect((await http(api!.url, 'GET', '/metrics')).status).toBe(401);
    expect(
      (
        await fetch(`${api!.url}/metrics`, {
          headers: { authorization: 'Bearer wrong-token-wrong-token' },
        })
      ).status,
    ).toBe(401);
    const res = await fetch(`${api!.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain(
      'duhop_http_requests_total{method="POST",route="/api/reports",status="201"} 1',
    );
    expect(text).toContain(
      'duhop_http_requests_total{method="POST",route="/api/reports",status="500"} 1',
    );
    expect(text).toMatch(
      /duhop_http_request_duration_seconds_bucket\{method="POST",route="\/api\/reports",le="\+Inf"\} 2/,
    );
    expect(text).toMatch(
      /duhop_http_request_duration_seconds_count\{method="GET",route="\/api\/reports\/:id"\} 1/,
    );
    expect(text).toContain('duhop_reports_submitted_total 1');
    expect(text).toContain('duhop_escalations_total 0');
    expect(text).toContain('duhop_http_requests_in_flight 1');
    if (data.driver === 'pg') {
      expect(text).toMatch(/duhop_db_pool_connections\{state="active"\} \d+/);
      expect(text).toContain('duhop_db_pool_max 10');
    }
    expect(text).not.toContain('QUERY-SECRET-9');
    const health = await http(api!.url, 'GET', '/health');
    expect(health).toEqual({
      status: 200,
      body: { status: 'ok', service: 'duhop', version: expect.any(String) },
    });
  }, 30_000);

  it('SIGTERM while a submission runs and its client has hung up: the handler finishes before the database closes, the report is stored whole', async () => {
    const token = await loginHttp(api!.url, 'observer');
    const slow = reportBodyWithIssues('hn-xom-2', recentMeetingDate());
    slow.suggestions = 'SLOW-7Q';
    // The client sends the whole request, then resets its connection (RST) while the handler runs.
    const socket = await openSocket(api!.port);
    socket.on('error', () => {});
    let answered = '';
    socket.on('data', (b: Buffer) => (answered += b.toString()));
    socket.write(
      rawRequest(
        'POST',
        '/api/reports',
        api!.port,
        { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        JSON.stringify(slow),
      ),
    );
    const exited = new Promise<number | null>((resolve) =>
      api!.child.once('exit', (code) => resolve(code)),
    );
    if (data.driver === 'pg') {
      // The insert sleeps in PostgreSQL: visible from outside while the handler waits on it.
      await until(
        async () =>
          (
            await data.sql!`select 1 from pg_stat_activity where query like '%insert into reports%' and wait_event = 'PgSleep'`
          ).length > 0,
        20_000,
        'the insert to sleep',
      );
    } else {
      // PGlite sleeps on the server's own thread: the server stops answering while it does.
      await until(
        async () => {
          const probe = new AbortController();
          const t = setTimeout(() => probe.abort(), 500);
          const answered = await fetch(`${api!.url}/health`, { signal: probe.signal }).then(
            () => true,
            () => false,
          );
          clearTimeout(t);
          return !answered;
        },
        20_000,
        'the server to be inside the slow insert',
      );
    }
    socket.resetAndDestroy();
    const before = api!.output().length;
    const posts = () =>
      lines().filter((l) => l.method === 'POST' && l.route === '/api/reports' && l.status === 201)
        .length;
    const postsBefore = posts();
    const t = Date.now();
    api!.child.kill('SIGTERM');
    expect(answered).toBe('');
    expect(await exited).toBe(0);
    const shutdownMs = Date.now() - t;
    console.log(`[process-observability] shutdown with a running handler: ${shutdownMs} ms`);
    expect(shutdownMs).toBeLessThan(20_000);
    const out = api!.output().slice(before);
    if (data.driver === 'pg')
      expect(out).toMatch(/Waiting for 1 request\(s\) still running[\s\S]*1 request\(s\) finished/);
    expect(out).not.toMatch(
      /"level":"error"|PGlite is closed|CONNECTION_ENDED|still running at the shutdown timeout/,
    );
    expect(posts()).toBe(postsBefore + 1);

    const database = await data.open();
    try {
      const { queryRows } = await import('../../api/src/db/rows.ts');
      const { sql } = await import('drizzle-orm');
      const [row] = await queryRows<{ issues: number }>(
        database.db,
        sql`select (select count(*)::int from issues where report_id = ${slow.id}) as issues from reports where id = ${slow.id}`,
      );
      expect(row).toEqual({ issues: slow.issues.length });
    } finally {
      await database.close();
    }
    api = undefined;
  }, 90_000);
});

import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { seedDemo } from '../../api/src/db/seed.ts';
import { DEMO_PROVINCE_CONFIG, DEMO_PROVINCE_ID } from '../../api/src/db/seed-data.ts';
import { call, makeClient } from '../../extension/utils/api.ts';
import { createDraft, queueDraft } from '../../extension/utils/report/draft-store.ts';
import { errorText, translator } from '../../extension/utils/i18n/index.ts';
import { flushOutbox } from '../../extension/utils/outbox/outbox.ts';
import { formatDateTime } from '../../extension/utils/format.ts';
import { TestClock } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { buildReport } from '../support/reports.ts';
import { filledDraft, freshDb, USER } from './helpers/fixtures.ts';

// The province's submission limits as the side panel's outbox meets them, against the real API
// over HTTP: a report over the daily limit stays queued, unchanged, until the next local day and
// says so; a report with too many issues comes back as a draft with the field marked.
let database: TestDatabase;
let server: ServerType;
let url: string;
let token: string;
const apiClock = new TestClock(new Date('2026-11-05T09:00:00+07:00'));

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db);
  const config = {
    settings: [
      ...DEMO_PROVINCE_CONFIG.settings,
      { validFrom: '2026-01-01', limits: { maxReportsPerMemberPerDay: 1, maxIssuesPerReport: 2 } },
    ],
  };
  await database.db.execute(
    sql`update org_units set config = ${JSON.stringify(config)}::jsonb where id = ${DEMO_PROVINCE_ID}`,
  );
  const app = createApp({ database, now: apiClock.now });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await login();
}, 60_000);

async function login(): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'observer', password: 'demo1234' }),
  });
  return ((await res.json()) as { token: string }).token;
}

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.destroy();
});

/** A draft queued with a payload the real API accepts (cell, date and criteria of the demo). */
async function queue(
  db: ReturnType<typeof freshDb>,
  now: () => number,
  over: Parameters<typeof buildReport>[0] = {},
) {
  const rec = await createDraft(USER, filledDraft({ cellId: over.cellId ?? 'hn-xom-1' }), {
    db,
    now,
  });
  expect(await queueDraft(rec.id, { ...buildReport(over), id: rec.id } as never, { db, now })).toBe(
    true,
  );
  return rec.id;
}

const send = (payload: unknown) =>
  call(() => makeClient(url, token).api.reports.$post({ json: payload as never }));

describe('outbox against the submission limits', () => {
  it('over the daily limit (429): the report stays queued, unchanged, and goes out by itself the next day', async () => {
    const db = freshDb();
    let now = Date.parse('2026-11-05T09:00:00+07:00');
    const clock = () => now;
    const first = await queue(db, clock, { cellId: 'hn-xom-1' });
    now += 1000; // queued one after the other: sent in that order
    const second = await queue(db, clock, { cellId: 'hn-xom-2' });
    const before = await db.drafts.get(second);

    const out = await flushOutbox({ userId: USER, db, now: clock, send, random: () => 0.5 });
    expect((await db.drafts.get(first))!).toMatchObject({ status: 'submitted' });
    expect(out.delivered).toBe(1);
    expect((await db.drafts.get(first))!.status).toBe('submitted');
    const held = (await db.drafts.get(second))!;
    expect(held.status).toBe('queued');
    expect(held.payload).toEqual(before!.payload);
    expect(held.data).toEqual(before!.data);
    expect(held.lastError).toMatchObject({
      kind: 'limit',
      status: 429,
      code: 'DAILY_REPORT_LIMIT',
    });
    // Retry-After: the 15 hours from the server's 09:00 to the local midnight, not the 5-second backoff.
    expect(held.nextAttemptAt).toBe(now + 15 * 3600_000);
    expect(out.nextAttemptAt).toBe(held.nextAttemptAt);

    // What the member reads, in both languages.
    const vi = translator('vi');
    expect(errorText(vi, held.lastError!.code, held.lastError!.message)).toBe(
      'Hôm nay bạn đã gửi đủ số báo cáo tối đa mỗi ngày mà tỉnh cho phép.',
    );
    expect(vi('dailyLimitNotice', { time: formatDateTime(held.nextAttemptAt!, 'vi') })).toMatch(
      /^Báo cáo được giữ nguyên trong hàng chờ và sẽ tự gửi lúc .*06\/11\/2026/,
    );
    expect(errorText(translator('en'), held.lastError!.code)).toMatch(/most reports a day/);

    // A timer firing early sends nothing; the next local day it is delivered.
    expect((await flushOutbox({ userId: USER, db, now: clock, send })).delivered).toBe(0);
    now = held.nextAttemptAt!;
    apiClock.set(new Date(now));
    token = await login(); // the session idled out overnight (8 hours): the member signs in again
    const next = await flushOutbox({ userId: USER, db, now: clock, send });
    expect(next.delivered).toBe(1);
    expect((await db.drafts.get(second))!.status).toBe('submitted');
  });

  it('too many issues for the province (422): back to a draft with the issues field marked, content kept', async () => {
    apiClock.set(new Date('2026-11-07T09:00:00+07:00'));
    token = await login();
    const db = freshDb();
    const now = () => Date.parse('2026-11-07T09:00:00+07:00');
    const three = buildReport({ cellId: 'hn-th' })
      .issues.concat(buildReport().issues.slice(0, 1))
      .map((i) => ({ ...i, id: crypto.randomUUID() }));
    const id = await queue(db, now, { cellId: 'hn-th', issues: three });
    const before = await db.drafts.get(id);
    const out = await flushOutbox({ userId: USER, db, now, send });
    expect(out.returned).toBe(1);
    const back = (await db.drafts.get(id))!;
    expect(back.status).toBe('draft');
    expect(back.data).toEqual(before!.data);
    expect(back.lastError).toMatchObject({
      kind: 'rejected',
      status: 422,
      code: 'TOO_MANY_ISSUES',
    });
    expect(back.serverErrors?.issues?.[0]).toMatch(/tối đa 2 kiến nghị \(báo cáo này có 3\)/);
    expect(errorText(translator('vi'), back.lastError!.code)).toMatch(
      /nhiều kiến nghị hơn mức tỉnh cho phép/,
    );
  });
});

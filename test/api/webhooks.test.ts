import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type ActionType,
  type IssueEventPayload,
  WebhookPayload,
  type WebhookEventType,
} from '@duhop/shared';
import type { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../api/src/db/rows.ts';
import { startDeliveries } from '../../api/src/features/deliveries/outbox.ts';
import { escalateOverdue } from '../../api/src/features/issues/escalation.ts';
import {
  produceReportWebhooks,
  produceWebhooks,
  webhookHandler,
} from '../../api/src/features/webhooks/deliver.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';
import { tokenFor } from '../support/tokens.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { docsVerifier } from '../support/webhook-snippet.ts';

// Issue 16, webhooks: endpoints per province, signed JSON from the outbox with retries, order per
// issue, nothing lost across a restart; a real receiver (node:http) in the test, both databases.
const h = useHarness('2026-11-05T09:00:00+07:00');
const receiver = new WebhookReceiver();
const SECRET = 'whsec_given_by_admin_0123456789';
let workers: { stop: () => Promise<void> }[] = [];

beforeAll(async () => {
  await receiver.listen();
  // A second province with its own admin.
  await h.database.exec(`
    insert into org_units (id, name, kind, parent_id, province_id, valid_from) values
      ('other-tu', 'Tỉnh ủy Hà Tĩnh', 'province', null, null, '2025-07-01');
    insert into users (username, display_name, role, org_unit_id, password_hash)
      values ('other-admin', 'Lê Văn Khánh', 'admin', 'other-tu', 'x');`);
});
afterEach(async () => {
  for (const w of workers) await w.stop();
  workers = [];
  receiver.received = [];
  receiver.script = [];
  receiver.answer = undefined;
  if (!receiver.listening) await receiver.listen();
});
afterAll(() => receiver.close());

/** A worker on the test database: real time (signatures are checked against the clock), no backoff. */
function worker(timeoutMs = 2_000) {
  const w = startDeliveries(h.database, {
    handlers: { webhook: webhookHandler({ db: h.database.db, now: () => new Date(), timeoutMs }) },
    producers: [(db, events) => produceWebhooks(db, events)],
    reportProducers: [(db, reports) => produceReportWebhooks(db, reports)],
    intervalMs: 3_600_000,
    backoff: () => 0,
    maxAttempts: 4,
    log: () => {},
  });
  workers.push(w);
  return w;
}

async function admin(username = 'admin') {
  return tokenFor(h.database, username);
}

async function register(events: WebhookEventType[], over: Record<string, unknown> = {}) {
  const res = await read(
    h.as(await admin()).api.admin.webhooks.$post({
      json: { name: 'Hệ thống một cửa', url: receiver.url, events, secret: SECRET, ...over },
    }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Submits the demo report (two issues) and returns them with the body each went to. */
async function submit(json = buildReport()) {
  const res = await read(h.as(await tokenFor(h.database, 'observer')).api.reports.$post({ json }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.issues;
}

async function act(
  user: string,
  id: string,
  type: ActionType,
  extra: Record<string, unknown> = {},
) {
  const token = await tokenFor(h.database, user);
  const current = await read(h.as(token).api.issues[':id'].$get({ param: { id } }));
  const res = await read(
    h.as(token).api.issues[':id'].actions.$post({
      param: { id },
      json: { type, expectedVersion: current.body.version, ...extra } as never,
    }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const deliveries = () =>
  queryRows<{
    id: number;
    status: string;
    attempts: number;
    last_error: string | null;
    key: string;
  }>(
    h.database.db,
    sql`select id::int as id, status, attempts, last_error, dedupe_key as key from deliveries
         where kind = 'webhook' order by id`,
  );

describe('webhook endpoints (admin)', () => {
  it('registers with a generated secret shown once, lists, edits, rotates and deletes', async () => {
    const token = await admin();
    const api = h.as(token).api.admin.webhooks;
    const created = await read(
      api.$post({ json: { name: 'Cổng thông tin', url: receiver.url, events: ['issue.routed'] } }),
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.body).toMatchObject({
      provinceId: 'na-tu',
      provinceName: 'Tỉnh ủy Nghệ An',
      active: true,
      secretHint: `…${created.body.secret!.slice(-4)}`,
      createdByName: 'Phạm Thị Dung',
      counts: { pending: 0, delivered: 0, failed: 0 },
    });
    const id = created.body.id;
    const one = await read(api[':id'].$get({ param: { id } }));
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toContain(created.body.secret!);
    const list = await read(api.$get());
    expect(list.body.items.map((e) => e.name)).toEqual(['Cổng thông tin']);

    const edited = await read(
      api[':id'].$patch({
        param: { id },
        json: { events: ['issue.routed', 'issue.answered'], name: 'Cổng TT' },
      }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Cổng TT', secret: null });
    expect(edited.body.events).toEqual(['issue.routed', 'issue.answered']);
    const rotated = await read(api[':id'].$patch({ param: { id }, json: { rotateSecret: true } }));
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);

    const audit = await queryRows<{ action: string; data: string }>(
      h.database.db,
      sql`select action, data::text as data from audit_log where entity = 'webhook_endpoints' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.create',
      'webhook.update',
      'webhook.update',
    ]);
    expect(audit.map((a) => a.data).join()).not.toContain('whsec_');

    expect((await read(api[':id'].$delete({ param: { id } }))).status).toBe(200);
    expect((await read(api[':id'].$get({ param: { id } }))).error?.code).toBe('WEBHOOK_NOT_FOUND');
  });

  it.each([
    ['an ftp URL', { url: 'ftp://example.vn/x' }, 'url'],
    ['a URL with a password', { url: 'https://u:p@example.vn/x' }, 'url'],
    ['not a URL', { url: 'một cửa' }, 'url'],
    ['no event', { events: [] }, 'events'],
    ['an unknown event', { events: ['issue.deleted'] }, 'events.0'],
    ['the same event twice', { events: ['issue.routed', 'issue.routed'] }, 'events'],
    ['a short secret', { secret: 'ngắn' }, 'secret'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses %s with 422 on the field, and stores nothing', async (_what, over, field) => {
    const res = await h.raw('POST', '/api/admin/webhooks', {
      token: await admin(),
      body: { name: 'X', url: receiver.url, events: ['issue.routed'], ...over },
    });
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.error?.fields ?? {})).toContain(field);
    const [n] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from webhook_endpoints`,
    );
    expect(n!.n).toBe(0);
  });

  it('refuses a new secret and a rotation at once, and a malformed id', async () => {
    const ep = await register(['issue.routed']);
    const token = await admin();
    const both = await h.raw('PATCH', `/api/admin/webhooks/${ep.id}`, {
      token,
      body: { secret: 'whsec_another_given_secret', rotateSecret: true },
    });
    expect(both.status).toBe(422);
    expect(both.error?.fields).toHaveProperty('secret');
    const bad = await h.raw('GET', '/api/admin/webhooks/not-a-uuid', { token });
    expect(bad.status).toBe(422);
    expect(bad.error?.fields).toHaveProperty('id');
    const badQuery = await h.raw('GET', `/api/admin/webhooks/${ep.id}/deliveries?status=lost`, {
      token,
    });
    expect(badQuery.status).toBe(422);
    expect(badQuery.error?.fields).toHaveProperty('status');
  });

  it('another province’s admin neither sees nor changes an endpoint; staff are refused', async () => {
    const ep = await register(['issue.routed']);
    const other = await admin('other-admin');
    const list = await h.raw('GET', '/api/admin/webhooks', { token: other });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ provinceId: 'other-tu', items: [] });
    for (const [method, path, body] of [
      ['GET', `/api/admin/webhooks/${ep.id}`],
      ['PATCH', `/api/admin/webhooks/${ep.id}`, { active: false }],
      ['DELETE', `/api/admin/webhooks/${ep.id}`],
      ['POST', `/api/admin/webhooks/${ep.id}/test`],
      ['GET', `/api/admin/webhooks/${ep.id}/deliveries`],
    ] as const) {
      const res = await h.raw(method, path, { token: other, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.error?.code).toBe('WEBHOOK_NOT_FOUND');
    }
    expect(receiver.received).toHaveLength(0);
    const staff = await h.raw('GET', '/api/admin/webhooks', {
      token: await tokenFor(h.database, 'commune'),
    });
    expect(staff.status).toBe(403);
    // Nothing changed: still active, still there.
    const mine = await h.raw('GET', `/api/admin/webhooks/${ep.id}`, { token: await admin() });
    expect(mine.body.active).toBe(true);
  });

  it('the OpenAPI document has the routes and a webhooks section with the payload schemas', async () => {
    const res = await h.raw('GET', '/openapi.json');
    expect(Object.keys(res.body.webhooks)).toEqual([
      'report.submitted',
      'issue.routed',
      'issue.forwarded',
      'issue.acknowledged',
      'issue.answered',
      'issue.overdue',
      'issue.escalated',
      'webhook.test',
    ]);
    expect(
      res.body.webhooks['issue.answered'].post.requestBody.content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/WebhookIssueEvent' });
    expect(res.body.components.schemas.WebhookIssueEvent.required).toContain('occurredAt');
    expect(res.body.paths['/api/admin/webhooks/{id}/test'].post).toBeDefined();
  });
});

describe('webhook deliveries (outbox, real receiver)', () => {
  it('signs every event; the documented snippet verifies it; the body matches its schema', async () => {
    const verify = await docsVerifier();
    await register(['report.submitted', 'issue.routed']);
    const issues = await submit();
    const w = worker();
    await w.tick();
    // report.submitted rides on the first issue's order: that issue's routed goes on the next pass.
    // (Sent concurrently: compare sorted.)
    expect(receiver.types().sort()).toEqual(['issue.routed', 'report.submitted']);
    await w.tick();
    expect(receiver.types().sort()).toEqual(['issue.routed', 'issue.routed', 'report.submitted']);
    const rows = await deliveries();
    expect(receiver.received.map((r) => Number(r.headers['x-duhop-delivery'])).sort()).toEqual(
      rows.map((d) => d.id),
    );
    for (const r of receiver.received) {
      expect(verify(SECRET, r.headers['x-duhop-signature'] as string, r.body)).toBe(true);
      expect(
        verify('whsec_not_the_secret_at_all', r.headers['x-duhop-signature'] as string, r.body),
      ).toBe(false);
      expect(r.headers['x-duhop-event']).toBe(r.json.type);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const parsed = WebhookPayload.safeParse(r.json);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(r.json.occurredAt).toMatch(/\+07:00$/);
    }
    const byType = (type: string) => receiver.received.filter((r) => r.json.type === type);
    const report = byType('report.submitted')[0]!.json as Extract<
      WebhookPayload,
      { type: 'report.submitted' }
    >;
    expect(report.province).toEqual({ id: 'na-tu', name: 'Tỉnh ủy Nghệ An' });
    expect(report.data.report.issueCount).toBe(2);
    expect(report.data.issues.map((i) => i.id)).toEqual(issues.map((i) => i.id));
    const routed = byType('issue.routed')
      .map((r) => r.json as z.infer<typeof IssueEventPayload>)
      .find((p) => p.data.issue.id === issues[0]!.id)!;
    expect(routed.data.issue.cell.name).toBeTruthy();
    expect(routed.data.issue.body.id).toBe(issues[0]!.responsibleBodyId);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    // A second pass (or a second instance) produces nothing again.
    await w.tick();
    expect(receiver.received).toHaveLength(3);
  });

  it('retries after 500s, then delivers; the log shows the attempts and the last HTTP status', async () => {
    const ep = await register(['issue.routed']);
    const issues = await submit();
    const first = issues[0]!.id;
    let refusals = 0;
    receiver.answer = (r) => {
      const issue = (r.json.data as { issue: { id: string } }).issue.id;
      if (issue === first && refusals < 2) {
        refusals++;
        return { status: 500, body: 'Lỗi máy chủ nhận'.repeat(200) };
      }
      return undefined;
    };
    const w = worker();
    await w.tick(); // both tried: the first refused
    let log = await read(
      h.as(await admin()).api.admin.webhooks[':id'].deliveries.$get({
        param: { id: ep.id },
        query: { status: 'pending' },
      }),
    );
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      httpStatus: 500,
      attempts: 1,
      lastError: 'HTTP 500',
    });
    expect(log.body.items[0]!.responseBody!.length).toBe(1001); // cut at 1,000 characters + "…"
    await w.tick(); // refused again
    await w.tick(); // delivered
    const ids = receiver.received.map((r) => (r.json.data as { issue: { id: string } }).issue.id);
    expect(ids.filter((i) => i === first)).toHaveLength(3);
    expect(ids.filter((i) => i !== first)).toHaveLength(1);
    log = await read(
      h.as(await admin()).api.admin.webhooks[':id'].deliveries.$get({
        param: { id: ep.id },
        query: {},
      }),
    );
    expect(log.body.items.map((d) => [d.status, d.attempts, d.httpStatus])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 3, 200],
    ]);
    const list = await read(h.as(await admin()).api.admin.webhooks.$get());
    expect(list.body.items[0]!.counts).toEqual({ pending: 0, delivered: 2, failed: 0 });
  });

  it('keeps each issue’s events in order: while its first is failing, the next waits; other issues go on', async () => {
    await register(['issue.routed', 'issue.acknowledged']);
    const issues = await submit();
    const held = issues.find((i) => i.responsibleBodyId === 'hung-nguyen')!;
    const other = issues.find((i) => i.id !== held.id)!;
    let down = true;
    receiver.answer = (r) => {
      const issue = (r.json.data as { issue: { id: string } }).issue.id;
      return issue === held.id && down ? { status: 503 } : undefined;
    };
    const w = worker();
    await w.tick();
    await act('commune', held.id, 'acknowledge');
    await w.tick();
    await w.tick();
    const sent = () =>
      receiver.received.map((r) => [
        r.json.type,
        (r.json.data as { issue: { id: string } }).issue.id,
        r.json.type === 'issue.routed' || r.json.type === 'issue.acknowledged',
      ]);
    // The held issue's routed was tried three times; its acknowledgement never left.
    expect(receiver.received.filter((r) => r.json.type === 'issue.acknowledged')).toHaveLength(0);
    expect(
      receiver.received.filter(
        (r) => (r.json.data as { issue: { id: string } }).issue.id === other.id,
      ),
    ).toHaveLength(1);
    down = false;
    receiver.received = [];
    await w.tick(); // the routed one goes; the acknowledgement becomes the oldest of its issue
    await w.tick();
    expect(sent().map(([type, id]) => `${type}:${id === held.id ? 'held' : 'other'}`)).toEqual([
      'issue.routed:held',
      'issue.acknowledged:held',
    ]);
  });

  it('loses nothing across a restart: pending rows and events fed while stopped are sent by the next worker', async () => {
    await register(['issue.routed', 'issue.acknowledged']);
    const issues = await submit();
    await receiver.close(); // the receiver is down: connection refused
    const first = worker();
    await first.tick();
    const pending = await deliveries();
    expect(pending.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(pending[0]!.last_error).toMatch(/^Không kết nối được/);
    await first.stop();
    // While no worker runs, more happens.
    await act(
      'commune',
      issues.find((i) => i.responsibleBodyId === 'hung-nguyen')!.id,
      'acknowledge',
    );
    await receiver.listen();
    const second = worker();
    await second.tick();
    await second.tick();
    expect(receiver.types().sort()).toEqual(['issue.acknowledged', 'issue.routed', 'issue.routed']);
    expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(3);
    expect((await deliveries()).map((d) => d.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
  });

  it('a timeout, a redirect and an endpoint switched off: retried, not followed, cancelled', async () => {
    const ep = await register(['issue.routed']);
    await submit();
    receiver.script = [
      { status: 200, delayMs: 1_500 },
      { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } },
    ];
    const w = worker(300);
    await w.tick();
    const rows = await deliveries();
    expect(rows.map((r) => r.last_error).sort()).toEqual([
      'HTTP 302: chuyển hướng không được theo (redirect not followed)',
      'Hết thời gian chờ 300 ms (timeout)',
    ]);
    const off = await read(
      h.as(await admin()).api.admin.webhooks[':id'].$patch({
        param: { id: ep.id },
        json: { active: false },
      }),
    );
    expect(off.status).toBe(200);
    expect((await deliveries()).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    receiver.received = [];
    await w.tick();
    expect(receiver.received).toHaveLength(0);
  });

  it('"send test event" posts a signed webhook.test now and logs it; a failing receiver is reported', async () => {
    const verify = await docsVerifier();
    h.clock.set(new Date()); // the request signs with the app's clock; the snippet checks it against the real one
    const ep = await register(['issue.routed']);
    const token = await admin();
    const ok = await read(
      h.as(token).api.admin.webhooks[':id'].test.$post({ param: { id: ep.id } }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, httpStatus: 200, error: null, responseBody: 'ok' });
    const r = receiver.received[0]!;
    expect(r.json.type).toBe('webhook.test');
    expect(verify(SECRET, r.headers['x-duhop-signature'] as string, r.body)).toBe(true);
    expect(r.headers['x-duhop-delivery']).toBe(ok.body.deliveryId);

    receiver.script = [{ status: 410, body: 'gone' }];
    const bad = await read(
      h.as(token).api.admin.webhooks[':id'].test.$post({ param: { id: ep.id } }),
    );
    expect(bad.body).toMatchObject({
      ok: false,
      httpStatus: 410,
      error: 'HTTP 410',
      responseBody: 'gone',
    });
    const log = await read(
      h.as(token).api.admin.webhooks[':id'].deliveries.$get({ param: { id: ep.id }, query: {} }),
    );
    expect(log.body.items.map((d) => [d.type, d.status, d.httpStatus])).toEqual([
      ['webhook.test', 'failed', 410],
      ['webhook.test', 'delivered', 200],
    ]);
    // The worker never sends a test a second time.
    await worker().tick();
    expect(receiver.received).toHaveLength(2);
  });

  it('forwarded, answered, overdue and escalated reach the endpoint with the body and actor by name', async () => {
    await register(['issue.forwarded', 'issue.answered', 'issue.overdue', 'issue.escalated']);
    const issues = await submit();
    const commune = issues.find((i) => i.responsibleBodyId === 'hung-nguyen')!;
    const other = issues.find((i) => i.id !== commune.id)!;
    await act('commune', commune.id, 'forward', { toBodyId: 'na-bnc', note: 'Vượt thẩm quyền xã' });
    await act('province', commune.id, 'resolve', { note: 'Đã hòa giải thành' });
    // Long after every deadline: the other issue is escalated (one history entry, two events).
    expect(
      await escalateOverdue(h.database, new Date('2027-06-01T09:00:00+07:00')),
    ).toBeGreaterThan(0);
    const w = worker();
    for (let i = 0; i < 3; i++) await w.tick();
    const got = receiver.received.map((r) => r.json as z.infer<typeof IssueEventPayload>);
    const of = (type: string, id: string) =>
      got.filter((p) => p.type === type && p.data.issue.id === id);
    const forwarded = of('issue.forwarded', commune.id)[0]!;
    expect(forwarded.data.event).toMatchObject({
      kind: 'forward',
      note: 'Vượt thẩm quyền xã',
      toBody: { id: 'na-bnc', name: expect.stringContaining('Nội chính') },
      actorName: expect.any(String),
    });
    expect(of('issue.answered', commune.id)[0]!.data.event).toMatchObject({
      kind: 'resolve',
      toStatus: 'resolved',
    });
    expect(of('issue.overdue', other.id)).toHaveLength(1);
    expect(of('issue.escalated', other.id)).toHaveLength(1);
    expect(of('issue.overdue', other.id)[0]!.id).not.toBe(of('issue.escalated', other.id)[0]!.id);
  });

  it('every report raises one report.submitted: without issues, all answered at the meeting, resent, two instances', async () => {
    await register(['report.submitted', 'issue.routed', 'issue.answered']);
    const empty = buildReport({ issues: [] });
    const atMeeting = buildReport({
      cellId: 'hn-xom-2',
      issues: [
        {
          id: randomUUID(),
          title: 'Điện chiếu sáng ngõ xóm',
          detail: 'Đã được Bí thư chi bộ giải đáp tại cuộc họp.',
          category: 'ha_tang_giao_thong',
          urgency: 'normal',
          answeredAtMeeting: { by: 'Bí thư chi bộ', answer: 'Đã giải đáp tại cuộc họp' },
        },
      ],
    });
    const normal = buildReport({ meetingDate: '2026-11-04' });
    expect(await submit(empty)).toEqual([]);
    await submit(atMeeting);
    await submit(normal);
    // Identical resends are recognised (200) and raise nothing more.
    for (const again of [empty, atMeeting]) {
      const res = await read(
        h.as(await tokenFor(h.database, 'observer')).api.reports.$post({ json: again }),
      );
      expect(res.status).toBe(200);
    }
    // Two instances feed and send at once.
    const a = worker();
    const b = worker();
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    await a.tick();
    const submitted = receiver.received.filter((r) => r.json.type === 'report.submitted');
    const ids = submitted.map(
      (r) => (r.json as Extract<WebhookPayload, { type: 'report.submitted' }>).data.report.id,
    );
    expect(ids.sort()).toEqual([empty.id, atMeeting.id, normal.id].sort());
    const none = submitted.find((r) => r.json.id === `report.submitted.${empty.id}`)!
      .json as Extract<WebhookPayload, { type: 'report.submitted' }>;
    expect(none.data.report).toMatchObject({ issueCount: 0, cell: { id: 'hn-xom-1' } });
    expect(none.data.issues).toEqual([]);
    expect(none.province).toEqual({ id: 'na-tu', name: 'Tỉnh ủy Nghệ An' });
    expect(none.occurredAt).toMatch(/\+07:00$/);
    expect(WebhookPayload.safeParse(none).success).toBe(true);
    expect(receiver.types().sort()).toEqual([
      'issue.answered',
      'issue.routed',
      'issue.routed',
      'report.submitted',
      'report.submitted',
      'report.submitted',
    ]);
    // Each report's submission was produced before its first issue's first entry (same order key).
    const rows = await queryRows<{ id: number; key: string; order_key: string }>(
      h.database.db,
      sql`select id::int as id, dedupe_key as key, order_key from deliveries where kind = 'webhook' order by id`,
    );
    for (const report of [atMeeting, normal]) {
      const first = rows.find((r) => r.key.endsWith(`report.submitted:${report.id}`))!;
      const firstIssue = report.issues[0]!.id;
      const own = rows.filter((r) => r.order_key === first.order_key);
      expect(first.order_key.endsWith(`:${firstIssue}`)).toBe(true);
      expect(own[0]!.id).toBe(first.id);
      expect(own.length).toBe(2);
    }
    expect(rows.find((r) => r.key.endsWith(`report.submitted:${empty.id}`))!.order_key).toMatch(
      new RegExp(`:report:${empty.id}$`),
    );
    // Nothing more on later passes.
    await b.tick();
    expect(receiver.received).toHaveLength(6);
  });

  it('the report feed reads only committed reports: one stored after a pass is fed by the next', async () => {
    await register(['report.submitted']);
    const w = worker();
    await w.tick();
    expect(receiver.received).toHaveLength(0);
    const r1 = buildReport({ issues: [] });
    await submit(r1);
    await w.tick();
    const r2 = buildReport({ issues: [], meetingDate: '2026-11-04' });
    await submit(r2);
    await w.tick();
    expect(receiver.received.map((r) => r.json.id)).toEqual([
      `report.submitted.${r1.id}`,
      `report.submitted.${r2.id}`,
    ]);
    const [cursor] = await queryRows<{ last: number }>(
      h.database.db,
      sql`select last_event_id::int as last from delivery_cursors where name = 'reports'`,
    );
    expect(cursor!.last).toBe(2);
  });

  it('an endpoint hears only its own province and its own events', async () => {
    await register(['issue.acknowledged']);
    await h.database.exec(
      `insert into webhook_endpoints (province_id, name, url, secret, events)
       values ('other-tu', 'Hà Tĩnh', '${receiver.url}', '${SECRET}', '{issue.routed}')`,
    );
    await submit();
    await worker().tick();
    expect(receiver.received).toHaveLength(0);
  });
});

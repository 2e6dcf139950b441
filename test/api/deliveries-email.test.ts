import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/src/db/client.ts';
import { queryRows } from '../../api/src/db/rows.ts';
import { emailModule } from '../../api/src/features/deliveries/email/email.ts';
import { startDeliveries } from '../../api/src/features/deliveries/outbox.ts';
import type { Database } from '../../api/src/db/client.ts';
import { useHarness } from '../support/app.ts';
import { read } from '../support/client.ts';
import { buildReport } from '../support/reports.ts';
import { TestSmtp } from '../support/smtp.ts';

const h = useHarness('2026-11-05T09:00:00+07:00');
const isPg = process.env.TEST_DB_DRIVER === 'pg';
const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const servers: TestSmtp[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function smtp(start = true) {
  const s = start ? await TestSmtp.started() : await TestSmtp.reserve();
  servers.push(s);
  return s;
}

/** The outbox with the email module on `database`, ticked by hand on the test clock. */
function worker(server: TestSmtp, database: Database = h.database) {
  const mod = emailModule({
    url: server.url,
    from: '"duhop" <duhop@example.vn>',
    links: { base: EXT },
    timeoutMs: 3_000,
  });
  const w = startDeliveries(database, {
    handlers: mod.handlers!,
    producers: mod.producers,
    schedulers: mod.schedulers,
    now: h.clock.now,
    intervalMs: 3_600_000,
    maxAttempts: 3,
    backoff: () => 60_000,
  });
  stops.push(async () => {
    await w.stop();
    await mod.close?.();
  });
  return w;
}

const OFF = { email: null, immediate: false, digest: false, digestHour: 7, ownIssues: false };

async function setSettings(username: string, body: Record<string, unknown>) {
  return h.raw('PUT', '/api/me/notification-settings', {
    token: await h.login(username),
    body: { ...OFF, ...body },
  });
}

/** Submits a report of the observer with one issue per title (routed to xã Hưng Nguyên). */
async function raise(...titles: string[]) {
  const res = await read(
    h.as(await h.login('observer')).api.reports.$post({
      json: buildReport({
        issues: titles.map((title) => ({
          id: randomUUID(),
          title,
          detail: 'Chi tiết',
          category: 'dat_dai' as never,
        })),
      }),
    }),
  );
  expect(res.status).toBe(201);
  return res.body.issues.map((i) => i.id);
}

async function act(
  username: string,
  id: string,
  type: string,
  extra: Record<string, unknown> = {},
) {
  const admin = await h.login('admin');
  const current = await h.raw('GET', `/api/issues/${id}`, { token: admin });
  const res = await h.raw('POST', `/api/issues/${id}/actions`, {
    token: await h.login(username),
    body: { type, expectedVersion: current.body.version, ...extra },
  });
  expect(res.status).toBe(200);
}

const deliveryRows = () =>
  queryRows<{ dedupe_key: string; status: string; attempts: number; last_error: string | null }>(
    h.database.db,
    sql`select dedupe_key, status, attempts, last_error from deliveries order by id`,
  );

describe('notification settings (GET/PUT /api/me/notification-settings)', () => {
  it('defaults, saves, and says which options apply to the account', async () => {
    const token = await h.login('commune');
    const before = await h.raw('GET', '/api/me/notification-settings', { token });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ...OFF, staff: true, member: false, emailEnabled: false });
    const put = await setSettings('commune', {
      email: ' binh@example.vn ',
      immediate: true,
      digest: true,
      digestHour: 17,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ email: 'binh@example.vn', digestHour: 17, immediate: true });
    const after = await h.raw('GET', '/api/me/notification-settings', { token });
    expect(after.body).toEqual(put.body);
  });

  it.each([
    ['a bad address', 'commune', { email: 'không phải thư', immediate: true }, 'email'],
    ['an hour past 23', 'commune', { email: 'a@b.vn', digest: true, digestHour: 24 }, 'digestHour'],
    ['a fractional hour', 'commune', { email: 'a@b.vn', digestHour: 7.5 }, 'digestHour'],
    ['an option without an address', 'commune', { immediate: true }, 'email'],
    ['staff options for a member', 'observer', { email: 'a@b.vn', digest: true }, 'digest'],
    ['the own-issue mail for staff', 'commune', { email: 'a@b.vn', ownIssues: true }, 'ownIssues'],
    ['an unknown field', 'commune', { email: 'a@b.vn', sms: true }, ''],
  ])('refuses %s with 422 and the field, and saves nothing', async (_, user, body, field) => {
    const res = await setSettings(user, body);
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('VALIDATION_FAILED');
    if (field) expect(Object.keys(res.error?.fields ?? {})).toContain(field);
    const [n] = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from notification_settings`,
    );
    expect(n!.n).toBe(0);
  });

  it('needs a session', async () => {
    expect((await h.raw('GET', '/api/me/notification-settings')).status).toBe(401);
  });
});

describe('email deliveries through a real SMTP server', () => {
  it('staff who opted in get one Vietnamese mail per issue routed to their body, plain and HTML, with the link; others none', async () => {
    const server = await smtp();
    expect(
      (await setSettings('commune', { email: 'binh@example.vn', immediate: true })).status,
    ).toBe(200);
    // Opted out (digest only) and another body's staff: nothing.
    await setSettings('commune2', { email: 'hung@example.vn', immediate: true });
    await setSettings('province', { email: 'cuong@example.vn', digest: true, digestHour: 23 });
    h.clock.set('2026-11-05T09:00:00+07:00');
    const [id] = await raise('Đường liên xóm xuống cấp <nghiêm trọng>');
    const w = worker(server);
    const r = await w.tick();
    expect(r).toMatchObject({ enqueued: 1, delivered: 1 });
    expect(server.mails).toHaveLength(1);
    const [m] = server.mails;
    expect(m!.to).toEqual(['binh@example.vn']);
    expect(m!.parsed.subject).toBe('Kiến nghị mới: Đường liên xóm xuống cấp <nghiêm trọng>');
    expect(m!.parsed.from?.text).toContain('duhop@example.vn');
    const text = m!.parsed.text!;
    const html = String(m!.parsed.html);
    const link = `${EXT}/workspace.html#/inbox/${id}`;
    for (const body of [text, html]) {
      expect(body).toContain('Đảng ủy xã Hưng Nguyên');
      expect(body).toContain('Chi bộ xóm 1');
      expect(body).toContain('Đất đai');
      expect(body).toMatch(/\d{2}\/\d{2}\/2026/);
      expect(body).toContain(link);
      expect(body).not.toContain('hung-nguyen');
    }
    expect(html).toContain('&lt;nghiêm trọng&gt;');
    expect(html).toContain('lang="vi"');
    // Another tick sends nothing again.
    expect(await w.tick()).toMatchObject({ enqueued: 0, delivered: 0 });
    expect(server.mails).toHaveLength(1);
  });

  it('a forward mails the new body’s staff; the member hears of the answer and of the return', async () => {
    const server = await smtp();
    await setSettings('province', { email: 'cuong@example.vn', immediate: true });
    await setSettings('observer', { email: 'an@example.vn', ownIssues: true });
    const [a, b] = await raise('Tranh chấp đất', 'Ô nhiễm suối');
    const w = worker(server);
    await act('commune', a!, 'forward', { toBodyId: 'na-bnc', note: 'Vượt thẩm quyền xã' });
    await act('commune', b!, 'return_for_clarification', { note: 'Ghi rõ vị trí' });
    await w.tick();
    await act('province', a!, 'resolve', { note: 'Đã hòa giải thành' });
    await w.tick();
    const bySubject = Object.fromEntries(server.mails.map((m) => [m.parsed.subject, m]));
    expect(server.mails).toHaveLength(3);
    expect(Object.keys(bySubject)).toEqual(
      expect.arrayContaining([
        'Kiến nghị cần làm rõ thêm: Ô nhiễm suối',
        'Kiến nghị được chuyển tiếp: Tranh chấp đất',
        'Kiến nghị đã được trả lời: Tranh chấp đất',
      ]),
    );
    const fwd = bySubject['Kiến nghị được chuyển tiếp: Tranh chấp đất']!;
    expect(fwd.to).toEqual(['cuong@example.vn']);
    expect(fwd.parsed.text).toContain('từ Đảng ủy xã Hưng Nguyên');
    expect(fwd.parsed.text).toContain('Vượt thẩm quyền xã');
    const answered = bySubject['Kiến nghị đã được trả lời: Tranh chấp đất']!;
    expect(answered.to).toEqual(['an@example.vn']);
    expect(answered.parsed.text).toContain('Đã giải quyết xong');
    expect(answered.parsed.text).toContain('Đã hòa giải thành');
    expect(answered.parsed.text).toContain('Lê Văn Cường');
    expect(answered.parsed.text).toMatch(/sidepanel\.html#\/report\//);
    expect(bySubject['Kiến nghị cần làm rõ thêm: Ô nhiễm suối']!.parsed.text).toContain(
      'Ghi rõ vị trí',
    );
  });

  it('the digest goes once a day at the chosen hour in Vietnam time (+07:00), with its lists', async () => {
    const server = await smtp();
    await setSettings('commune', { email: 'binh@example.vn', digest: true, digestHour: 6 });
    h.clock.set('2026-11-05T10:00:00+07:00');
    const [fresh, soon] = await raise('Kiến nghị mới A', 'Kiến nghị B');
    await act('commune', soon!, 'acknowledge');
    const w = worker(server);
    // 05:59 on 06/11 in Vietnam is 22:59 UTC on 05/11: not yet.
    h.clock.set('2026-11-05T22:59:00Z');
    await w.tick();
    expect(server.mails).toHaveLength(0);
    h.clock.set('2026-11-05T23:00:00Z');
    await w.tick();
    h.clock.set('2026-11-06T02:00:00Z');
    await w.tick();
    expect(server.mails).toHaveLength(1);
    const m = server.mails[0]!;
    expect(m.parsed.subject).toBe('Tổng hợp kiến nghị ngày 06/11/2026 – Đảng ủy xã Hưng Nguyên');
    expect(m.parsed.text).toContain('Kiến nghị mới chờ tiếp nhận: 1');
    expect(m.parsed.text).toContain('Kiến nghị mới A');
    expect(m.parsed.text).toContain(`${EXT}/workspace.html#/inbox/${fresh}`);
    expect(String(m.parsed.html)).toContain('Quá hạn');
    // The next day, at the hour again.
    h.clock.set('2026-11-07T06:30:00+07:00');
    await w.tick();
    expect(server.mails.map((x) => x.parsed.subject)).toEqual([
      'Tổng hợp kiến nghị ngày 06/11/2026 – Đảng ủy xã Hưng Nguyên',
      'Tổng hợp kiến nghị ngày 07/11/2026 – Đảng ủy xã Hưng Nguyên',
    ]);
    expect((await deliveryRows()).map((r) => r.dedupe_key)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^email:digest:.+:2026-11-06$/)]),
    );
  });

  it('lists an issue due within 2 working days and an overdue one in the digest', async () => {
    const server = await smtp();
    await setSettings('commune', { email: 'binh@example.vn', digest: true, digestHour: 7 });
    const [id] = await raise('Kiến nghị C');
    await act('commune', id!, 'acknowledge');
    const [issue] = await queryRows<{ due_at: string }>(
      h.database.db,
      sql`select due_at from issues where id = ${id}`,
    );
    const due = new Date(issue!.due_at);
    const w = worker(server);
    // The morning of the due day (07:00 +07:00): due within 2 working days.
    const dueDay = new Date(due.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    h.clock.set(`${dueDay}T07:00:00+07:00`);
    await w.tick();
    expect(server.mails.at(-1)!.parsed.text).toContain('Sắp đến hạn (trong 2 ngày làm việc): 1');
    // Three days later: overdue.
    h.clock.set(new Date(due.getTime() + 3 * 86_400_000));
    await w.tick();
    expect(server.mails.at(-1)!.parsed.text).toContain('Quá hạn: 1');
  });

  it('no digest mail when there is nothing to report (the row is cancelled with the reason)', async () => {
    const server = await smtp();
    await setSettings('province', { email: 'cuong@example.vn', digest: true, digestHour: 7 });
    const w = worker(server);
    await w.tick();
    expect(server.mails).toHaveLength(0);
    expect(await deliveryRows()).toMatchObject([
      { status: 'cancelled', last_error: 'Không có kiến nghị nào để báo trong ngày' },
    ]);
  });

  it('retries after a refused connection and after a refusing server, then delivers once', async () => {
    const server = await smtp(false);
    await setSettings('commune', { email: 'binh@example.vn', immediate: true });
    await raise('Kiến nghị D');
    const w = worker(server);
    await w.tick();
    let [row] = await deliveryRows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED/);
    await server.start();
    server.reject = 'Hộp thư tạm thời đầy';
    h.clock.advance(60_000);
    await w.tick();
    [row] = await deliveryRows();
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.last_error).toMatch(/451/);
    server.reject = null;
    // Not due before the backoff has passed.
    await w.tick();
    expect(server.mails).toHaveLength(0);
    h.clock.advance(60_000);
    await w.tick();
    expect(server.mails).toHaveLength(1);
    expect(await deliveryRows()).toMatchObject([
      { status: 'delivered', attempts: 3, last_error: null },
    ]);
  });

  it('gives up after the last attempt: failed, with the error, shown to the admin who can retry it', async () => {
    const server = await smtp(false);
    await setSettings('commune', { email: 'binh@example.vn', immediate: true });
    await raise('Kiến nghị E');
    const w = worker(server);
    for (let i = 0; i < 3; i++) {
      await w.tick();
      h.clock.advance(60_000);
    }
    expect(await deliveryRows()).toMatchObject([{ status: 'failed', attempts: 3 }]);
    const admin = await h.login('admin');
    const list = await h.raw('GET', '/api/admin/deliveries?kind=email&status=failed', {
      token: admin,
    });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0];
    expect(item).toMatchObject({
      kind: 'email',
      status: 'failed',
      attempts: 3,
      summary: 'Kiến nghị mới: Kiến nghị E',
      targetName: 'Trần Thị Bình <binh@example.vn>',
    });
    expect(item.lastError).toMatch(/ECONNREFUSED/);
    expect(item.createdAt).toMatch(/\+07:00$/);
    // Retry: pending again, attempts start over; once the server listens it goes out.
    const retry = await h.raw('POST', `/api/admin/deliveries/${item.id}/retry`, { token: admin });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'pending', attempts: 0 });
    await server.start();
    await w.tick();
    expect(server.mails).toHaveLength(1);
    const again = await h.raw('POST', `/api/admin/deliveries/${item.id}/retry`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('DELIVERY_DONE');
  });

  it('the admin list: filters, paging, scope and errors', async () => {
    await setSettings('commune', { email: 'binh@example.vn', immediate: true });
    await raise('K1', 'K2', 'K3');
    const server = await smtp();
    await worker(server).tick();
    const admin = await h.login('admin');
    const p1 = await h.raw('GET', '/api/admin/deliveries?limit=2', { token: admin });
    expect(p1.body.items.map((i: { summary: string }) => i.summary)).toEqual([
      'Kiến nghị mới: K3',
      'Kiến nghị mới: K2',
    ]);
    const p2 = await h.raw('GET', `/api/admin/deliveries?limit=2&cursor=${p1.body.nextCursor}`, {
      token: admin,
    });
    expect(p2.body).toMatchObject({ items: [{ summary: 'Kiến nghị mới: K1' }], nextCursor: null });
    expect(
      (await h.raw('GET', '/api/admin/deliveries?status=failed', { token: admin })).body.items,
    ).toEqual([]);
    expect(
      (await h.raw('GET', '/api/admin/deliveries?status=lost', { token: admin })).error?.fields,
    ).toHaveProperty('status');
    expect(
      (await h.raw('POST', '/api/admin/deliveries/abc/retry', { token: admin })).error?.fields,
    ).toHaveProperty('id');
    expect(
      (await h.raw('POST', '/api/admin/deliveries/999999/retry', { token: admin })).status,
    ).toBe(404);
    const staff = await h.login('commune');
    expect((await h.raw('GET', '/api/admin/deliveries', { token: staff })).status).toBe(403);
  });

  it.skipIf(!isPg)(
    'two API instances on one PostgreSQL send one mail per event (PostgreSQL only: a PGlite directory admits one process)',
    async () => {
      const server = await smtp();
      await setSettings('commune', { email: 'binh@example.vn', immediate: true, digest: true });
      const second = await openDatabase({ url: h.database.url!, max: 4 });
      stops.push(() => second.close());
      const a = worker(server);
      const b = worker(server, second);
      await raise('P1', 'P2');
      await Promise.all([a.tick(), b.tick(), raise('P3'), a.tick(), b.tick()]);
      await Promise.all([a.tick(), b.tick()]);
      const subjects = server.mails.map((m) => m.parsed.subject).sort();
      expect(subjects.filter((s) => s?.startsWith('Kiến nghị mới'))).toEqual([
        'Kiến nghị mới: P1',
        'Kiến nghị mới: P2',
        'Kiến nghị mới: P3',
      ]);
      // The digest (hour 7 has come at 09:00): one.
      expect(subjects.filter((s) => s?.startsWith('Tổng hợp'))).toHaveLength(1);
    },
  );
});
